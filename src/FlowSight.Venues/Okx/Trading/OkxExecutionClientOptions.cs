using FlowSight.Core;
using FlowSight.Venues.Network;
using FlowSight.Venues.Okx.Rest;

namespace FlowSight.Venues.Okx.Trading;

/// <summary>How an <see cref="OkxExecutionClient"/> reaches one OKX account.</summary>
public sealed record OkxExecutionClientOptions
{
    /// <summary>OKX's private WebSocket address.</summary>
    public static readonly Uri DefaultPrivateStreamUri = new("wss://ws.okx.com:8443/ws/v5/private");

    /// <summary>The account's name (config key, shown in reports); never the API key.</summary>
    public required string Account { get; init; }

    /// <summary>The API key (<c>OK-ACCESS-KEY</c>).</summary>
    public required string ApiKey { get; init; }

    /// <summary>The API key's secret (signs every private request).</summary>
    public required string ApiSecret { get; init; }

    /// <summary>The passphrase chosen when the key was created (<c>OK-ACCESS-PASSPHRASE</c>).</summary>
    public required string Passphrase { get; init; }

    /// <summary>
    /// The instruments to trade, as <see cref="OkxRestClient.GetInstrumentsAsync"/> reads them: SWAP and FUTURES
    /// quantities are contracts (OKX's <c>sz</c>), SPOT quantities are base asset.
    /// </summary>
    public required IReadOnlyList<Instrument> Instruments { get; init; }

    /// <summary>The REST transport: base address (tests: 127.0.0.1), timeouts, 429 wait, shared host registry.</summary>
    public OkxRestOptions Rest { get; init; } = new();

    /// <summary>The private WebSocket (<c>/ws/v5/private</c>).</summary>
    public Uri PrivateStreamUri { get; init; } = DefaultPrivateStreamUri;

    /// <summary>Place, cancel and amend over the private WebSocket (OKX's fastest path); false: over REST. While the socket is down, REST is used.</summary>
    public bool UseWebSocketOrders { get; init; } = true;

    /// <summary>
    /// Replace with OKX's <c>amend-order</c> (ids kept). False: cancel, then place the rest of the new total under
    /// <see cref="ReplaceOrder.NewClientOrderId"/> (for an OKX-compatible venue without amend).
    /// </summary>
    public bool AmendInPlace { get; init; } = true;

    /// <summary>OKX's <c>tdMode</c> for derivatives orders: <c>cross</c> or <c>isolated</c> (SPOT orders use <c>cash</c>).</summary>
    public string MarginMode { get; init; } = "cross";

    /// <summary>Adds <c>x-simulated-trading: 1</c> to REST calls, for OKX's demo trading keys.</summary>
    public bool DemoTrading { get; init; }

    /// <summary>How long an order request may wait for its answer before its fate is unknown.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Silence after which the client sends the text <c>ping</c>: OKX closes a connection that carries nothing for 30
    /// seconds and asks clients to ping before that.
    /// </summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long to wait for <c>pong</c> (or any message) after a ping before the connection is declared dead.</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the login and the subscriptions may take.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Delays between reconnect attempts.</summary>
    public BackoffPolicy Reconnect { get; init; } = new() { InitialDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(30) };

    /// <summary>How many times a request refused with 50011 (rate limit; not executed) is sent again after the wait.</summary>
    public int MaxRateLimitRetries { get; init; } = 5;

    /// <summary>Seed of the reconnect jitter (tests pass one for repeatable runs).</summary>
    public int? RandomSeed { get; init; }
}
