namespace FlowSight.Venues.Binance.Data;

/// <summary>One instrument's depth-feed health.</summary>
/// <param name="Instrument">The instrument id.</param>
/// <param name="Synced">True when the local book follows the venue's chain.</param>
/// <param name="LastUpdateId">The last applied update id.</param>
/// <param name="DiffsApplied">Diffs applied to the book.</param>
/// <param name="DiffsFused">Of those, diffs parsed straight into the book (the fused path) rather than through a <c>BookDeltas</c> batch.</param>
/// <param name="DiffsDropped">Diffs older than the snapshot, dropped.</param>
/// <param name="Gaps">Breaks in the update-id chain.</param>
/// <param name="Resyncs">Times the book was rebuilt from a new snapshot.</param>
/// <param name="Crossed">Times the book was found crossed.</param>
/// <param name="Snapshots">Snapshots applied.</param>
/// <param name="LastSnapshotError">Why the last snapshot request failed, until one succeeds.</param>
public sealed record BinanceFeedStatistics(
    string Instrument,
    bool Synced,
    long LastUpdateId,
    long DiffsApplied,
    long DiffsFused,
    long DiffsDropped,
    long Gaps,
    long Resyncs,
    long Crossed,
    long Snapshots,
    string? LastSnapshotError);

/// <summary>The data client's health: frames, parse problems, and every instrument's feed.</summary>
/// <param name="Frames">Data frames received.</param>
/// <param name="Malformed">Frames that could not be parsed (skipped; the connection is kept).</param>
/// <param name="Unknown">Frames of a kind the client does not handle.</param>
/// <param name="LastMalformedSample">The start of the last malformed frame, for the log.</param>
/// <param name="Feeds">Per-instrument depth feeds.</param>
public sealed record BinanceDataClientStatistics(
    long Frames,
    long Malformed,
    long Unknown,
    string? LastMalformedSample,
    IReadOnlyList<BinanceFeedStatistics> Feeds);
