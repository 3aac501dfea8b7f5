namespace FlowSight.Venues.Network;

/// <summary>
/// Exponential backoff with full jitter between reconnect attempts: before attempt <c>n</c> of an outage the
/// connection waits a uniformly random time in <c>[0, min(MaxDelay, InitialDelay × Multiplier^(n-1)))</c>.
/// Full jitter spreads many clients' reconnects after a venue outage instead of making them arrive together.
/// </summary>
public sealed record BackoffPolicy
{
    /// <summary>The ceiling of the first delay.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest ceiling.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How much the ceiling grows per failure.</summary>
    public double Multiplier { get; init; } = 2;

    /// <summary>
    /// Consecutive failed attempts after which the connection gives up (<see cref="ConnectionState.Faulted"/>);
    /// 0 keeps trying for ever (the circuit breaker still pauses it).
    /// </summary>
    public int MaxAttempts { get; init; }

    /// <summary>The ceiling for the delay before attempt <paramref name="failures"/> + 1, after <paramref name="failures"/> consecutive failures (≥ 1).</summary>
    public TimeSpan GetCeiling(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var ticks = InitialDelay.Ticks * Math.Pow(Multiplier, failures - 1);
        return ticks >= MaxDelay.Ticks || double.IsNaN(ticks) ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>A full-jitter delay after <paramref name="failures"/> consecutive failures: <c>ceiling × random.NextDouble()</c>.</summary>
    public TimeSpan GetDelay(int failures, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return TimeSpan.FromTicks((long)(GetCeiling(failures).Ticks * random.NextDouble()));
    }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialDelay, TimeSpan.Zero, nameof(InitialDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, InitialDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(Multiplier, 1.0, nameof(Multiplier));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxAttempts, nameof(MaxAttempts));
    }
}
