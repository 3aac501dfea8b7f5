using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Markets.Replay;

/// <summary>Our side: order entry, taking recorded liquidity, resting fills, cancel and amend.</summary>
public sealed partial class ReplayMarket
{
    private void Activate(in SimOrderRequest request)
    {
        var reason = Validate(request, out long priceRaw, out long quantityRaw, out long triggerRaw);
        if (reason == RejectReason.None)
        {
            reason = _admission.Admit(request, ReferencePrice(request, priceRaw, quantityRaw, triggerRaw));
        }

        if (reason != RejectReason.None)
        {
            ReportRejected(request, reason);
            return;
        }

        bool stop = IsStop(request.Type);
        if (stop && _hasLastTrade && Triggers(request.Side, request.Type, triggerRaw, _lastTradePriceRaw))
        {
            reason = RejectReason.WouldTriggerImmediately;
        }
        else if (request.Type == OrderType.Market && !TryGetBest(Opposite(request.Side), out _))
        {
            reason = RejectReason.NoLiquidity;
        }
        else if (request.Type == OrderType.Limit && request.TimeInForce == TimeInForce.Gtx && WouldTake(request.Side, priceRaw))
        {
            reason = RejectReason.PostOnlyWouldTake;
        }

        if (reason != RejectReason.None)
        {
            ReportRejected(request, reason);
            return;
        }

        var order = Rent();
        order.OrderId = _options.OrderIds?.Next() ?? ++_nextOrderId;
        order.Request = request;
        order.PriceRaw = priceRaw;
        order.QuantityRaw = quantityRaw;
        order.TriggerRaw = triggerRaw;
        if (stop)
        {
            order.Untriggered = true;
            ReportOrder(order, ExecutionType.New, OrderStatus.Accepted);
            _stops.Add(order);
            return;
        }

        ReportOrder(order, ExecutionType.New, OrderStatus.Accepted);
        Work(order);
    }

    /// <summary>Takes what the order can, then rests, expires or finishes it.</summary>
    private void Work(ReplayOrder order)
    {
        bool market = order.Request.Type is OrderType.Market or OrderType.StopMarket or OrderType.TakeProfitMarket;
        long limit = market ? (order.Request.Side == OrderSide.Buy ? long.MaxValue : long.MinValue) : order.PriceRaw;
        var tif = market ? TimeInForce.Ioc : order.Request.TimeInForce;
        if (tif == TimeInForce.Fok && AvailableUpTo(Opposite(order.Request.Side), limit, order.RemainingRaw) < order.RemainingRaw)
        {
            ReportOrder(order, ExecutionType.Expired, OrderStatus.Expired, RejectReason.FillOrKillNotFillable);
            Release(order);
            return;
        }

        if (!Take(order, limit))
        {
            Release(order); // filled, or expired by reduce-only
            return;
        }

        if (tif is TimeInForce.Ioc or TimeInForce.Fok)
        {
            ReportOrder(order, ExecutionType.Expired, OrderStatus.Expired, market && order.FilledRaw == 0 ? RejectReason.NoLiquidity : RejectReason.None);
            Release(order);
            return;
        }

        _book.TryGetSize(order.Request.Side, Price.FromRaw(order.PriceRaw, _pricePrecision), out var ahead);
        order.QueueAheadRaw = Available(order.Request.Side, order.PriceRaw, ahead.Raw);
        order.TradedSinceDepthRaw = 0;
        _resting.Add(order);
    }

