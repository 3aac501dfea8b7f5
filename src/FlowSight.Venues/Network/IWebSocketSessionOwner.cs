namespace FlowSight.Venues.Network;

/// <summary>What a <see cref="WebSocketSession"/> reports to the connection that owns it.</summary>
internal interface IWebSocketSessionOwner
{
    /// <summary>A complete message arrived (on the session's receive thread).</summary>
    void OnFrame(WebSocketSession session, ReadOnlyMemory<byte> payload, bool isText, long receivedAtNanos);

    /// <summary>The venue asked for this socket to be replaced (a server-shutdown notice).</summary>
    void OnReplacementRequested(WebSocketSession session, string reason);

    /// <summary>An application heartbeat ping was sent.</summary>
    void OnPingSent(WebSocketSession session);

    /// <summary>An application heartbeat pong arrived (it is not delivered as data).</summary>
    void OnPongReceived(WebSocketSession session);

    /// <summary>No pong arrived in time; the session aborts itself next.</summary>
    void OnPongMissed(WebSocketSession session);

    /// <summary>A request id unique within the connection, across its sockets.</summary>
    long NextRequestId();
}
