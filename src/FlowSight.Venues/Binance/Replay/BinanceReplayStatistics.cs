namespace FlowSight.Venues.Binance.Replay;

/// <summary>What a replay saw and did for one instrument (the <c>stats</c> object of <c>flowsight book replay --json</c>).</summary>
/// <param name="Frames">Frames of this instrument (depth diffs, snapshots, book tickers, trades, ...).</param>
/// <param name="DiffsApplied">Depth diffs applied to the book.</param>
/// <param name="DiffsDropped">Depth diffs dropped because the book already covered them (before the snapshot, or replays).</param>
/// <param name="Gaps">Breaks in the update-id chain (including a snapshot no diff could bridge).</param>
/// <param name="Resyncs">Times the book went out of sync and needed a new snapshot.</param>
/// <param name="Crossed">Crossed books after a complete diff.</param>
/// <param name="BookTickerChecked">bookTicker messages whose <c>u</c> equals an applied diff's <c>u</c>, compared with the rebuilt book.</param>
/// <param name="BookTickerMismatched">Of those, how many disagreed with the book's best bid or ask, in price or quantity.</param>
/// <param name="Malformed">Frames of this instrument that could not be parsed (frames naming no instrument are counted for every instrument).</param>
public readonly record struct BinanceReplayStatistics(
    long Frames,
    long DiffsApplied,
    long DiffsDropped,
    long Gaps,
    long Resyncs,
    long Crossed,
    long BookTickerChecked,
    long BookTickerMismatched,
    long Malformed);
