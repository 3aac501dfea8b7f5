using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Matching;

public sealed partial class MatchingEngine
{
    private void EmitOrder(int index, ExecutionType executionType, OrderStatus status, RejectReason reason, long timestamp) =>
        Emit(index, executionType, status, reason, 0, 0, LiquiditySide.None, 0, timestamp);

    private void EmitFill(int index, LiquiditySide liquidity, long priceRaw, long quantityRaw, long tradeId, long timestamp)
    {
        ref var node = ref _pool.Nodes[index];
        var status = node.RemainingRaw == 0 ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        Emit(index, ExecutionType.Trade, status, RejectReason.None, quantityRaw, priceRaw, liquidity, tradeId, timestamp);
    }

    private void Emit(int index, ExecutionType executionType, OrderStatus status, RejectReason reason, long lastQuantityRaw,
        long lastPriceRaw, LiquiditySide liquidity, long tradeId, long timestamp)
    {
        ref var node = ref _pool.Nodes[index];
        var orderEvent = new OrderEvent
        {
            AccountId = node.AccountId,
            Instrument = _instrumentId,
            OrderId = node.OrderId,
            ClientOrderId = node.ClientOrderId,
            Side = node.Side,
            PositionSide = node.PositionSide,
            Type = node.Type,
            TimeInForce = node.TimeInForce,
            ReduceOnly = node.ReduceOnly,
            Price = Price.FromRaw(node.PriceRaw, _pricePrecision),
            TriggerPrice = Price.FromRaw(node.TriggerRaw, _pricePrecision),
            Quantity = Quantity.FromRaw(node.QuantityRaw, _sizePrecision),
            ExecutionType = executionType,
            Status = status,
            RejectReason = reason,
            LastQuantity = Quantity.FromRaw(lastQuantityRaw, _sizePrecision),
            LastPrice = Price.FromRaw(lastPriceRaw, _pricePrecision),
            CumulativeQuantity = Quantity.FromRaw(node.FilledRaw, _sizePrecision),
            CumulativeQuote = Money.FromRaw(FixedRaw.RoundHalfEven(node.CumQuoteRaw, _notionalScale, _quotePrecision), _quotePrecision),
            Liquidity = liquidity,
            TradeId = tradeId,
            Timestamp = timestamp,
        };
        _listener.OnOrderEvent(in orderEvent);
    }

    /// <summary>A refused new order: it never got an id, and carries the request's fields as sent.</summary>
    private void RejectRequest(in SimOrderRequest request, RejectReason reason, long timestamp)
    {
        var orderEvent = OrderEvent.RejectedRequest(request, reason, timestamp);
        _listener.OnOrderEvent(in orderEvent);
    }

    private void RejectCancel(in SimCancelRequest request, long timestamp)
    {
        var orderEvent = OrderEvent.RejectedChange(request.AccountId, request.Instrument, request.OrderId, request.ClientOrderId, RejectReason.UnknownOrder, timestamp);
        _listener.OnOrderEvent(in orderEvent);
    }

    private void EmitLevel(BookSide book, long priceRaw, long totalRaw, long timestamp) =>
        _listener.OnBookLevel(_instrumentId, book.Side, Price.FromRaw(priceRaw, _pricePrecision), Quantity.FromRaw(totalRaw, _sizePrecision), timestamp);
}
