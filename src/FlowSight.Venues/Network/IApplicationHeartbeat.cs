namespace FlowSight.Venues.Network;

/// <summary>
/// An application-level heartbeat a venue requires on top of WebSocket control frames (OKX: the text <c>ping</c>,
/// answered by <c>pong</c>; Gate.io: <c>{"time":..,"channel":"spot.ping"}</c>, answered by <c>spot.pong</c>).
/// Implemented by an <see cref="IWebSocketProtocol"/> that needs one; each <see cref="WebSocketSession"/> of a
/// <see cref="WebSocketConnection"/> then sends the ping after <see cref="PingInterval"/> without any received
/// message, consumes the pong (it is not delivered as data) and aborts the socket, which reconnects, when the pong does
/// not arrive within <see cref="PongTimeout"/>. All timing is on the connection's <see cref="TimeProvider"/>.
/// </summary>
public interface IApplicationHeartbeat
{
    /// <summary>How long the socket may receive nothing before a ping is sent (below the venue's idle limit).</summary>
    TimeSpan PingInterval { get; }

    /// <summary>How long to wait for the pong once the ping was sent before the socket is given up.</summary>
    TimeSpan PongTimeout { get; }

    /// <summary>The ping message to send now (sent as a text message); it may carry the time.</summary>
    /// <param name="now">The connection's current time.</param>
    ReadOnlyMemory<byte> CreatePing(DateTimeOffset now);

    /// <summary>
    /// Whether a received message is the pong. Called on the receive thread for every message before anything else
    /// looks at it, so it must be cheap for data frames.
    /// </summary>
    bool IsPong(ReadOnlySpan<byte> frame);
}
