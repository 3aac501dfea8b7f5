using FlowSight.Engine.Replay;

namespace FlowSight.Venues.Binance.Replay;

/// <summary>
/// The logic of <c>flowsight book replay</c>, apart from argument parsing and opening files: replays a recording
/// (paced on a <see cref="TimeProvider"/> when a speed is given) and prints the report. Exit codes: 0 when every
/// book ended in sync with no gap, crossed book or bookTicker mismatch; 1 when the replay ran but some book did not;
/// 2 when the recording could not be replayed (e.g. its market could not be told).
/// </summary>
public static class BinanceReplayRunner
{
    /// <summary>Replays <paramref name="source"/> and writes the report to <paramref name="output"/> (problems to <paramref name="error"/>).</summary>
    public static async Task<int> RunAsync(
        IRecordedFrameSource source,
        BinanceReplayRequest request,
        TextWriter output,
        TextWriter error,
        TimeProvider timeProvider,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var replay = new BinanceReplay(new BinanceReplayOptions { Market = request.Market });
        var pacer = new ReplayPacer(request.Speed, timeProvider);
        try
        {
            if (pacer.IsUnpaced)
            {
                replay.Run(source);
            }
            else
            {
                await replay.RunAsync(source, pacer, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        if (replay.Books.Count == 0)
        {
            await error.WriteLineAsync($"No order-book data in the recording ({replay.Frames:N0} frames).").ConfigureAwait(false);
            return 2;
        }

        if (request.Json)
        {
            BinanceReplayReport.WriteJson(output, replay, request.Depth);
        }
        else
        {
            BinanceReplayReport.WriteText(output, replay, request.Depth);
        }

        bool clean = replay.Books.All(b =>
            b.IsSynced && b.Statistics is { Gaps: 0, Crossed: 0, BookTickerMismatched: 0 });
        return clean ? 0 : 1;
    }
}
