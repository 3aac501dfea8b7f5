namespace FlowSight.Server.Health;

/// <summary>The body of <c>/health</c>: the process answers.</summary>
/// <param name="Status">Always <c>alive</c>.</param>
/// <param name="Engine">The engine's state (running, stopped …) as the engine reports it.</param>
public sealed record LivenessReport(string Status, string Engine);
