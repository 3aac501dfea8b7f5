using System.Globalization;
using FlowSight.Venues.Replay;

namespace FlowSight.Venues.Okx.Replay;

/// <summary>
/// A finished <see cref="OkxReplay"/> in the venue-neutral <see cref="BookReplayReport"/>: the sequence is OKX's
/// <c>seqId</c> (-1 for recordings made before OKX sent one), and the statistics add the CRC32 checksum verification.
/// </summary>
public static class OkxReplayReport
{
    /// <summary>One JSON object per instrument, one per line, in order of first appearance.</summary>
    public static void WriteJson(TextWriter output, OkxReplay replay, int depth)
    {
        ArgumentNullException.ThrowIfNull(replay);
        BookReplayReport.WriteJson(output, replay.Books.Select(b => ToReport(b, replay.Malformed)), depth);
    }

    /// <summary>A human-readable report: per instrument a ladder (asks above, bids below) and the statistics.</summary>
    public static void WriteText(TextWriter output, OkxReplay replay, int depth)
    {
        ArgumentNullException.ThrowIfNull(replay);
        var header = string.Create(CultureInfo.InvariantCulture, $"okx: {replay.Frames:N0} frames, {replay.Books.Count} instrument(s), {replay.Malformed:N0} malformed");
        BookReplayReport.WriteText(output, header, replay.Books.Select(b => ToReport(b, replay.Malformed)), depth);
    }

    /// <summary>One instrument's book and counters in the shared report's terms.</summary>
    public static ReplayedBook ToReport(OkxReplayBook book, long malformed)
    {
        ArgumentNullException.ThrowIfNull(book);
        var s = book.Statistics(malformed);
        return new ReplayedBook(
            book.Instrument,
            "seqId",
            book.Synchronizer.LastSeqId,
            book.IsSynced,
            book.LastFailure is { } failure ? $"{failure.Reason} after seqId {failure.LastSeqId}" : null,
            book.Synchronizer.Book,
            [
                new("frames", "frames", s.Frames),
                new("snapshots", "snapshots", s.Snapshots),
                new("updatesApplied", "updates applied", s.UpdatesApplied),
                new("ignored", "ignored", s.Ignored),
                new("gaps", "gaps", s.Gaps),
                new("resyncs", "resyncs", s.Resyncs),
                new("checksumChecked", "checksum checked", s.ChecksumChecked, StartsLine: true),
                new("checksumMismatched", "mismatched", s.ChecksumMismatched),
                new("malformed", "malformed", s.Malformed),
            ]);
    }
}
