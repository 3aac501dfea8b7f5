using FlowSight.Core;
using FlowSight.Venues.GateIo.Rest;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.GateIo.Trading;

/// <summary>How a <see cref="GateIoExecutionClient"/> reaches one Gate.io account on one market (spot or USDT futures).</summary>
public sealed record GateIoExecutionClientOptions
{
    /// <summary>Gate's spot WebSocket (private channels share it with public ones).</summary>
    public static readonly Uri DefaultSpotStreamUri = new("wss://api.gateio.ws/ws/v4/");

    /// <summary>Gate's USDT-settled futures WebSocket.</summary>
    public static readonly Uri DefaultUsdtFuturesStreamUri = new("wss://fx-ws.gateio.ws/v4/ws/usdt");

    /// <summary>Spot (<c>/spot/*</c>, <c>spot.*</c> channels) or USDT perpetuals (<c>/futures/usdt/*</c>, <c>futures.*</c>).</summary>
    public required GateIoMarket Market { get; init; }

    /// <summary>The account's name (config key, shown in reports); never the API key.</summary>
    public required string Account { get; init; }

    /// <summary>The API key (<c>KEY</c> header).</summary>
    public required string ApiKey { get; init; }

    /// <summary>The API key's secret (signs every private request and channel subscription).</summary>
    public required string ApiSecret { get; init; }

    /// <summary>
    /// Gate's numeric user id: the futures private channels take it as their first payload element (Gate refuses the
    /// subscription without it); unused on spot.
    /// </summary>
    public string? UserId { get; init; }

    /// <summary>
    /// The instruments to trade, as <see cref="GateIoRestClient.GetInstrumentsAsync"/> reads them: futures quantities
    /// are contracts (<c>size</c>; <see cref="Instrument.ContractMultiplier"/> = <c>quanto_multiplier</c>), spot
    /// quantities are base asset. Only those of <see cref="Market"/> are traded.
    /// </summary>
    public required IReadOnlyList<Instrument> Instruments { get; init; }

    /// <summary>The REST transport: API root (tests: 127.0.0.1/api/v4), attempt timeout, 429 wait, shared host registry.</summary>
    public GateIoRestOptions Rest { get; init; } = new();

    /// <summary>The private WebSocket; null for Gate's default of <see cref="Market"/>.</summary>
    public Uri? PrivateStreamUri { get; init; }

    /// <summary>Gate's spot <c>account</c> field for orders: <c>spot</c>, or <c>unified</c> for unified accounts.</summary>
    public string SpotAccount { get; init; } = "spot";

    /// <summary>
    /// The price USDT futures stop and take-profit orders (Gate's price-triggered orders) watch: the last trade price
    /// (Gate's default) or the mark price.
    /// </summary>
    public GateIoTriggerPrice TriggerPrice { get; init; } = GateIoTriggerPrice.Last;

    /// <summary>
    /// How long a regular futures order's update or fill that is not ours by its text is held while a price order of
    /// ours on the contract waits for its trigger, in case <c>futures.autoorders</c> names it as the order Gate placed
    /// for ours a moment later (released on the next private message after this; zero: never held).
    /// </summary>
    public TimeSpan TriggeredOrderLinkWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the client sends Gate's application ping (<c>spot.ping</c> / <c>futures.ping</c>).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Silence after a ping after which the connection is declared dead and replaced.</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long connecting and the signed subscriptions may take.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Delays between reconnect attempts.</summary>
    public BackoffPolicy Reconnect { get; init; } = new() { InitialDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(30) };

    /// <summary>How many times an order command refused with HTTP 429 (not executed) is sent again after Gate's window resets.</summary>
    public int MaxRateLimitRetries { get; init; } = 3;

    /// <summary>Seed of the reconnect jitter (tests pass one for repeatable runs).</summary>
    public int? RandomSeed { get; init; }

    /// <summary>The private WebSocket in use.</summary>
    public Uri StreamUri => PrivateStreamUri ?? (Market == GateIoMarket.Spot ? DefaultSpotStreamUri : DefaultUsdtFuturesStreamUri);
}
