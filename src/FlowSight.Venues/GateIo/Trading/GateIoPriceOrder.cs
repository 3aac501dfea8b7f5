using FlowSight.Core;

namespace FlowSight.Venues.GateIo.Trading;

/// <summary>A futures price-triggered order as read: the report under our id, Gate's auto-order id and the regular order it became (0 until triggered).</summary>
/// <param name="Report">The order's state as FlowSight reports it.</param>
/// <param name="Id">Gate's auto-order id (<c>id</c>).</param>
/// <param name="TradeId">The regular order placed on trigger (<c>trade_id</c>), 0 before.</param>
internal readonly record struct GateIoPriceOrder(OrderStatusReport Report, long Id, long TradeId);
