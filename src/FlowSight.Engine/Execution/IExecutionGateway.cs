using FlowSight.Engine.Risk;
using FlowSight.Core;

namespace FlowSight.Engine.Execution;

/// <summary>The execution engine's door: approved commands only, called on the engine thread, never blocking it.</summary>
public interface IExecutionGateway
{
    /// <summary>Sends an approved order to its venue.</summary>
    void Execute(in RiskApproved<SubmitOrder> command);

    /// <summary>Sends an approved cancel.</summary>
    void Execute(in RiskApproved<CancelOrder> command);

    /// <summary>Sends an approved replace.</summary>
    void Execute(in RiskApproved<ReplaceOrder> command);

    /// <summary>Sends an approved cancel-all to every venue concerned.</summary>
    void Execute(in RiskApproved<CancelAllOrders> command);
}
