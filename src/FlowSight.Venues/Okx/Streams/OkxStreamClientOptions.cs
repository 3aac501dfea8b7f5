using FlowSight.Venues.Network;

namespace FlowSight.Venues.Okx.Streams;

/// <summary>Settings of an <see cref="OkxStreamClient"/>.</summary>
public sealed record OkxStreamClientOptions
{
    /// <summary>The WebSocket base; null uses <see cref="OkxStreamEndpoints.DefaultBase"/>. Tests point it at 127.0.0.1.</summary>
    public Uri? BaseUri { get; init; }

    /// <summary>
    /// Topics per connection; more open more connections. OKX documents no count, only 64 KB of args per request and
    /// 480 requests an hour per connection, so this keeps a reconnect's resubscription to a request or two.
    /// </summary>
    public int MaxTopicsPerConnection { get; init; } = 256;

    /// <summary>Connection attempts per second across this client's connections (OKX: 3 per IP).</summary>
    public int MaxConnectionsPerSecond { get; init; } = OkxStreamLimits.ConnectionsPerSecond;

    /// <summary>Request timeout, heartbeat, request limits.</summary>
    public OkxStreamProtocolOptions Protocol { get; init; } = new();

    /// <summary>
    /// The data watchdog: a socket that delivered no data frame (pongs do not count) for this long is reconnected.
    /// OKX pushes books every 100 ms on change and funding rates every 30–90 s, so two minutes spare quiet channels.
    /// </summary>
    public TimeSpan? WatchdogTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Adjusts each connection's options (backoff, breaker, watchdog, rotation…) after the client filled in the name,
    /// endpoint and watchdog, e.g. <c>o =&gt; o with { Backoff = … }</c>.
    /// </summary>
    public Func<WebSocketConnectionOptions, WebSocketConnectionOptions>? ConfigureConnection { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTopicsPerConnection, 1, nameof(MaxTopicsPerConnection));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnectionsPerSecond, 1, nameof(MaxConnectionsPerSecond));
        ArgumentNullException.ThrowIfNull(Protocol);
        Protocol.Validate();
    }
}
