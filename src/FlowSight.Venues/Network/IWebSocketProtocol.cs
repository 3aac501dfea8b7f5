namespace FlowSight.Venues.Network;

/// <summary>
/// What a venue adds to a <see cref="WebSocketConnection"/>: how to (un)subscribe topics, which frames are control
/// messages (acks, errors, server notices) rather than data, and how to identify a data frame for de-duplication
/// during a rotation. Binance, OKX and Gate.io each implement it; the connection machinery stays venue-agnostic.
/// </summary>
public interface IWebSocketProtocol
{
    /// <summary>
    /// Subscribes <paramref name="topics"/> on <paramref name="session"/> and returns once the venue acknowledged all of
    /// them (use <see cref="WebSocketSession.SendRequestAsync"/>). Called for every new socket (first connect, every
    /// reconnect, the rotation's replacement) with all desired topics, and for topics added later.
    /// </summary>
    /// <exception cref="WebSocketRequestException">The venue refused.</exception>
    /// <exception cref="TimeoutException">No acknowledgement in time.</exception>
    Task SubscribeAsync(WebSocketSession session, IReadOnlyList<string> topics, CancellationToken cancellationToken);

    /// <summary>Unsubscribes <paramref name="topics"/> on <paramref name="session"/> and waits for the acknowledgement.</summary>
    Task UnsubscribeAsync(WebSocketSession session, IReadOnlyList<string> topics, CancellationToken cancellationToken);

    /// <summary>
    /// Looks at a received frame before delivery, on the receive thread. Returns true when it was a control message the
    /// protocol consumed (completing a pending request, counting an error, or asking for a replacement socket through
    /// <see cref="WebSocketSession.RequestReplacement"/>); false for data, which is then delivered. Must be cheap for
    /// data frames: it runs for every frame.
    /// </summary>
    bool TryHandleControlFrame(WebSocketSession session, ReadOnlySpan<byte> frame);

    /// <summary>
    /// The de-duplication key of a data frame, used only while two sockets overlap during a rotation. False when the
    /// frame has none (such frames are taken from the old socket only until the switch).
    /// </summary>
    bool TryGetSequenceKey(ReadOnlySpan<byte> frame, out StreamSequenceKey key);
}
