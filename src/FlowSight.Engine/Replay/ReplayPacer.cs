namespace FlowSight.Engine.Replay;

/// <summary>
/// Paces a replay on a <see cref="TimeProvider"/>: frame by frame, it waits until as much time has passed since the
/// first frame as the recording shows, divided by <see cref="Speed"/> (2 = twice as fast). A speed of 0 or
/// infinity means as fast as possible. A backtest's simulated clock or a test's FakeTimeProvider drives it like the
/// system clock.
/// </summary>
public sealed class ReplayPacer
{
    private readonly TimeProvider _time;
    private long _firstRecorded = long.MinValue;
    private long _startTimestamp;

    /// <summary>Creates a pacer at <paramref name="speed"/> × recorded speed on <paramref name="timeProvider"/>.</summary>
    public ReplayPacer(double speed, TimeProvider? timeProvider = null)
    {
        if (double.IsNaN(speed) || speed < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The speed must be 0 (as fast as possible) or positive.");
        }

        Speed = speed;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The replay speed relative to the recording (0 or infinity: no waiting).</summary>
    public double Speed { get; }

    /// <summary>True when the pacer never waits.</summary>
    public bool IsUnpaced => Speed == 0 || double.IsPositiveInfinity(Speed);

    /// <summary>
    /// Waits until the frame recorded at <paramref name="recordedTime"/> (Unix ns) is due. Frames stamped earlier than
    /// one already released (clock steps in a recording) are due at once. Completes synchronously when no wait is needed.
    /// </summary>
    public ValueTask WaitAsync(long recordedTime, CancellationToken cancellationToken = default)
    {
        if (IsUnpaced || recordedTime <= 0)
        {
            return ValueTask.CompletedTask;
        }

        if (_firstRecorded == long.MinValue)
        {
            _firstRecorded = recordedTime;
            _startTimestamp = _time.GetTimestamp();
            return ValueTask.CompletedTask;
        }

        var due = TimeSpan.FromTicks((long)((recordedTime - _firstRecorded) / 100 / Speed));
        var wait = due - _time.GetElapsedTime(_startTimestamp);
        return wait > TimeSpan.Zero ? new ValueTask(Task.Delay(wait, _time, cancellationToken)) : ValueTask.CompletedTask;
    }
}