    /// <summary>Walks the opposite recorded levels up to <paramref name="limitRaw"/>; false once the order is closed.</summary>
    private bool Take(ReplayOrder order, long limitRaw)
    {
        var side = Opposite(order.Request.Side);
        bool buy = order.Request.Side == OrderSide.Buy;
        int levels = _book.Count(side);
        for (int depth = 0; depth < levels && order.RemainingRaw > 0; depth++)
        {
            var level = _book.GetLevel(side, depth);
            long priceRaw = level.Price.Raw;
            if (buy ? priceRaw > limitRaw : priceRaw < limitRaw)
            {
                break;
            }

            long available = Available(side, priceRaw, level.Size.Raw);
            if (available <= 0)
            {
                continue;
            }

            long quantity = Math.Min(order.RemainingRaw, available);
            if (order.Request.ReduceOnly)
            {
                quantity = Math.Min(quantity, ReduceOnlyCapacity(order));
                if (quantity <= 0)
                {
                    ReportOrder(order, ExecutionType.Expired, OrderStatus.Expired, RejectReason.ReduceOnlyRejected);
                    return false;
                }
            }

            Consume(side, priceRaw, quantity);
            ReportFill(order, quantity, priceRaw, LiquiditySide.Taker);
            if (_options.ForwardMarketData)
            {
ReportLevel(side, priceRaw, available - quantity);
            }
        }

        return order.RemainingRaw > 0;
    }

    /// <summary>Fills a resting order (maker, at its own price); true once it is closed.</summary>
    private bool FillResting(ReplayOrder order, long quantity)
    {
        if (order.Request.ReduceOnly)
        {
            long capacity = ReduceOnlyCapacity(order);
            if (capacity <= 0)
            {
                ReportOrder(order, ExecutionType.Expired, OrderStatus.Expired, RejectReason.ReduceOnlyRejected);
                return true;
            }

            quantity = Math.Min(quantity, capacity);
        }

        ReportFill(order, quantity, order.PriceRaw, LiquiditySide.Maker);
        return order.RemainingRaw == 0;
    }

    private void TriggerStops(long lastPriceRaw)
    {
        for (int i = 0; i < _stops.Count; i++)
        {
            var order = _stops[i];
            if (!Triggers(order.Request.Side, order.Request.Type, order.TriggerRaw, lastPriceRaw))
            {
                continue;
            }

            _stops.RemoveAt(i);
            i--;
            order.Untriggered = false;
            ReportOrder(order, ExecutionType.Triggered, OrderStatus.Accepted);
            Work(order);
        }
    }

    /// <summary>Binance: a stop buys when the price rises to its trigger, a take-profit buys when it falls to it.</summary>
    private static bool Triggers(OrderSide side, OrderType type, long triggerRaw, long lastRaw)
    {
        bool stop = type is OrderType.StopMarket or OrderType.StopLimit;
        bool buy = side == OrderSide.Buy;
        return stop == buy ? lastRaw >= triggerRaw : lastRaw <= triggerRaw;
    }

    private void ExecuteCancel(in SimCancelRequest request)
    {
        var order = Find(request.AccountId, request.OrderId, request.ClientOrderId, out var list, out int index);
        if (order is null)
        {
            ReportRejected(request.AccountId, request.OrderId, request.ClientOrderId, RejectReason.UnknownOrder);
            return;
        }

        list!.RemoveAt(index);
        ReportOrder(order, ExecutionType.Canceled, OrderStatus.Canceled);
        Release(order);
    }

    private void ExecuteCancelAll(int accountId)
    {
        CancelAllIn(_resting, accountId);
        CancelAllIn(_stops, accountId);
    }

    private void CancelAllIn(List<ReplayOrder> list, int accountId)
    {
        for (int i = 0; i < list.Count; i++)
        {
            var order = list[i];
            if (order.Request.AccountId == accountId)
            {
                list.RemoveAt(i);
                i--;
                ReportOrder(order, ExecutionType.Canceled, OrderStatus.Canceled);
                Release(order);
            }
        }
    }

