namespace FlowSight.Venues.Network;

/// <summary>Receives the buffered frames an <see cref="OverlapDeduplicator"/> releases at the switch.</summary>
/// <param name="payload">The frame bytes (valid during the call).</param>
/// <param name="receivedAtNanos">When the frame was received.</param>
/// <param name="isText">True for a text message.</param>
public delegate void OverlapFrameSink(ReadOnlyMemory<byte> payload, long receivedAtNanos, bool isText);
