namespace FlowSight.Venues.Okx.Streams;

/// <summary>
/// OKX's documented WebSocket limits (v5 docs, "WebSocket" overview): breaking them gets requests refused or the
/// connection closed, so the client stays below them.
/// </summary>
public static class OkxStreamLimits
{
    /// <summary>New connections per second per IP.</summary>
    public const int ConnectionsPerSecond = 3;

    /// <summary><c>subscribe</c>/<c>unsubscribe</c>/<c>login</c> requests per hour per connection.</summary>
    public const int SubscriptionRequestsPerHour = 480;

    /// <summary>The total length of one request's <c>args</c>, in bytes (64 KB).</summary>
    public const int MaxArgsBytesPerRequest = 64 * 1024;

    /// <summary>The server drops a connection on which nothing was pushed for this long.</summary>
    public static readonly TimeSpan IdleDisconnect = TimeSpan.FromSeconds(30);

    /// <summary>FlowSight's ping interval: under <see cref="IdleDisconnect"/> with room for the pong.</summary>
    public static readonly TimeSpan DefaultPingInterval = TimeSpan.FromSeconds(20);

    /// <summary>How long FlowSight waits for the <c>pong</c> before it reconnects.</summary>
    public static readonly TimeSpan DefaultPongTimeout = TimeSpan.FromSeconds(10);
}
