namespace FlowSight.Venues.GateIo.Data;

/// <summary>A <see cref="GateIoDataClient"/>'s health.</summary>
/// <param name="Frames">Data frames received.</param>
/// <param name="Malformed">Frames that could not be parsed (skipped; the connection is kept).</param>
/// <param name="Unknown">Frames of channels the client does not handle.</param>
/// <param name="TruncatedValues">Values whose tenth decimal was cut off (see <see cref="Parsing.GateIoStreamParser.TruncatedValues"/>).</param>
/// <param name="LastMalformedSample">The start of the last malformed frame.</param>
/// <param name="Feeds">Per-instrument book feeds.</param>
public sealed record GateIoDataClientStatistics(
    long Frames,
    long Malformed,
    long Unknown,
    long TruncatedValues,
    string? LastMalformedSample,
    IReadOnlyList<GateIoFeedStatistics> Feeds);
