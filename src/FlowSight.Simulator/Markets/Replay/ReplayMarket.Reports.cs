using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Markets.Replay;

/// <summary>Instrument filters and the order events.</summary>
public sealed partial class ReplayMarket
{
    /// <summary>The instrument's filters (Binance PRICE_FILTER, LOT_SIZE, MIN_NOTIONAL; reduce-only is exempt from the last).</summary>
    private RejectReason Validate(in SimOrderRequest request, out long priceRaw, out long quantityRaw, out long triggerRaw, bool amending = false)
    {
        priceRaw = 0;
        quantityRaw = 0;
        triggerRaw = 0;
        var instrument = Instrument;
        if (request.Instrument != instrument.Id)
        {
            return RejectReason.UnknownInstrument;
        }

        if (request.Type == OrderType.TrailingStopMarket
            || ((request.Type is OrderType.Market or OrderType.StopMarket or OrderType.TakeProfitMarket) && request.TimeInForce == TimeInForce.Gtx))
        {
            return RejectReason.InvalidOrderType;
        }

        var quantity = request.Quantity;
        if (quantity.Raw == 0)
        {
            return RejectReason.InvalidQuantity;
        }

        if (!quantity.IsMultipleOf(instrument.StepSize))
        {
            return RejectReason.QuantityNotStepMultiple;
        }

        if (quantity < instrument.MinQuantity)
        {
            return RejectReason.QuantityBelowMinimum;
        }

        bool priced = request.Type is OrderType.Limit or OrderType.StopLimit or OrderType.TakeProfitLimit;
        if (priced && instrument.MaxQuantity is { } max && quantity > max)
        {
            return RejectReason.QuantityAboveMaximum;
        }

        quantityRaw = quantity.RoundTo(_sizePrecision, RoundingMode.ToEven).Raw;
        if (priced)
        {
            var reason = CheckPrice(request.Price, out priceRaw);
            if (reason != RejectReason.None)
            {
                return reason;
            }
        }

        if (IsStop(request.Type))
        {
            var reason = CheckPrice(request.TriggerPrice, out triggerRaw);
            if (reason != RejectReason.None)
            {
                return reason;
            }
        }

        if (!request.ReduceOnly && instrument.MinNotional.Raw > 0)
        {
            long referenceRaw = priced ? priceRaw : IsStop(request.Type) ? triggerRaw : BestOppositeRaw(request.Side);
            if (referenceRaw > 0)
            {
                var notional = Price.FromRaw(referenceRaw, _pricePrecision)
                    .Notional(quantity, _quotePrecision, RoundingMode.ToEven)
                    .Multiply(instrument.ContractMultiplier, _quotePrecision, RoundingMode.ToEven);
                if (notional < instrument.MinNotional)
                {
                    return RejectReason.NotionalBelowMinimum;
                }
            }
        }

        if (!amending && !request.ClientOrderId.IsDefault && HasOpenClientOrderId(request.AccountId, request.ClientOrderId))
        {
            return RejectReason.DuplicateClientOrderId;
        }

        return RejectReason.None;
    }

    private RejectReason CheckPrice(Price price, out long raw)
    {
        raw = 0;
        if (price.Raw <= 0)
        {
            return RejectReason.InvalidPrice;
        }

        if (!price.IsMultipleOf(Instrument.TickSize))
        {
            return RejectReason.PriceNotTickMultiple;
        }

        raw = price.RoundTo(_pricePrecision, RoundingMode.ToEven).Raw;
        return RejectReason.None;
    }

    private bool HasOpenClientOrderId(int accountId, ClientOrderId clientOrderId)
    {
        foreach (var order in _resting)
        {
            if (order.Request.AccountId == accountId && order.Request.ClientOrderId == clientOrderId)
            {
                return true;
            }
        }

        foreach (var order in _stops)
        {
            if (order.Request.AccountId == accountId && order.Request.ClientOrderId == clientOrderId)
            {
                return true;
            }
        }

        return false;
    }

