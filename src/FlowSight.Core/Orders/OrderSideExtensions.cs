namespace FlowSight.Core;

/// <summary>Helpers on <see cref="OrderSide"/>.</summary>
public static class OrderSideExtensions
{
    /// <summary>The other side.</summary>
    public static OrderSide Opposite(this OrderSide side) => side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;

    /// <summary>+1 for buy, -1 for sell: the sign a fill adds to a position.</summary>
    public static int Sign(this OrderSide side) => side == OrderSide.Buy ? 1 : -1;
}
