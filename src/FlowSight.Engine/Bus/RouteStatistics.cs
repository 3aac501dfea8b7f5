namespace FlowSight.Engine.Bus;

/// <summary>A snapshot of one route's statistics: what it handled, how fast, and how often it failed.</summary>
/// <param name="Name">The subscription's name.</param>
/// <param name="EventType">The event type's name.</param>
/// <param name="Instrument">The instrument the route is limited to, or null for all.</param>
/// <param name="Handled">Events handed to the handler since start.</param>
/// <param name="Filtered">Events the route's filter turned away.</param>
/// <param name="Errors">Events whose handler threw.</param>
/// <param name="EventsPerSecond">Handled events per second over the last statistics interval.</param>
/// <param name="LatencyP50Nanos">Handler latency, 50th percentile, nanoseconds.</param>
/// <param name="LatencyP95Nanos">95th percentile.</param>
/// <param name="LatencyP99Nanos">99th percentile.</param>
/// <param name="LatencyP999Nanos">99.9th percentile.</param>
/// <param name="LatencyMaxNanos">Largest latency seen.</param>
public sealed record RouteStatistics(
    string Name,
    string EventType,
    string? Instrument,
    long Handled,
    long Filtered,
    long Errors,
    double EventsPerSecond,
    long LatencyP50Nanos,
    long LatencyP95Nanos,
    long LatencyP99Nanos,
    long LatencyP999Nanos,
    long LatencyMaxNanos);
