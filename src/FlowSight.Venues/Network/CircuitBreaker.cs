namespace FlowSight.Venues.Network;

/// <summary>
/// Counts consecutive failed connection attempts and decides when to pause. Pure state, no timing: the
/// <see cref="WebSocketConnection"/> waits the cool-down on its <see cref="TimeProvider"/> and then calls
/// <see cref="BeginTrial"/>. Not thread-safe; the connection's supervisor is its only user.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly CircuitBreakerOptions _options;

    /// <summary>Creates a closed breaker.</summary>
    public CircuitBreaker(CircuitBreakerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The current state.</summary>
    public CircuitState State { get; private set; }

    /// <summary>Consecutive failures counted since the circuit last closed.</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>How many times the circuit has opened.</summary>
    public long Openings { get; private set; }

    /// <summary>Records a failed attempt; true when this failure opened the circuit (the caller must wait the cool-down).</summary>
    public bool RecordFailure()
    {
        ConsecutiveFailures++;
        if (State == CircuitState.HalfOpen || ConsecutiveFailures >= _options.FailureThreshold)
        {
            State = CircuitState.Open;
            Openings++;
            return true;
        }

        return false;
    }

    /// <summary>The cool-down ended: allow one trial attempt.</summary>
    /// <exception cref="InvalidOperationException">The circuit is not open.</exception>
    public void BeginTrial()
    {
        if (State != CircuitState.Open)
        {
            throw new InvalidOperationException($"A trial begins only from an open circuit; the circuit is {State}.");
        }

        State = CircuitState.HalfOpen;
    }

    /// <summary>Records a successful attempt: the circuit closes and the failure count restarts.</summary>
    public void RecordSuccess()
    {
        State = CircuitState.Closed;
        ConsecutiveFailures = 0;
    }
}
