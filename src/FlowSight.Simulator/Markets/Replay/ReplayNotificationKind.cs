namespace FlowSight.Simulator.Markets.Replay;

/// <summary>Which listener call a <see cref="ReplayNotification"/> becomes.</summary>
internal enum ReplayNotificationKind : byte
{
    Order = 1,
    Trade = 2,
    BookLevel = 3,
}