    private long BestOppositeRaw(OrderSide side) => TryGetBest(Opposite(side), out var best) ? best.Price.Raw : 0;

    /// <summary>What <see cref="IOrderAdmission.Admit"/> is told: limit price, trigger, or the worst price a market order reaches.</summary>
    private Price ReferencePrice(in SimOrderRequest request, long priceRaw, long quantityRaw, long triggerRaw)
    {
        if (priceRaw > 0)
        {
            return Price.FromRaw(priceRaw, _pricePrecision);
        }

        if (triggerRaw > 0)
        {
            return Price.FromRaw(triggerRaw, _pricePrecision);
        }

        var side = Opposite(request.Side);
        long remaining = quantityRaw;
        long worst = 0;
        int levels = _book.Count(side);
        for (int depth = 0; depth < levels && remaining > 0; depth++)
        {
            var level = _book.GetLevel(side, depth);
            long available = Available(side, level.Price.Raw, level.Size.Raw);
            if (available > 0)
            {
                worst = level.Price.Raw;
                remaining -= available;
            }
        }

        return worst == 0 ? default : Price.FromRaw(worst, _pricePrecision);
    }

    private void ReportFill(ReplayOrder order, long quantityRaw, long priceRaw, LiquiditySide liquidity)
    {
        order.FilledRaw += quantityRaw;
        order.CumulativeQuoteRaw += Price.FromRaw(priceRaw, _pricePrecision)
            .Notional(Quantity.FromRaw(quantityRaw, _sizePrecision), _quotePrecision, RoundingMode.ToEven).Raw;
        var status = order.RemainingRaw == 0 ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        ReportOrder(Event(order, ExecutionType.Trade, status, RejectReason.None) with
        {
            LastQuantity = Quantity.FromRaw(quantityRaw, _sizePrecision),
            LastPrice = Price.FromRaw(priceRaw, _pricePrecision),
            Liquidity = liquidity,
            TradeId = ++_nextTradeId,
        });
    }

    private void ReportOrder(ReplayOrder order, ExecutionType execution, OrderStatus status, RejectReason reason = RejectReason.None)
    {
        if (status == OrderStatus.Accepted && order.FilledRaw > 0)
        {
            status = OrderStatus.PartiallyFilled;
        }

        ReportOrder(Event(order, execution, status, reason));
    }

    private OrderEvent Event(ReplayOrder order, ExecutionType execution, OrderStatus status, RejectReason reason)
    {
        var request = order.Request;
        return new OrderEvent
        {
            AccountId = request.AccountId,
            Instrument = Instrument.Id,
            OrderId = order.OrderId,
            ClientOrderId = request.ClientOrderId,
            Side = request.Side,
            PositionSide = request.PositionSide,
            Type = request.Type,
            TimeInForce = request.TimeInForce,
            ReduceOnly = request.ReduceOnly,
            Price = order.PriceRaw == 0 ? default : Price.FromRaw(order.PriceRaw, _pricePrecision),
            TriggerPrice = order.TriggerRaw == 0 ? default : Price.FromRaw(order.TriggerRaw, _pricePrecision),
            Quantity = Quantity.FromRaw(order.QuantityRaw, _sizePrecision),
            ExecutionType = execution,
            Status = status,
            RejectReason = reason,
            CumulativeQuantity = Quantity.FromRaw(order.FilledRaw, _sizePrecision),
            CumulativeQuote = Money.FromRaw(order.CumulativeQuoteRaw, _quotePrecision),
            Timestamp = _now,
        };
    }

    private void ReportRejected(in SimOrderRequest request, RejectReason reason) =>
        ReportOrder(OrderEvent.RejectedRequest(request, reason, _now));

    private void ReportRejected(int accountId, long orderId, ClientOrderId clientOrderId, RejectReason reason) =>
        ReportOrder(OrderEvent.RejectedChange(accountId, Instrument.Id, orderId, clientOrderId, reason, _now));
}
