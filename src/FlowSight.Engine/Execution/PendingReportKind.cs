namespace FlowSight.Engine.Execution;

/// <summary>What a queued <see cref="PendingReport"/> carries.</summary>
internal enum PendingReportKind : byte
{
    OrderStatus = 1,
    Fill = 2,
    Position = 3,
    Balance = 4,
    CommandFailed = 5,
    ConnectionChanged = 6,

    /// <summary>Engine-internal work (a query's answer, a reconciliation step), kept in order with the reports.</summary>
    Callback = 7,
}
