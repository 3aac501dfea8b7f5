using System.Globalization;
using FlowSight.Venues.Replay;

namespace FlowSight.Venues.GateIo.Replay;

/// <summary>
/// A finished <see cref="GateIoReplay"/> in the venue-neutral <see cref="BookReplayReport"/>: the sequence is
/// Gate.io's update id <c>u</c>, and the statistics show how the updates chained to the <c>with_id</c> snapshots.
/// </summary>
public static class GateIoReplayReport
{
    /// <summary>One JSON object per instrument, one per line, in order of first appearance.</summary>
    public static void WriteJson(TextWriter output, GateIoReplay replay, int depth)
    {
        ArgumentNullException.ThrowIfNull(replay);
        BookReplayReport.WriteJson(output, replay.Books.Select(b => ToReport(b, replay.Malformed)), depth);
    }

    /// <summary>A human-readable report: per instrument a ladder (asks above, bids below) and the statistics.</summary>
    public static void WriteText(TextWriter output, GateIoReplay replay, int depth)
    {
        ArgumentNullException.ThrowIfNull(replay);
        var header = string.Create(CultureInfo.InvariantCulture, $"gate: {replay.Frames:N0} frames, {replay.Books.Count} instrument(s), {replay.Malformed:N0} malformed, {replay.Unknown:N0} unknown");
        BookReplayReport.WriteText(output, header, replay.Books.Select(b => ToReport(b, replay.Malformed)), depth);
    }

    /// <summary>One instrument's book and counters in the shared report's terms.</summary>
    public static ReplayedBook ToReport(GateIoReplayBook book, long malformed)
    {
        ArgumentNullException.ThrowIfNull(book);
        var s = book.Statistics(malformed);
        return new ReplayedBook(
            book.Instrument,
            "u",
            book.Synchronizer.LastUpdateId,
            book.Synchronizer.IsSynced,
            book.Synchronizer.LastFailure?.ToString(),
            book.Synchronizer.Book,
            [
                new("frames", "frames", s.Frames),
                new("snapshots", "snapshots", s.Snapshots),
                new("updatesApplied", "updates applied", s.UpdatesApplied),
                new("updatesDropped", "dropped", s.UpdatesDropped),
                new("buffered", "buffered", s.Buffered),
                new("gaps", "gaps", s.Gaps, StartsLine: true),
                new("resyncs", "resyncs", s.Resyncs),
                new("invalid", "invalid", s.Invalid),
                new("crossed", "crossed", s.Crossed),
                new("malformed", "malformed", s.Malformed),
            ]);
    }
}
