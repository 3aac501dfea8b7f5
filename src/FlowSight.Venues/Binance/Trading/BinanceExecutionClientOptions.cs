using FlowSight.Core;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>How a <see cref="BinanceExecutionClient"/> reaches one Binance account on one market.</summary>
public sealed record BinanceExecutionClientOptions
{
    /// <summary><see cref="BinanceMarket.UsdM"/> or <see cref="BinanceMarket.Spot"/>.</summary>
    public required BinanceMarket Market { get; init; }

    /// <summary>REST base address (<c>https://fapi.binance.com</c>, <c>https://api.binance.com</c>; tests: the paper venue's).</summary>
    public required Uri RestBaseAddress { get; init; }

    /// <summary>WebSocket base address; the user stream is <c>{base}/ws/{listenKey}</c> (<c>wss://fstream.binance.com</c>, <c>wss://stream.binance.com:9443</c>).</summary>
    public required Uri WebSocketBaseAddress { get; init; }

    /// <summary>The API key.</summary>
    public required string ApiKey { get; init; }

    /// <summary>The API secret (kept as bytes by the signer, never logged).</summary>
    public required string ApiSecret { get; init; }

    /// <summary>The account's name in configuration and reports.</summary>
    public required string Account { get; init; }

    /// <summary>The instruments to trade (from <see cref="Rest.BinanceRestClient.GetExchangeInfoAsync"/>).</summary>
    public required IReadOnlyList<Instrument> Instruments { get; init; }

    /// <summary>Milliseconds after <c>timestamp</c> a request stays valid (Binance's default 5000, at most 60000).</summary>
    public int RecvWindowMs { get; init; } = 5_000;

    /// <summary>The clock for timestamps, keep-alives, back-off and timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How often the listen key is kept alive (Binance: every 30 minutes; a key lives 60).</summary>
    public TimeSpan ListenKeyKeepAlive { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Wait before reconnecting a lost user stream (doubles per failed attempt up to <see cref="ReconnectMaxDelay"/>).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between reconnect attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one REST attempt may take before its outcome is unknown.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times an order refused with 429/418 (never executed) is sent again once the host opens.</summary>
    public int MaxRateLimitedResends { get; init; } = 5;

    /// <summary>The longest an order waits for a 429/418 block to end before it is reported as failed (not sent).</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long the events of a regular order that may be one of our triggered algo orders wait for the
    /// <c>ALGO_UPDATE</c> TRIGGERED naming it before they are reported as another order's (USDⓈ-M).
    /// </summary>
    public TimeSpan AlgoTriggerGrace { get; init; } = BinanceUserDataParser.DefaultTriggerGrace;

    /// <summary>Final algo orders remembered, so late duplicates of their regular order's events stay ours (USDⓈ-M).</summary>
    public int MaxFinishedAlgoOrders { get; init; } = BinanceAlgoOrderIds.DefaultMaxFinished;

    /// <summary>Account order-count limits (pool per account, counted from <c>X-MBX-ORDER-COUNT-*</c>); null for Binance's defaults.</summary>
    public IReadOnlyList<RateLimitRule>? OrderLimits { get; init; }

    /// <summary>Shares per-IP weight windows and 429/418 blocks with the other clients of the same host; null for a private registry.</summary>
    public RestHostRegistry? Hosts { get; init; }

    /// <summary>Creates the HTTP handler under the API-key handler; null for a pooled <see cref="System.Net.Http.SocketsHttpHandler"/>.</summary>
    public Func<HttpMessageHandler>? HandlerFactory { get; init; }
}
