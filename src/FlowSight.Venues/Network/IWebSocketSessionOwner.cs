namespace FlowSight.Venues.Network;

/// <summary>What a <see cref="WebSocketSession"/> reports to the connection that owns it.</summary>
internal interface IWebSocketSessionOwner
{
    /// <summary>A complete message arrived (on the session's receive thread).</summary>
    void OnFrame(WebSocketSession session, ReadOnlyMemory<byte> payload, bool isText, long receivedAtNanos);

    /// <summary>The venue asked for this socket to be replaced (a server-shutdown notice).</summary>
    void OnReplacementRequested(WebSocketSession session, string reason);

    /// <summary>A request id unique within the connection, across its sockets.</summary>
    long NextRequestId();
}
