namespace FlowSight.Core;

/// <summary>
/// A clock that moves only when told to: the backtester advances it to each replayed event's time, tests advance
/// it by hand. It never goes backwards. Timers are not supported: the engine schedules its own timers against
/// whatever clock it runs on.
/// </summary>
public sealed class SimulatedClock : TimeProvider
{
    private long _nowNanos;

    /// <summary>Creates a clock at <paramref name="startUnixNanos"/>.</summary>
    public SimulatedClock(long startUnixNanos = 0) => _nowNanos = startUnixNanos;

    /// <summary>The current time, Unix nanoseconds.</summary>
    public long UnixNanosNow => Volatile.Read(ref _nowNanos);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => UnixNanos.ToDateTimeOffset(UnixNanosNow);

    /// <inheritdoc />
    public override long TimestampFrequency => UnixNanos.PerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => UnixNanosNow;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock to <paramref name="unixNanos"/>.</summary>
    /// <exception cref="InvalidOperationException">The time is earlier than the clock's.</exception>
    public void AdvanceTo(long unixNanos)
    {
        var now = UnixNanosNow;
        if (unixNanos < now)
        {
            throw new InvalidOperationException($"A simulated clock never goes backwards: it is at {now} ns, asked for {unixNanos} ns.");
        }

        Volatile.Write(ref _nowNanos, unixNanos);
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        AdvanceTo(UnixNanosNow + (delta.Ticks * 100));
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("SimulatedClock has no timers; schedule work through the engine, which checks the clock on every event.");
}
