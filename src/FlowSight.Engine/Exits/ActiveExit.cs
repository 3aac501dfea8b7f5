using FlowSight.Core;

namespace FlowSight.Engine.Exits;

/// <summary>A tracked plan and what it has seen: the best price since entry and the trailing level.</summary>
internal sealed class ActiveExit(ExitPlan plan, long openedAtNs, ClientOrderId[] nativeOrders)
{
    /// <summary>True when the fixed stop and take-profit are the venue's (native orders), not watched here.</summary>
    public bool Native => NativeOrders.Length > 0;

    /// <summary>True once the position source showed the leg open: from then on a flat leg means it was closed.</summary>
    public bool SeenOpen { get; set; }

    public ExitPlan Plan { get; } = plan;

    public long OpenedAtNs { get; } = openedAtNs;

    public ClientOrderId[] NativeOrders { get; } = nativeOrders;

    /// <summary>The exit kind of each of <see cref="NativeOrders"/>.</summary>
    public ExitKind[] NativeKinds { get; init; } = [];

    /// <summary>The highest (long) or lowest (short) price seen since entry.</summary>
    public decimal BestPrice { get; set; } = plan.EntryPrice.ToDecimal();

    /// <summary>The trailing stop level; null without a trailing stop.</summary>
    public decimal? TrailingLevel { get; set; }
}
