using FlowSight.Core;

namespace FlowSight.Engine.Execution;

/// <summary>A report waiting for the engine thread; a union so queueing one allocates nothing.</summary>
internal struct PendingReport
{
    public PendingReportKind Kind;
    public OrderStatusReport OrderStatus;
    public FillReport Fill;
    public PositionStatusReport Position;
    public BalanceReport Balance;
    public VenueCommandFailure Failure;
    public ExecutionConnectionChanged Connection;
    public Action? Callback;
}
