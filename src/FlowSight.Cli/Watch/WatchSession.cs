using System.Globalization;
using FlowSight.Core;
using FlowSight.Engine.Hosting;
using FlowSight.Venues.Data;
using Spectre.Console;

namespace FlowSight.Cli.Watch;

/// <summary>Drives the view: every refresh it asks the engine thread for a snapshot and renders it on this thread.</summary>
internal sealed class WatchSession(EngineLoop engine, IMarketDataClient client, WatchModel model)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);

    /// <summary>Takes one snapshot: engine-side state copied on the engine thread, feed health from the client.</summary>
    public async Task<WatchSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var taken = new TaskCompletionSource<WatchSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.Post(e => taken.TrySetResult(model.Snapshot(e.Now)));
        var snapshot = await taken.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        var feed = client.GetHealth();
        var depth = feed.Books.FirstOrDefault(f => f.Instrument.ToString() == snapshot.Instrument);
        var route = engine.Statistics.Routes.FirstOrDefault(r => r.Name == "order-books");
        return snapshot with
        {
            Synced = depth?.Synced ?? false,
            Gaps = depth?.Gaps ?? 0,
            Resyncs = depth?.Resyncs ?? 0,
            Malformed = feed.Malformed,
            ConnectionReason = depth?.LastError is { } error ? $"book: {error}" : snapshot.ConnectionReason,
            LatencyP50Nanos = route?.LatencyP50Nanos ?? 0,
            LatencyP99Nanos = route?.LatencyP99Nanos ?? 0,
            LatencyP999Nanos = route?.LatencyP999Nanos ?? 0,
        };
    }

    /// <summary>The full-screen view, refreshed ten times a second until cancelled.</summary>
    public async Task RunLiveAsync(IAnsiConsole console, CancellationToken cancellationToken)
    {
        var first = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        await console.Live(WatchView.Render(first)).AutoClear(false).StartAsync(async context =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(Refresh, cancellationToken).ConfigureAwait(false);
                    context.UpdateTarget(WatchView.Render(await SnapshotAsync(cancellationToken).ConfigureAwait(false)));
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }).ConfigureAwait(false);
    }

    /// <summary>One status line per second until cancelled, for logs and pipes.</summary>
    public async Task RunPlainAsync(TextWriter output, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                var s = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
                var bid = s.Bids.Count > 0 ? $"{s.Bids[0].Price} x {s.Bids[0].Size}" : "-";
                var ask = s.Asks.Count > 0 ? $"{s.Asks[0].Price} x {s.Asks[0].Size}" : "-";
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{UnixNanos.ToDateTimeOffset(engine.Now):HH:mm:ss} {s.Instrument} {s.Connection} synced={s.Synced} u={s.LastUpdateId} bid {bid} ask {ask} spread {s.Spread} msgs {s.MessagesPerSecond:F0}/s gaps {s.Gaps} resyncs {s.Resyncs} malformed {s.Malformed} reconnects {s.Reconnects}")).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
