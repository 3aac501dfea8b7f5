using FlowSight.Core;

namespace FlowSight.Engine.Exits;

/// <summary>A tracked plan and what it has seen: the best price since entry and the trailing level.</summary>
internal sealed class ActiveExit(ExitPlan plan, long openedAtNs, ClientOrderId[] nativeOrders)
{
    public ExitPlan Plan { get; } = plan;

    public long OpenedAtNs { get; } = openedAtNs;

    public ClientOrderId[] NativeOrders { get; } = nativeOrders;

    /// <summary>The highest (long) or lowest (short) price seen since entry.</summary>
    public decimal BestPrice { get; set; } = plan.EntryPrice.ToDecimal();

    /// <summary>The trailing stop level; null without a trailing stop.</summary>
    public decimal? TrailingLevel { get; set; }
}
