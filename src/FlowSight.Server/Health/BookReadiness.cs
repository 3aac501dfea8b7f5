namespace FlowSight.Server.Health;

/// <summary>One book feed in <c>/health/ready</c>.</summary>
/// <param name="Instrument">FlowSight id.</param>
/// <param name="Synced">True when the local book follows the venue's sequence.</param>
/// <param name="UpdatesApplied">Updates applied.</param>
/// <param name="Gaps">Breaks in the venue's sequence.</param>
/// <param name="Resyncs">Rebuilds from a new snapshot.</param>
/// <param name="LastError">Why the last snapshot failed, until one succeeds.</param>
public sealed record BookReadiness(string Instrument, bool Synced, long UpdatesApplied, long Gaps, long Resyncs, string? LastError);
