using FlowSight.Core;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Trading;

/// <summary>An <see cref="IExecutionReportSink"/> that records every report in arrival order and lets a test await one.</summary>
internal sealed class RecordingSink : IExecutionReportSink
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly Lock _lock = new();
    private readonly List<object> _events = [];
    private readonly List<(Func<object, bool> Match, TaskCompletionSource<object> Done)> _waiters = [];

    public IReadOnlyList<object> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<T> All<T>() => [.. Events.OfType<T>()];

    public void OnOrderStatus(in OrderStatusReport report) => Add(report);

    public void OnFill(in FillReport fill) => Add(fill);

    public void OnPosition(in PositionStatusReport position) => Add(position);

    public void OnBalance(in BalanceReport balance) => Add(balance);

    public void OnCommandFailed(in VenueCommandFailure failure) => Add(failure);

    public void OnConnectionChanged(in ExecutionConnectionChanged change) => Add(change);

    /// <summary>The first report of type <typeparamref name="T"/> matching <paramref name="match"/> (already seen or still to come); fails after 10 s.</summary>
    public async Task<T> WaitAsync<T>(Func<T, bool> match, string what)
    {
        TaskCompletionSource<object> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            foreach (var e in _events)
            {
                if (e is T t && match(t))
                {
                    return t;
                }
            }

            _waiters.Add((e => e is T t && match(t), done));
        }

        try
        {
            return (T)await done.Task.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No {typeof(T).Name} {what} within {Timeout.TotalSeconds} s. Seen: {string.Join(" | ", Events)}");
            throw;
        }
    }

    private void Add(object e)
    {
        List<TaskCompletionSource<object>>? done = null;
        lock (_lock)
        {
            _events.Add(e);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(e))
                {
                    (done ??= []).Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var tcs in done ?? [])
        {
            tcs.TrySetResult(e);
        }
    }
}
