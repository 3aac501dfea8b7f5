using FlowSight.Engine.Bus;

namespace FlowSight.Engine.Hosting;

/// <summary>A snapshot of the engine's health: throughput, queue, errors and every route's latency.</summary>
/// <param name="TakenAt">When the snapshot was taken, Unix nanoseconds on the engine's clock.</param>
/// <param name="EventsProcessed">Messages consumed from the ring buffer since start.</param>
/// <param name="EventsPerSecond">Messages consumed per second since the previous snapshot.</param>
/// <param name="QueueDepth">Messages published but not yet consumed.</param>
/// <param name="Capacity">The ring buffer's slots.</param>
/// <param name="ProducerStalls">Times a producer found the ring buffer full.</param>
/// <param name="Errors">Messages whose handling threw.</param>
/// <param name="Routes">Every bus route's statistics.</param>
public sealed record EngineStatistics(
    long TakenAt,
    long EventsProcessed,
    double EventsPerSecond,
    long QueueDepth,
    int Capacity,
    long ProducerStalls,
    long Errors,
    IReadOnlyList<RouteStatistics> Routes)
{
    /// <summary>Queue depth as a fraction of capacity (0..1).</summary>
    public double BufferUtilisation => Capacity == 0 ? 0 : (double)QueueDepth / Capacity;

    /// <summary>An empty snapshot, before the engine has run.</summary>
    public static EngineStatistics Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, []);
}