    /// <summary>
    /// Binance futures modify: limit orders only; the order is re-queued (at the back of its new level); a new
    /// quantity at or below what already filled cancels it; a post-only that would take is canceled; a new price or
    /// quantity that breaks a filter is refused and the order stays as it was.
    /// </summary>
    private void ExecuteAmend(in SimAmendRequest request)
    {
        var order = Find(request.AccountId, request.OrderId, request.ClientOrderId, out var list, out int index);
        if (order is null || list != _resting)
        {
            // Binance modifies LIMIT orders only: a waiting stop cannot be amended.
            ReportRejected(request.AccountId, request.OrderId, request.ClientOrderId, order is null ? RejectReason.UnknownOrder : RejectReason.InvalidOrderType);
            return;
        }

        var changed = order.Request with
        {
            Price = request.NewPrice == default ? order.Request.Price : request.NewPrice,
            Quantity = request.NewQuantity == default ? order.Request.Quantity : request.NewQuantity,
        };
        var reason = Validate(changed, out long priceRaw, out long quantityRaw, out _, amending: true);
        if (reason != RejectReason.None)
        {
            ReportRejected(request.AccountId, order.OrderId, order.Request.ClientOrderId, reason);
            return;
        }

        _resting.RemoveAt(index);
        if (quantityRaw <= order.FilledRaw || (changed.TimeInForce == TimeInForce.Gtx && WouldTake(changed.Side, priceRaw)))
        {
            ReportOrder(order, ExecutionType.Canceled, OrderStatus.Canceled);
            Release(order);
            return;
        }

        order.Request = changed;
        order.PriceRaw = priceRaw;
        order.QuantityRaw = quantityRaw;
        ReportOrder(order, ExecutionType.Amended, order.FilledRaw > 0 ? OrderStatus.PartiallyFilled : OrderStatus.Accepted);
        Work(order);
    }

    private ReplayOrder? Find(int accountId, long orderId, ClientOrderId clientOrderId, out List<ReplayOrder>? list, out int index)
    {
        foreach (var candidates in (ReadOnlySpan<List<ReplayOrder>>)[_resting, _stops])
        {
            for (int i = 0; i < candidates.Count; i++)
            {
                var order = candidates[i];
                if (order.Request.AccountId == accountId
                    && (orderId != 0 ? order.OrderId == orderId : !clientOrderId.IsDefault && order.Request.ClientOrderId == clientOrderId))
                {
                    list = candidates;
                    index = i;
                    return order;
                }
            }
        }

        list = null;
        index = -1;
        return null;
    }

    private bool WouldTake(OrderSide side, long priceRaw) =>
        TryGetBest(Opposite(side), out var best) && (side == OrderSide.Buy ? best.Price.Raw <= priceRaw : best.Price.Raw >= priceRaw);

    /// <summary>How much of <paramref name="wanted"/> the opposite side offers at or better than <paramref name="limitRaw"/>.</summary>
    private long AvailableUpTo(OrderSide side, long limitRaw, long wanted)
    {
        long total = 0;
        int levels = _book.Count(side);
        for (int depth = 0; depth < levels && total < wanted; depth++)
        {
            var level = _book.GetLevel(side, depth);
            if (side == OrderSide.Sell ? level.Price.Raw > limitRaw : level.Price.Raw < limitRaw)
            {
                break;
            }

            total += Available(side, level.Price.Raw, level.Size.Raw);
        }

        return total;
    }

    private long ReduceOnlyCapacity(ReplayOrder order)
    {
        var capacity = _admission.ReduceOnlyCapacity(order.Request.AccountId, Instrument.Id, order.Request.Side, order.Request.PositionSide);
        if (capacity.Raw == long.MaxValue)
        {
            return long.MaxValue; // unlimited
        }

        return capacity.RoundTo(_sizePrecision, RoundingMode.Down).Raw;
    }

    private ReplayOrder Rent() => _pool.TryPop(out var order) ? order : new ReplayOrder();

    private void Release(ReplayOrder order)
    {
        order.Reset();
        _pool.Push(order);
    }

    private static OrderSide Opposite(OrderSide side) => side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;

    private static bool IsStop(OrderType type) =>
        type is OrderType.StopMarket or OrderType.StopLimit or OrderType.TakeProfitMarket or OrderType.TakeProfitLimit;
}
