using FlowSight.Core;

namespace FlowSight.Engine.Risk;

/// <summary>
/// A command the risk engine let through. Only <see cref="RiskEngine"/> creates one, and the execution engine takes
/// nothing else: no order reaches a venue without passing every check.
/// </summary>
/// <typeparam name="TCommand"><see cref="SubmitOrder"/>, <see cref="CancelOrder"/>, <see cref="ReplaceOrder"/> or <see cref="CancelAllOrders"/>.</typeparam>
public readonly struct RiskApproved<TCommand>
    where TCommand : struct
{
    internal RiskApproved(in TCommand command, long approvedAt)
    {
        Command = command;
        ApprovedAt = approvedAt;
    }

    /// <summary>The approved command.</summary>
    public TCommand Command { get; }

    /// <summary>When the risk engine approved it, Unix ns.</summary>
    public long ApprovedAt { get; }
}

/// <summary>Approvals outside the risk engine: for the engine's own tests and benchmarks only.</summary>
internal static class RiskApprovals
{
    /// <summary>Approves <paramref name="command"/> without checking it.</summary>
    internal static RiskApproved<TCommand> Unchecked<TCommand>(in TCommand command, long approvedAt = 0)
        where TCommand : struct => new(command, approvedAt);
}
