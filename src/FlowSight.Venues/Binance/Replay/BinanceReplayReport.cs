using System.Globalization;
using FlowSight.Venues.Replay;

namespace FlowSight.Venues.Binance.Replay;

/// <summary>
/// A finished <see cref="BinanceReplay"/> in the venue-neutral <see cref="BookReplayReport"/>: the sequence is
/// <c>lastUpdateId</c>, and the statistics add the bookTicker cross-check.
/// </summary>
public static class BinanceReplayReport
{
    /// <summary>One JSON object per instrument, one per line, in order of first appearance.</summary>
    public static void WriteJson(TextWriter output, BinanceReplay replay, int depth)
    {
        ArgumentNullException.ThrowIfNull(replay);
        BookReplayReport.WriteJson(output, replay.Books.Select(ToReport), depth);
    }

    /// <summary>A human-readable report: per instrument a ladder (asks above, bids below) and the statistics.</summary>
    public static void WriteText(TextWriter output, BinanceReplay replay, int depth)
    {
        ArgumentNullException.ThrowIfNull(replay);
        var header = string.Create(CultureInfo.InvariantCulture, $"{replay.Market?.ToCliPrefix() ?? "binance"}: {replay.Frames:N0} frames, {replay.Books.Count} instrument(s), {replay.Malformed:N0} malformed, {replay.Unknown:N0} unknown");
        BookReplayReport.WriteText(output, header, replay.Books.Select(ToReport), depth);
    }

    /// <summary>One instrument's book and counters in the shared report's terms.</summary>
    public static ReplayedBook ToReport(BinanceReplayBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var s = book.Statistics;
        return new ReplayedBook(
            book.Instrument,
            "lastUpdateId",
            book.LastUpdateId,
            book.IsSynced,
            book.Synchronizer.LastFailure?.ToString(),
            book.Book,
            [
                new("frames", "frames", s.Frames),
                new("diffsApplied", "diffs applied", s.DiffsApplied),
                new("diffsDropped", "dropped", s.DiffsDropped),
                new("gaps", "gaps", s.Gaps),
                new("resyncs", "resyncs", s.Resyncs),
                new("crossed", "crossed", s.Crossed),
                new("bookTickerChecked", "bookTicker checked", s.BookTickerChecked, StartsLine: true),
                new("bookTickerMismatched", "mismatched", s.BookTickerMismatched),
                new("malformed", "malformed", s.Malformed),
            ]);
    }
}
