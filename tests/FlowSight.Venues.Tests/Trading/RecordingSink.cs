using FlowSight.Core;
using Xunit;

namespace FlowSight.Venues.Tests.Trading;

/// <summary>Keeps every report an execution client delivers and lets a test await the one it expects (never a sleep).</summary>
internal sealed class RecordingSink : IExecutionReportSink
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<object> _events = [];
    private readonly List<(Func<object, bool> Match, TaskCompletionSource<object> Done)> _waiters = [];

    public IReadOnlyList<object> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public List<T> All<T>()
    {
        lock (_gate)
        {
            return _events.OfType<T>().ToList();
        }
    }

    /// <summary>The first report of type <typeparamref name="T"/> matching <paramref name="match"/>, already received or still to come.</summary>
    public async Task<T> WaitAsync<T>(Func<T, bool> match, TimeSpan? timeout = null, string? what = null)
    {
        TaskCompletionSource<object> done;
        lock (_gate)
        {
            foreach (var e in _events)
            {
                if (e is T t && match(t))
                {
                    return t;
                }
            }

            done = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((o => o is T t && match(t), done));
        }

        try
        {
            return (T)await done.Task.WaitAsync(timeout ?? DefaultTimeout, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"No {typeof(T).Name} {what} within {(timeout ?? DefaultTimeout).TotalSeconds} s. Received: {string.Join("; ", Events.Select(e => e.ToString()))}");
        }
    }

    public void OnOrderStatus(in OrderStatusReport report) => Add(report);

    public void OnFill(in FillReport fill) => Add(fill);

    public void OnPosition(in PositionStatusReport position) => Add(position);

    public void OnBalance(in BalanceReport balance) => Add(balance);

    public void OnCommandFailed(in VenueCommandFailure failure) => Add(failure);

    public void OnConnectionChanged(in ExecutionConnectionChanged change) => Add(change);

    private void Add(object e)
    {
        List<TaskCompletionSource<object>> done = [];
        lock (_gate)
        {
            _events.Add(e);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(e))
                {
                    done.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var d in done)
        {
            d.TrySetResult(e);
        }
    }
}
