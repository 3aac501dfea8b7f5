using FlowSight.TestServers.Binance;
using FlowSight.Venues.Network.Http;
using Microsoft.Extensions.Time.Testing;

namespace FlowSight.Venues.Tests.Network.Http;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which timers are armed and when they are due, so a test can wait until
/// the client is parked on a timer and then move the clock exactly to it — no sleeping, no guessing.
/// </summary>
public sealed class TimerTrackingClock : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<TrackedTimer> _armed = [];

    /// <summary>Starts frozen at <paramref name="start"/>.</summary>
    public TimerTrackingClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Pulsed whenever a timer is armed, changed, fired or disposed.</summary>
    public WsSignal Signal { get; } = new();

    /// <summary>The due times of the armed timers, earliest first.</summary>
    public IReadOnlyList<DateTimeOffset> ArmedDueTimes
    {
        get
        {
            lock (_lock)
            {
                return [.. _armed.Select(t => t.Due).Order()];
            }
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this, period);
        tracked.Inner = base.CreateTimer(
            s =>
            {
                tracked.OnFired();
                callback(s);
            },
            state,
            dueTime,
            period);
        tracked.Arm(dueTime);
        return tracked;
    }

    /// <summary>Waits until a timer due within <paramref name="within"/> from now is armed, then advances the clock to it.</summary>
    /// <returns>How far the clock moved.</returns>
    public async Task<TimeSpan> AdvanceToNextTimerAsync(TimeSpan within, string what = "an armed timer")
    {
        var now = GetUtcNow();
        await Signal.WaitAsync(() => ArmedDueTimes.Any(d => d - GetUtcNow() <= within), TimeSpan.FromSeconds(15), what);
        var next = ArmedDueTimes.First(d => d - GetUtcNow() <= within);
        var step = next - GetUtcNow();
        if (step > TimeSpan.Zero)
        {
            Advance(step);
        }

        return GetUtcNow() - now;
    }

    private void Update(TrackedTimer timer, bool armed)
    {
        lock (_lock)
        {
            _armed.Remove(timer);
            if (armed)
            {
                _armed.Add(timer);
            }
        }

        Signal.Pulse();
    }

    /// <summary>
    /// Runs <paramref name="calls"/> on <paramref name="host"/> to completion: whenever every unfinished call is parked
    /// on a rate-limit or 429 wait (nothing in flight), moves the clock to the earliest armed timer.
    /// </summary>
    /// <returns>The clock steps taken.</returns>
    public async Task<IReadOnlyList<TimeSpan>> DriveRestCallsAsync(RestHost host, IReadOnlyList<Task> calls)
    {
        var signal = new WsSignal();
        void Pulse(object? sender, EventArgs e) => signal.Pulse();
        host.Changed += Pulse;
        var steps = new List<TimeSpan>();
        try
        {
            foreach (var call in calls)
            {
                _ = call.ContinueWith(_ => signal.Pulse(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            while (true)
            {
                await signal.WaitAsync(
                    () =>
                    {
                        var outstanding = calls.Count(c => !c.IsCompleted);
                        var state = host.Snapshot(GetUtcNow());
                        return outstanding == 0 || (state.InFlight == 0 && state.Waiting == outstanding);
                    },
                    TimeSpan.FromSeconds(30),
                    $"the calls to finish or park ({host.Snapshot(GetUtcNow())})");
                if (calls.All(c => c.IsCompleted))
                {
                    break;
                }

                steps.Add(await AdvanceToNextTimerAsync(TimeSpan.FromHours(1), "the parked calls' timers"));
            }
        }
        finally
        {
            host.Changed -= Pulse;
        }

        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));
        return steps;
    }

    private sealed class TrackedTimer(TimerTrackingClock clock, TimeSpan period) : ITimer
    {
        private TimeSpan _period = period;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset Due { get; private set; }

        public void Arm(TimeSpan dueTime)
        {
            var armed = dueTime != Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero;
            Due = armed ? clock.GetUtcNow() + dueTime : DateTimeOffset.MaxValue;
            clock.Update(this, armed);
        }

        public void OnFired()
        {
            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                Arm(_period);
            }
            else
            {
                clock.Update(this, armed: false);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            var changed = Inner.Change(dueTime, period);
            Arm(dueTime);
            return changed;
        }

        public void Dispose()
        {
            Inner.Dispose();
            clock.Update(this, armed: false);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
