using FlowSight.Engine.Replay;
using FlowSight.Venues.GateIo.Book;
using FlowSight.Venues.Replay;

namespace FlowSight.Venues.GateIo.Replay;

/// <summary>
/// The Gate.io side of <c>flowsight book replay</c>: replays a recording (WebSocket frames with the <c>with_id</c> REST
/// snapshots merged in by time; paced when a speed is given) and prints the report. Exit codes: 0 when every book
/// ended in sync (or holding a snapshot no update has bridged yet) with no gap, crossed book or refused update; 1 when some book did not; 2 when the recording held no Gate.io book data.
/// </summary>
public static class GateIoReplayRunner
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
        var replay = new GateIoReplay();
        await PacedReplay.RunAsync(source, new ReplayPacer(request.Speed, timeProvider), replay.Process, cancellationToken).ConfigureAwait(false);
        if (replay.Books.Count == 0)
        {
            await error.WriteLineAsync($"No Gate.io order-book data in the recording ({replay.Frames:N0} frames).").ConfigureAwait(false);
            return 2;
        }

        if (request.Json)
        {
            GateIoReplayReport.WriteJson(output, replay, request.Depth);
        }
        else
        {
            GateIoReplayReport.WriteText(output, replay, request.Depth);
        }

        // A book whose snapshot came too late in the recording for any update to bridge it is not a failure.
        bool clean = replay.Books.All(b =>
            b.Synchronizer.State is GateIoBookSyncState.Synced or GateIoBookSyncState.AwaitingFirstUpdate
            && b.Statistics(0) is { Gaps: 0, Crossed: 0, Invalid: 0 });
        return clean ? 0 : 1;
    }
}
