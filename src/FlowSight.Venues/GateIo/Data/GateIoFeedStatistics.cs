using FlowSight.Core;

namespace FlowSight.Venues.GateIo.Data;

/// <summary>One instrument's book feed in a <see cref="GateIoDataClient"/>.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Synced">True when the book follows the stream.</param>
/// <param name="LastUpdateId">The update id the book reflects.</param>
/// <param name="UpdatesApplied">Updates applied.</param>
/// <param name="UpdatesDropped">Updates dropped as already in the book.</param>
/// <param name="Gaps">Breaks in the <c>U</c>/<c>u</c> chain.</param>
/// <param name="Resyncs">Times the book was rebuilt from a new snapshot.</param>
/// <param name="Snapshots">Snapshots received.</param>
/// <param name="LastSnapshotError">Why the last snapshot request failed, until one succeeds.</param>
public sealed record GateIoFeedStatistics(
    InstrumentId Instrument,
    bool Synced,
    long LastUpdateId,
    long UpdatesApplied,
    long UpdatesDropped,
    long Gaps,
    long Resyncs,
    long Snapshots,
    string? LastSnapshotError);
