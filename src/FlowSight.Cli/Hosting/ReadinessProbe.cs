using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Venues.Data;

namespace FlowSight.Cli.Hosting;

/// <summary>
/// Tells when the host is worth showing: every followed book in sync with its venue and a first trade seen. The trade
/// handler runs on the engine thread and does nothing once the first trade was seen.
/// </summary>
internal sealed class ReadinessProbe : IEventHandler<TradeTick>
{
    private readonly TaskCompletionSource _firstTrade = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _seen;

    /// <summary>Completes with the first trade.</summary>
    public Task FirstTrade => _firstTrade.Task;

    /// <inheritdoc/>
    public void Handle(in TradeTick evt)
    {
        if (!_seen)
        {
            _seen = true;
            _firstTrade.TrySetResult();
        }
    }

    /// <summary>
    /// Waits until every instrument of <paramref name="clients"/> has a synced book and a trade arrived.
    /// </summary>
    /// <exception cref="TimeoutException">Not ready within <paramref name="timeout"/>; the message says what is missing.</exception>
    public async Task WaitAsync(IReadOnlyList<IMarketDataClient> clients, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        // The clients report sync state by polling only (no event), so look a few times a second.
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (!FirstTrade.IsCompleted || Unsynced(clients).Count > 0)
            {
                await poll.WaitForNextTickAsync(deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(Missing(clients, timeout));
        }
    }

    private string Missing(IReadOnlyList<IMarketDataClient> clients, TimeSpan timeout)
    {
        var missing = new List<string>();
        foreach (var book in Unsynced(clients))
        {
            missing.Add($"the book of {book.Instrument} is not in sync{(book.LastError is null ? string.Empty : " (" + book.LastError + ")")}");
        }

        if (!FirstTrade.IsCompleted)
        {
            missing.Add("no trade arrived");
        }

        return $"Not ready after {timeout.TotalSeconds:0} s: {string.Join("; ", missing)}. The log file says more.";
    }

    private static List<BookFeedHealth> Unsynced(IReadOnlyList<IMarketDataClient> clients)
    {
        var unsynced = new List<BookFeedHealth>();
        foreach (var client in clients)
        {
            var health = client.GetHealth();
            if (health.Books.Count < client.Specs.Count)
            {
                unsynced.AddRange(client.Specs.Where(s => health.Books.All(b => b.Instrument != s.Id)).Select(s => new BookFeedHealth(s.Id, false, 0, 0, 0, 0, 0, 0, "no snapshot yet")));
            }

            unsynced.AddRange(health.Books.Where(b => !b.Synced));
        }

        return unsynced;
    }
}
