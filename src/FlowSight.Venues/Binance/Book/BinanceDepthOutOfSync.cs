using FlowSight.Core;

namespace FlowSight.Venues.Binance.Book;

/// <summary>
/// Reported by <see cref="BinanceDepthSynchronizer.OutOfSync"/> when a book stops being trustworthy: the book is
/// marked out of sync, diffs are buffered again and a new snapshot is requested.
/// </summary>
/// <param name="Instrument">The book's instrument.</param>
/// <param name="Reason">What went wrong.</param>
/// <param name="BookUpdateId">The update id the book had reached (the snapshot's <c>lastUpdateId</c> or the last applied <c>u</c>).</param>
/// <param name="FirstUpdateId">The offending diff's <c>U</c> (0 when no diff is involved).</param>
/// <param name="LastUpdateId">The offending diff's <c>u</c> (0 when no diff is involved).</param>
/// <param name="PreviousUpdateId">The offending diff's <c>pu</c> (futures), or -1.</param>
public readonly record struct BinanceDepthOutOfSync(
    InstrumentId Instrument,
    BinanceDepthSyncFailure Reason,
    long BookUpdateId,
    long FirstUpdateId,
    long LastUpdateId,
    long PreviousUpdateId)
{
    /// <summary>A one-line description for logs.</summary>
    public override string ToString() =>
        $"{Instrument}: {Reason} (book at {BookUpdateId}, diff U={FirstUpdateId} u={LastUpdateId} pu={PreviousUpdateId})";
}
