namespace FlowSight.Venues.Network;

/// <summary>The classic circuit-breaker states.</summary>
public enum CircuitState : byte
{
    /// <summary>Attempts are allowed; failures are counted.</summary>
    Closed = 0,

    /// <summary>Attempts are paused until the cool-down ends.</summary>
    Open,

    /// <summary>One trial attempt is allowed: success closes the circuit, failure re-opens it.</summary>
    HalfOpen,
}
