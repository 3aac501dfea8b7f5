namespace FlowSight.Engine.Configuration;

/// <summary>How the engine thread waits for events when the ring buffer is empty.</summary>
public enum WaitStrategyKind
{
    /// <summary>Spins on the sequence: lowest latency, burns a whole core. For pinned, dedicated cores.</summary>
    BusySpin,

    /// <summary>Spins, then yields the core: low latency, polite to other threads. The default.</summary>
    Yielding,

    /// <summary>Parks on a lock until a producer signals: highest latency, no CPU when idle.</summary>
    Blocking,
}
