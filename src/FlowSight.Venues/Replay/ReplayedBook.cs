using FlowSight.Core;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Venues.Replay;

/// <summary>What replaying a recording left of one instrument's book, in terms every venue shares.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="SequenceName">The name of the venue's sequence in the report (<c>lastUpdateId</c>, <c>seqId</c>, <c>u</c>).</param>
/// <param name="LastSequence">The last applied sequence.</param>
/// <param name="Synced">True when the book ended in sync.</param>
/// <param name="LastFailure">Why the book last lost sync, if it did.</param>
/// <param name="Book">The rebuilt book, or null when none was built.</param>
/// <param name="Statistics">The venue's counters, in report order.</param>
public sealed record ReplayedBook(
    InstrumentId Instrument,
    string SequenceName,
    long LastSequence,
    bool Synced,
    string? LastFailure,
    L2OrderBook? Book,
    IReadOnlyList<ReplayStatistic> Statistics);
