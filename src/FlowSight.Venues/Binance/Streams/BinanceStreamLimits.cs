namespace FlowSight.Venues.Binance.Streams;

/// <summary>
/// Binance's documented WebSocket market-stream limits (spot "WebSocket Streams" and USDⓈ-M / COIN-M
/// "Websocket Market Streams" pages). Breaking a message limit closes the socket and repeated closes can get the IP
/// banned, so the client stays below them.
/// </summary>
public static class BinanceStreamLimits
{
    /// <summary>Streams one connection may listen to (spot, USDⓈ-M and COIN-M).</summary>
    public const int MaxStreamsPerConnection = 1024;

    /// <summary>Spot: incoming messages per second per connection, counting pings, pongs and JSON requests.</summary>
    public const int SpotMessagesPerSecond = 5;

    /// <summary>USDⓈ-M and COIN-M: incoming messages per second per connection.</summary>
    public const int FuturesMessagesPerSecond = 10;

    /// <summary>
    /// Spot: connection attempts allowed per IP every 5 minutes. Backoff with jitter and the circuit breaker keep a
    /// reconnect storm far below it.
    /// </summary>
    public const int SpotConnectionsPerFiveMinutes = 300;

    /// <summary>A connection is closed by the server after this long.</summary>
    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Spot: the server pings every 20 s and drops a connection that has not answered with a pong within a minute
    /// (the current docs; older docs said 3 and 10 minutes). The .NET <see cref="System.Net.WebSockets.ClientWebSocket"/>
    /// answers every ping with a pong carrying the same payload by itself.
    /// </summary>
    public static readonly TimeSpan SpotServerPingInterval = TimeSpan.FromSeconds(20);

    /// <summary>Spot: how long the server waits for a pong.</summary>
    public static readonly TimeSpan SpotPongTimeout = TimeSpan.FromMinutes(1);

    /// <summary>USDⓈ-M / COIN-M: the server pings every 3 minutes.</summary>
    public static readonly TimeSpan FuturesServerPingInterval = TimeSpan.FromMinutes(3);

    /// <summary>USDⓈ-M / COIN-M: the server drops a connection without a pong for 10 minutes; unsolicited pongs also keep it alive.</summary>
    public static readonly TimeSpan FuturesPongTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// When FlowSight rotates a connection: one hour before <see cref="ConnectionLifetime"/>, leaving time for a failed
    /// rotation to be retried.
    /// </summary>
    public static readonly TimeSpan DefaultRotationInterval = TimeSpan.FromHours(23);

    /// <summary>The documented incoming-message limit of <paramref name="market"/>.</summary>
    public static int MessagesPerSecond(BinanceMarket market) =>
        market.IsFutures() ? FuturesMessagesPerSecond : SpotMessagesPerSecond;
}
