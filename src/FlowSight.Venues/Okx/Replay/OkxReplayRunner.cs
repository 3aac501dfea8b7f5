using FlowSight.Engine.Replay;
using FlowSight.Venues.Replay;

namespace FlowSight.Venues.Okx.Replay;

/// <summary>
/// The OKX side of <c>flowsight book replay</c>: replays a recording (paced when a speed is given) and prints the
/// report. Exit codes: 0 when every book ended in sync with no gap and no checksum mismatch; 1 when some book did not;
/// 2 when the recording held no OKX book data.
/// </summary>
public static class OkxReplayRunner
{
    /// <summary>Replays <paramref name="source"/> and writes the report to <paramref name="output"/> (problems to <paramref name="error"/>).</summary>
    public static async Task<int> RunAsync(
        IRecordedFrameSource source,
        BookReplayRequest request,
        TextWriter output,
        TextWriter error,
        TimeProvider timeProvider,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var replay = new OkxReplay();
        var pacer = new ReplayPacer(request.Speed, timeProvider);
        await PacedReplay.RunAsync(source, pacer, replay.Process, cancellationToken).ConfigureAwait(false);

        if (replay.Books.Count == 0)
        {
            await error.WriteLineAsync($"No OKX order-book data in the recording ({replay.Frames:N0} frames).").ConfigureAwait(false);
            return 2;
        }

        if (request.Json)
        {
            OkxReplayReport.WriteJson(output, replay, request.Depth);
        }
        else
        {
            OkxReplayReport.WriteText(output, replay, request.Depth);
        }

        bool clean = replay.Books.All(b => b.IsSynced && b.Statistics(0) is { Gaps: 0, ChecksumMismatched: 0 });
        return clean ? 0 : 1;
    }
}
