namespace FlowSight.Venues.Network;

/// <summary>
/// One complete WebSocket message as received, handed to a <see cref="WebSocketFrameHandler"/> on the connection's
/// receive thread. <see cref="Payload"/> points into the connection's pooled receive buffer: it is valid only
/// during the handler call; copy what must outlive it.
/// </summary>
public readonly struct WebSocketFrame
{
    /// <summary>Creates a frame view.</summary>
    public WebSocketFrame(ReadOnlyMemory<byte> payload, long receivedAtNanos, bool isText, string connectionName)
    {
        Payload = payload;
        ReceivedAtNanos = receivedAtNanos;
        IsText = isText;
        ConnectionName = connectionName;
    }

    /// <summary>The message bytes (UTF-8 JSON for the venues here), all segments assembled.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>When the last segment arrived, in Unix nanoseconds from the connection's <see cref="TimeProvider"/>.</summary>
    public long ReceivedAtNanos { get; }

    /// <summary>True for a text message, false for binary.</summary>
    public bool IsText { get; }

    /// <summary>The name of the connection that received it.</summary>
    public string ConnectionName { get; }
}
