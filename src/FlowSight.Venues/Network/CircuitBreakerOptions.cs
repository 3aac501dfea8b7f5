namespace FlowSight.Venues.Network;

/// <summary>When a connection stops trying for a while: after <see cref="FailureThreshold"/> consecutive failed attempts it pauses for <see cref="CoolDown"/>.</summary>
public sealed record CircuitBreakerOptions
{
    /// <summary>Consecutive failed attempts that open the circuit.</summary>
    public int FailureThreshold { get; init; } = 5;

    /// <summary>How long the circuit stays open before one trial attempt (half-open).</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FailureThreshold, 1, nameof(FailureThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(CoolDown, TimeSpan.Zero, nameof(CoolDown));
    }
}
