namespace FlowSight.Venues.Network;

/// <summary>
/// Identifies a data frame for de-duplication when two sockets deliver the same streams during a rotation:
/// <see cref="Stream"/> names the ordered sequence the frame belongs to (a hash of the venue's stream name, and the
/// symbol for all-market streams) and <see cref="Sequence"/> increases strictly within it (an update id, a trade id,
/// an event time). Provided by the venue's <see cref="IWebSocketProtocol.TryGetSequenceKey"/>.
/// </summary>
/// <param name="Stream">The stream (partition) identity.</param>
/// <param name="Sequence">The position within the stream; strictly increasing.</param>
public readonly record struct StreamSequenceKey(long Stream, long Sequence);
