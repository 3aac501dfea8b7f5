using FlowSight.Engine.Execution;
using FlowSight.Engine.Orders;
using FlowSight.Engine.Portfolio;
using FlowSight.Engine.Risk;

namespace FlowSight.Engine.Trading;

/// <summary>How a <see cref="TradingNode"/> trades: its risk limits, execution waits and portfolio valuation.</summary>
public sealed record TradingNodeOptions
{
    /// <summary>Pre-trade limits and kill-switch triggers.</summary>
    public RiskLimits Risk { get; init; } = new();

    /// <summary>Execution waits (unknown outcomes, reconciliation look-back).</summary>
    public ExecutionEngineOptions Execution { get; init; } = new();

    /// <summary>Valuation currency, equity sampling, default leverage.</summary>
    public PortfolioOptions Portfolio { get; init; } = new();

    /// <summary>Closed orders the order store keeps (the oldest beyond are forgotten and their instances reused).</summary>
    public int MaxClosedOrders { get; init; } = OrderStore.DefaultMaxClosedOrders;

    /// <summary>Prefix of the client order ids this node makes (alphanumeric).</summary>
    public string ClientOrderIdPrefix { get; init; } = "FS";
}
