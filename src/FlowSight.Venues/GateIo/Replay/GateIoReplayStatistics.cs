namespace FlowSight.Venues.GateIo.Replay;

/// <summary>What replaying one Gate.io book found.</summary>
/// <param name="Frames">Frames for the instrument (book updates, snapshots, trades, tickers, candles).</param>
/// <param name="Snapshots">REST snapshots (<c>with_id=true</c>) received.</param>
/// <param name="UpdatesApplied">Updates applied to the book.</param>
/// <param name="UpdatesDropped">Updates dropped as covered by the snapshot (<c>u &lt; id + 1</c>).</param>
/// <param name="Buffered">Updates still waiting for a snapshot at the end.</param>
/// <param name="Gaps">Breaks in the <c>U</c>/<c>u</c> chain (including a snapshot no update bridged).</param>
/// <param name="Resyncs">Times the book lost sync (live, each would fetch a new snapshot).</param>
/// <param name="Invalid">Messages the book refused.</param>
/// <param name="Crossed">Crossed books after an update.</param>
/// <param name="Malformed">Frames of the whole replay that could not be parsed.</param>
public readonly record struct GateIoReplayStatistics(
    long Frames,
    long Snapshots,
    long UpdatesApplied,
    long UpdatesDropped,
    long Buffered,
    long Gaps,
    long Resyncs,
    long Invalid,
    long Crossed,
    long Malformed);
