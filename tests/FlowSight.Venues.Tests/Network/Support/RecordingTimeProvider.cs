using FlowSight.TestServers.Binance;
using Microsoft.Extensions.Time.Testing;

namespace FlowSight.Venues.Tests.Network.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that remembers every timer due time it was asked for (creations and changes),
/// so a test can assert "the client asked to wait exactly 750 ms" and then advance the clock by that much, instead of
/// sleeping. Waits fail after a real-time timeout rather than hang.
/// </summary>
public sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly List<TimeSpan> _requested = [];
    private readonly WsSignal _signal = new();
    private int _cursor;

    /// <summary>Starts at 2024-08-08 00:00 UTC (the recordings' day), frozen until advanced.</summary>
    public RecordingTimeProvider()
        : base(new DateTimeOffset(2024, 8, 8, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Every finite due time requested so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Requested
    {
        get
        {
            lock (_requested)
            {
                return [.. _requested];
            }
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Record(dueTime);
        return new RecordingTimer(timer, this);
    }

    /// <summary>
    /// Waits until a timer with exactly <paramref name="dueTime"/> is requested (looking from the last match on) and
    /// moves past it.
    /// </summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime, TimeSpan? timeout = null)
    {
        var found = -1;
        await _signal.WaitAsync(
            () =>
            {
                lock (_requested)
                {
                    found = _requested.IndexOf(dueTime, _cursor);
                    return found >= 0;
                }
            },
            timeout ?? TimeSpan.FromSeconds(15),
            $"a timer of {dueTime.TotalMilliseconds} ms (requested: {string.Join(", ", Requested.Select(t => t.TotalMilliseconds))})");
        lock (_requested)
        {
            _cursor = found + 1;
        }
    }

    /// <summary>Waits for a timer of exactly <paramref name="dueTime"/>, then advances the clock by it.</summary>
    public async Task AdvanceWhenRequestedAsync(TimeSpan dueTime)
    {
        await WaitForTimerAsync(dueTime);
        Advance(dueTime);
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        lock (_requested)
        {
            _requested.Add(dueTime);
        }

        _signal.Pulse();
    }

    private sealed class RecordingTimer(ITimer inner, RecordingTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Record(dueTime);
            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
