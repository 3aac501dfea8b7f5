using FlowSight.Core;
using FlowSight.Engine.Execution;
using FlowSight.Engine.Risk;

namespace FlowSight.Benchmarks.Risk;

/// <summary>Takes approved commands and drops them.</summary>
internal sealed class NullGateway : IExecutionGateway
{
    public long Count { get; private set; }

    public void Execute(in RiskApproved<SubmitOrder> command) => Count++;

    public void Execute(in RiskApproved<CancelOrder> command) => Count++;

    public void Execute(in RiskApproved<ReplaceOrder> command) => Count++;

    public void Execute(in RiskApproved<CancelAllOrders> command) => Count++;
}
