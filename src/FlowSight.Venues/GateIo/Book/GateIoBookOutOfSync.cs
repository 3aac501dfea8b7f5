using FlowSight.Core;

namespace FlowSight.Venues.GateIo.Book;

/// <summary>
/// Reported by <see cref="GateIoBookSynchronizer.OutOfSync"/> when a book stops being trustworthy: the book is marked
/// out of sync, updates are buffered again and a new REST snapshot is requested.
/// </summary>
/// <param name="Instrument">The book's instrument.</param>
/// <param name="Reason">What went wrong.</param>
/// <param name="BookUpdateId">The update id the book had reached (the snapshot's <c>id</c> or the last applied <c>u</c>).</param>
/// <param name="FirstUpdateId">The offending update's <c>U</c> (0 when no update is involved).</param>
/// <param name="LastUpdateId">The offending update's <c>u</c> (0 when no update is involved).</param>
public readonly record struct GateIoBookOutOfSync(
    InstrumentId Instrument,
    GateIoBookSyncFailure Reason,
    long BookUpdateId,
    long FirstUpdateId,
    long LastUpdateId)
{
    /// <summary>A one-line description for logs.</summary>
    public override string ToString() => $"{Instrument}: {Reason} (book at {BookUpdateId}, update U={FirstUpdateId} u={LastUpdateId})";
}
