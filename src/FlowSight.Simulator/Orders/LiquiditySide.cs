namespace FlowSight.Simulator.Orders;

/// <summary>Whether a fill added liquidity (resting order) or took it (incoming order).</summary>
public enum LiquiditySide : byte
{
    /// <summary>Not a fill.</summary>
    None = 0,

    /// <summary>The order rested on the book and was hit.</summary>
    Maker = 1,

    /// <summary>The order crossed the spread and traded on arrival.</summary>
    Taker = 2,
}
