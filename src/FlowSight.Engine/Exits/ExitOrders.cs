using FlowSight.Core;

namespace FlowSight.Engine.Exits;

/// <summary>Builds the orders that close a position: local market exits and venue-native stop orders.</summary>
public static class ExitOrders
{
    /// <summary>
    /// A market order closing <paramref name="plan"/>'s quantity. Net mode: reduce-only. Hedge mode: the leg is named
    /// by <see cref="SubmitOrder.PositionSide"/> and reduce-only is left off, because Binance refuses reduceOnly in
    /// hedge mode (the side and leg already make the order closing).
    /// </summary>
    public static SubmitOrder Market(ExitPlan plan, ClientOrderId id, string? origin, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new SubmitOrder
        {
            ClientOrderId = id,
            Instrument = plan.Instrument,
            Side = plan.IsLong ? OrderSide.Sell : OrderSide.Buy,
            Type = OrderType.Market,
            Quantity = plan.Quantity,
            ReduceOnly = plan.PositionSide == PositionSide.Both,
            PositionSide = plan.PositionSide,
            Origin = origin,
            Timestamp = timestamp,
        };
    }

    /// <summary>A venue-native <see cref="OrderType.StopMarket"/> at <paramref name="triggerPrice"/>, closing the position.</summary>
    public static SubmitOrder NativeStop(ExitPlan plan, Price triggerPrice, ClientOrderId id, string? origin, long timestamp) =>
        Market(plan, id, origin, timestamp) with { Type = OrderType.StopMarket, TriggerPrice = triggerPrice };

    /// <summary>A venue-native <see cref="OrderType.TakeProfitMarket"/> at <paramref name="triggerPrice"/>, closing the position.</summary>
    public static SubmitOrder NativeTakeProfit(ExitPlan plan, Price triggerPrice, ClientOrderId id, string? origin, long timestamp) =>
        Market(plan, id, origin, timestamp) with { Type = OrderType.TakeProfitMarket, TriggerPrice = triggerPrice };
}
