using FlowSight.Core;
using FlowSight.Engine.Execution;
using FlowSight.Engine.Risk;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>Keeps every approved command, in order, as the execution engine would receive them.</summary>
internal sealed class RecordingGateway : IExecutionGateway
{
    public List<SubmitOrder> Submitted { get; } = [];

    public List<CancelOrder> Canceled { get; } = [];

    public List<ReplaceOrder> Replaced { get; } = [];

    public List<CancelAllOrders> CanceledAll { get; } = [];

    /// <summary>Throw on cancel-all, as a gateway with no route might.</summary>
    public bool FailCancelAll { get; set; }

    /// <summary>Every command's kind, in the order they arrived.</summary>
    public List<TradingCommandKind> Sequence { get; } = [];

    public void Execute(in RiskApproved<SubmitOrder> command)
    {
        Submitted.Add(command.Command);
        Sequence.Add(TradingCommandKind.Submit);
    }

    public void Execute(in RiskApproved<CancelOrder> command)
    {
        Canceled.Add(command.Command);
        Sequence.Add(TradingCommandKind.Cancel);
    }

    public void Execute(in RiskApproved<ReplaceOrder> command)
    {
        Replaced.Add(command.Command);
        Sequence.Add(TradingCommandKind.Replace);
    }

    public void Execute(in RiskApproved<CancelAllOrders> command)
    {
        if (FailCancelAll)
        {
            throw new InvalidOperationException("venue unreachable");
        }

        CanceledAll.Add(command.Command);
        Sequence.Add(TradingCommandKind.CancelAll);
    }
}
