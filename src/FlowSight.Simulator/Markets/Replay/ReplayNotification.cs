namespace FlowSight.Simulator.Markets.Replay;

/// <summary>
/// A report waiting for its feed latency: its kind and release time; the report itself waits, in the same order, in
/// the queue of its kind (small entries: most reports are book levels).
/// </summary>
internal record struct ReplayNotification(long ReleaseTime, ReplayNotificationKind Kind);
