using System.Net.WebSockets;

namespace FlowSight.Venues.Network;

/// <summary>
/// Settings of one <see cref="WebSocketConnection"/>. Every duration is measured on the connection's
/// <see cref="TimeProvider"/>, so tests drive backoff, watchdog and rotation with a fake clock.
/// </summary>
public sealed record WebSocketConnectionOptions
{
    /// <summary>A name for logs and state events, e.g. <c>binance-usdm/public#1</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The WebSocket URL (<c>wss://…</c>; <c>ws://127.0.0.1:…</c> for the local test servers).</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>
    /// Outgoing messages allowed per second on one socket (the venue's limit, minus headroom for the control frames
    /// the runtime sends by itself: pong replies and keep-alives count against Binance's limit too).
    /// </summary>
    public int MaxMessagesPerSecond { get; init; } = 4;

    /// <summary>The first receive buffer size; it grows (pooled) for larger messages and is kept for reuse.</summary>
    public int ReceiveBufferSize { get; init; } = 64 * 1024;

    /// <summary>A message larger than this is a protocol error: the socket is dropped and reconnected.</summary>
    public int MaxMessageSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>How long a connection attempt (TCP + TLS + handshake) may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a graceful close may take before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// <see cref="ClientWebSocketOptions.KeepAliveInterval"/>: with <see cref="KeepAliveTimeout"/> unset the runtime
    /// sends an unsolicited pong this often (Binance futures accept those to keep the socket alive); zero disables it.
    /// Server pings are answered by the runtime whatever this is.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <see cref="ClientWebSocketOptions.KeepAliveTimeout"/>: when set, the runtime sends pings (not pongs) every
    /// <see cref="KeepAliveInterval"/> and aborts the socket when no pong arrives within this time.
    /// </summary>
    public TimeSpan? KeepAliveTimeout { get; init; }

    /// <summary>Reconnect delays and the give-up limit.</summary>
    public BackoffPolicy Backoff { get; init; } = new();

    /// <summary>The pause after repeated failures; null disables the breaker.</summary>
    public CircuitBreakerOptions? CircuitBreaker { get; init; } = new();

    /// <summary>Reconnects a subscribed socket that delivered no data frame for this long; null disables the watchdog.</summary>
    public TimeSpan? WatchdogTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Replaces the socket this long after it opened, before the venue's lifetime limit (Binance: 24 h), by opening a
    /// new one beside it and switching without a gap; null disables rotation.
    /// </summary>
    public TimeSpan? RotationInterval { get; init; } = TimeSpan.FromHours(23);

    /// <summary>How long the old and new sockets may overlap before the switch is forced.</summary>
    public TimeSpan RotationOverlapTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait before trying a failed rotation again (the old socket keeps working meanwhile).</summary>
    public TimeSpan RotationRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The most bytes of the new socket's frames buffered during the overlap before the switch is forced.</summary>
    public int MaxOverlapBufferBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>The jitter source for <see cref="Backoff"/>; null uses <see cref="Random.Shared"/>. Tests pass a seeded one.</summary>
    public Random? Jitter { get; init; }

    /// <summary>
    /// Awaited before every connection attempt, e.g. to keep a venue's per-IP connection rate (OKX: 3 per second)
    /// across the connections of one client; null connects at once.
    /// </summary>
    public Func<CancellationToken, ValueTask>? BeforeConnect { get; init; }

    /// <summary>Adjusts the socket options before each connect (headers, proxy, certificates).</summary>
    public Action<ClientWebSocketOptions>? ConfigureSocket { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        ArgumentNullException.ThrowIfNull(Endpoint);
        if (Endpoint.Scheme is not ("ws" or "wss"))
        {
            throw new ArgumentException($"The endpoint must be a ws:// or wss:// URL, not {Endpoint}.", nameof(Endpoint));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessagesPerSecond, 1, nameof(MaxMessagesPerSecond));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveBufferSize, 256, nameof(ReceiveBufferSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageSize, ReceiveBufferSize, nameof(MaxMessageSize));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(CloseTimeout, TimeSpan.Zero, nameof(CloseTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(KeepAliveInterval, TimeSpan.Zero, nameof(KeepAliveInterval));
        ArgumentNullException.ThrowIfNull(Backoff);
        Backoff.Validate();
        CircuitBreaker?.Validate();
        if (WatchdogTimeout is { } watchdog)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(watchdog, TimeSpan.Zero, nameof(WatchdogTimeout));
        }

        if (RotationInterval is { } rotation)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rotation, TimeSpan.Zero, nameof(RotationInterval));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RotationOverlapTimeout, TimeSpan.Zero, nameof(RotationOverlapTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RotationRetryDelay, TimeSpan.Zero, nameof(RotationRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOverlapBufferBytes, 0, nameof(MaxOverlapBufferBytes));
    }
}
