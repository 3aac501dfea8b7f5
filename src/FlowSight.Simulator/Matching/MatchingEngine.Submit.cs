using System.Runtime.InteropServices;
using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Matching;

public sealed partial class MatchingEngine
{
    // Scratch for the FOK check: reduce-only capacity each maker account has used up during the walk.
    private int[] _fokAccounts;
    private PositionSide[] _fokPositionSides;
    private long[] _fokUsed;
    private long[] _fokCapacity = new long[16];
    private int _fokCount;

    private void SubmitCore(in SimOrderRequest request, long timestamp)
    {
        if (request.Instrument != _instrumentId)
        {
            RejectRequest(in request, RejectReason.UnknownInstrument, timestamp);
            return;
        }

        var reason = Validate(in request, out long priceRaw, out long triggerRaw, out long quantityRaw);
        if (reason != RejectReason.None)
        {
            RejectRequest(in request, reason, timestamp);
            return;
        }

        if (!request.ClientOrderId.IsDefault && _byClientId.ContainsKey(new ClientOrderKey(request.AccountId, request.ClientOrderId)))
        {
            RejectRequest(in request, RejectReason.DuplicateClientOrderId, timestamp);
            return;
        }

        if (_maxOpenOrdersPerAccount > 0 && _openByAccount.GetValueOrDefault(request.AccountId) >= _maxOpenOrdersPerAccount)
        {
            RejectRequest(in request, RejectReason.TooManyOpenOrders, timestamp);
            return;
        }

        bool isStop = IsConditional(request.Type);
        bool isMarket = IsMarketExecution(request.Type);
        var opposite = Opposite(request.Side);

        if (isStop)
        {
            var queue = StopQueueFor(request.Side, request.Type, request.WorkingType);
            bool known = request.WorkingType == WorkingType.MarkPrice ? _hasMarkPrice : _hasLastPrice;
            long reference = request.WorkingType == WorkingType.MarkPrice ? _markPriceRaw : _lastPriceRaw;
            if (known && queue.WouldFire(triggerRaw, reference))
            {
                RejectRequest(in request, RejectReason.WouldTriggerImmediately, timestamp);
                return;
            }
        }

        if (request.ReduceOnly && ReduceOnlyCapacity(request.AccountId, request.Side, request.PositionSide) <= 0)
        {
            RejectRequest(in request, RejectReason.ReduceOnlyRejected, timestamp);
            return;
        }

        // Binance exempts reduce-only orders from MIN_NOTIONAL; market orders are valued at the opposite touch.
        if (!request.ReduceOnly && !MeetsMinNotional(request.Type, request.Side, priceRaw, triggerRaw, quantityRaw))
        {
            RejectRequest(in request, RejectReason.NotionalBelowMinimum, timestamp);
            return;
        }

        long referenceRaw = request.Type switch
        {
            OrderType.Market => WorstPriceFor(opposite, quantityRaw),
            OrderType.StopMarket or OrderType.TakeProfitMarket => triggerRaw,
            _ => priceRaw,
        };
        var admitted = _admission.Admit(in request, Price.FromRaw(referenceRaw, _pricePrecision));
        if (admitted != RejectReason.None)
        {
            RejectRequest(in request, admitted, timestamp);
            return;
        }

        if (!isStop)
        {
            reason = CheckExecution(request.Side, isMarket, request.TimeInForce, priceRaw, quantityRaw, request.AccountId,
                request.SelfTradePrevention, request.ReduceOnly, request.PositionSide);
            if (reason != RejectReason.None)
            {
                RejectRequest(in request, reason, timestamp);
                return;
            }
        }

        int index = Accept(in request, priceRaw, triggerRaw, quantityRaw);
        ref var node = ref _pool.Nodes[index];
        if (isStop)
        {
            node.State = OrderNodeState.Untriggered;
            StopQueueFor(node.Side, node.Type, node.WorkingType).Add(node.TriggerRaw, node.OrderId, index);
            EmitOrder(index, ExecutionType.New, OrderStatus.Untriggered, RejectReason.None, timestamp);
            return;
        }

        EmitOrder(index, ExecutionType.New, OrderStatus.Accepted, RejectReason.None, timestamp);
        Execute(index, timestamp);
    }

    /// <summary>
    /// What refuses an order at the moment it would start executing: a market order with nothing to trade against,
    /// a post-only that would take, a fill-or-kill that cannot fill completely now.
    /// </summary>
    private RejectReason CheckExecution(OrderSide side, bool isMarket, TimeInForce timeInForce, long priceRaw, long quantityRaw,
        int accountId, SelfTradePrevention stp, bool reduceOnly, PositionSide positionSide)
    {
        var opposite = Opposite(side);
        if (isMarket)
        {
            return opposite.Best < 0 ? RejectReason.NoLiquidity : RejectReason.None;
        }

        if (timeInForce == TimeInForce.Gtx)
        {
            int best = opposite.Best;
            return best >= 0 && opposite.IsReachable(opposite.Level(best).PriceRaw, priceRaw)
                ? RejectReason.PostOnlyWouldTake
                : RejectReason.None;
        }

        if (timeInForce == TimeInForce.Fok)
        {
            if (reduceOnly && ReduceOnlyCapacity(accountId, side, positionSide) < quantityRaw)
            {
                return RejectReason.FillOrKillNotFillable;
            }

            return FillableQuantity(opposite, priceRaw, quantityRaw, accountId, stp) < quantityRaw
                ? RejectReason.FillOrKillNotFillable
                : RejectReason.None;
        }

        return RejectReason.None;
    }

    private RejectReason Validate(in SimOrderRequest request, out long priceRaw, out long triggerRaw, out long quantityRaw)
    {
        priceRaw = 0;
        triggerRaw = 0;
        quantityRaw = 0;
        bool priced;
        bool triggered;
        switch (request.Type)
        {
            case OrderType.Market:
                priced = false;
                triggered = false;
                break;
            case OrderType.Limit:
                priced = true;
                triggered = false;
                break;
            case OrderType.StopMarket or OrderType.TakeProfitMarket:
                priced = false;
                triggered = true;
                break;
            case OrderType.StopLimit or OrderType.TakeProfitLimit:
                priced = true;
                triggered = true;
                break;
            default:
                return RejectReason.InvalidOrderType;
        }

        if (priced && request.TimeInForce is not (TimeInForce.Gtc or TimeInForce.Ioc or TimeInForce.Fok or TimeInForce.Gtx))
        {
            return RejectReason.InvalidOrderType;
        }

        // A market order has no price to post at: post-only does not apply (other time in force values are ignored).
        if (!priced && request.TimeInForce == TimeInForce.Gtx)
        {
            return RejectReason.InvalidOrderType;
        }

        var reason = ValidateQuantity(request.Quantity, out quantityRaw);
        if (reason != RejectReason.None)
        {
            return reason;
        }

        if (priced && (reason = ValidatePrice(request.Price, out priceRaw)) != RejectReason.None)
        {
            return reason;
        }

        if (triggered && (reason = ValidatePrice(request.TriggerPrice, out triggerRaw)) != RejectReason.None)
        {
            return reason;
        }

        return RejectReason.None;
    }

    private RejectReason ValidateQuantity(Quantity quantity, out long raw)
    {
        raw = 0;
        if (quantity.Raw <= 0)
        {
            return RejectReason.InvalidQuantity;
        }

        // A 64-bit division is the costliest step of validation: skip it for the usual step of one raw unit.
        if (!FixedRaw.TryExact(quantity.Raw, quantity.Precision, _sizePrecision, out raw) || (_stepRaw != 1 && raw % _stepRaw != 0))
        {
            return RejectReason.QuantityNotStepMultiple;
        }

        if (raw < _minQuantityRaw)
        {
            return RejectReason.QuantityBelowMinimum;
        }

        return raw > _maxQuantityRaw ? RejectReason.QuantityAboveMaximum : RejectReason.None;
    }

    private RejectReason ValidatePrice(Price price, out long raw)
    {
        raw = 0;
        if (price.Raw <= 0)
        {
            return RejectReason.InvalidPrice;
        }

        return !FixedRaw.TryExact(price.Raw, price.Precision, _pricePrecision, out raw) || (_tickRaw != 1 && raw % _tickRaw != 0)
            ? RejectReason.PriceNotTickMultiple
            : RejectReason.None;
    }

    private bool MeetsMinNotional(OrderType type, OrderSide side, long priceRaw, long triggerRaw, long quantityRaw)
    {
        if (_minNotionalScaled <= 0)
        {
            return true;
        }

        long valuation = type switch
        {
            OrderType.Market => Opposite(side).Best is var best and >= 0 ? Opposite(side).Level(best).PriceRaw : _hasLastPrice ? _lastPriceRaw : 0,
            OrderType.StopMarket or OrderType.TakeProfitMarket => triggerRaw,
            _ => priceRaw,
        };
        if (valuation <= 0)
        {
            return true; // nothing to value a market order at; it will be refused for no liquidity anyway
        }

        return (Int128)valuation * quantityRaw * _minNotionalPrecisionFactor >= _minNotionalScaled;
    }

    /// <summary>The price the last unit of a market order for <paramref name="quantityRaw"/> would reach walking the book.</summary>
    private static long WorstPriceFor(BookSide book, long quantityRaw)
    {
        long worst = 0;
        long left = quantityRaw;
        for (int rank = 0; rank < book.LevelCount && left > 0; rank++)
        {
            ref var level = ref book.Level(book.LevelAtRank(rank));
            worst = level.PriceRaw;
            left -= level.TotalRaw;
        }

        return worst;
    }

    /// <summary>
    /// How much of <paramref name="quantityRaw"/> would fill now at <paramref name="limitRaw"/> or better, order by
    /// order: with self-trade prevention the account's own orders stop the walk (expire taker/both) or are skipped
    /// (expire maker); reduce-only makers count only up to what their accounts may still reduce.
    /// </summary>
    private long FillableQuantity(BookSide book, long limitRaw, long quantityRaw, int accountId, SelfTradePrevention stp)
    {
        _fokCount = 0;
        long fillable = 0;
        var nodes = _pool.Nodes;
        for (int rank = 0; rank < book.LevelCount && fillable < quantityRaw; rank++)
        {
            ref var level = ref book.Level(book.LevelAtRank(rank));
            if (!book.IsReachable(level.PriceRaw, limitRaw))
            {
                break;
            }

            for (int i = level.Head; i >= 0 && fillable < quantityRaw; i = nodes[i].Next)
            {
                ref var maker = ref nodes[i];
                if (stp != SelfTradePrevention.None && maker.AccountId == accountId)
                {
                    if (stp == SelfTradePrevention.ExpireMaker)
                    {
                        continue;
                    }

                    return fillable;
                }

                fillable += FokTake(maker.AccountId, maker.Side, maker.PositionSide, maker.ReduceOnly, maker.RemainingRaw);
            }
        }

        return fillable;
    }

    /// <summary>
    /// How much of a maker's <paramref name="remaining"/> the FOK walk can count. Every maker fill moves its account's
    /// position, so what the account's reduce-only orders may still reduce is its capacity at the start of the walk
    /// less everything its earlier orders in the walk would sell (or buy), reduce-only or not.
    /// </summary>
    private long FokTake(int accountId, OrderSide side, PositionSide positionSide, bool reduceOnly, long remaining)
    {
        int slot = -1;
        for (int i = 0; i < _fokCount; i++)
        {
            if (_fokAccounts[i] == accountId && _fokPositionSides[i] == positionSide)
            {
                slot = i;
                break;
            }
        }

        if (slot < 0)
        {
            if (_fokCount == _fokAccounts.Length)
            {
                Array.Resize(ref _fokAccounts, _fokCount * 2);
                Array.Resize(ref _fokPositionSides, _fokCount * 2);
                Array.Resize(ref _fokUsed, _fokCount * 2);
                Array.Resize(ref _fokCapacity, _fokCount * 2);
            }

            slot = _fokCount++;
            _fokAccounts[slot] = accountId;
            _fokPositionSides[slot] = positionSide;
            _fokUsed[slot] = 0;
            _fokCapacity[slot] = -1;
        }

        long take = remaining;
        if (reduceOnly)
        {
            if (_fokCapacity[slot] < 0)
            {
                _fokCapacity[slot] = ReduceOnlyCapacity(accountId, side, positionSide);
            }

            take = Math.Min(take, Math.Max(0, _fokCapacity[slot] - _fokUsed[slot]));
        }

        _fokUsed[slot] += take;
        return take;
    }

    private long ReduceOnlyCapacity(int accountId, OrderSide side, PositionSide positionSide) =>
        FixedRaw.Floor(_admission.ReduceOnlyCapacity(accountId, _instrumentId, side, positionSide), _sizePrecision);

    private int Accept(in SimOrderRequest request, long priceRaw, long triggerRaw, long quantityRaw)
    {
        int index = _pool.Allocate();
        ref var node = ref _pool.Nodes[index];
        node.OrderId = _orderIds.Next();
        node.AccountId = request.AccountId;
        node.ClientOrderId = request.ClientOrderId;
        node.Side = request.Side;
        node.Type = request.Type;
        node.TimeInForce = request.TimeInForce;
        node.ReduceOnly = request.ReduceOnly;
        node.PositionSide = request.PositionSide;
        node.SelfTradePrevention = request.SelfTradePrevention;
        node.WorkingType = request.WorkingType;
        node.State = OrderNodeState.Incoming;
        node.PriceRaw = priceRaw;
        node.TriggerRaw = triggerRaw;
        node.QuantityRaw = quantityRaw;

        _byOrderId.Add(node.OrderId, index);
        if (!node.ClientOrderId.IsDefault)
        {
            _byClientId.Add(new ClientOrderKey(node.AccountId, node.ClientOrderId), index);
        }

        node.LivePrev = _liveTail;
        if (_liveTail >= 0)
        {
            _pool.Nodes[_liveTail].LiveNext = index;
        }
        else
        {
            _liveHead = index;
        }

        _liveTail = index;
        if (_maxOpenOrdersPerAccount > 0)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_openByAccount, node.AccountId, out _)++;
        }

        return index;
    }

    /// <summary>Forgets a finished order: out of the indices and the live list, back to the pool.</summary>
    private void Release(int index)
    {
        var nodes = _pool.Nodes;
        ref var node = ref nodes[index];
        _byOrderId.Remove(node.OrderId);
        if (!node.ClientOrderId.IsDefault)
        {
            _byClientId.Remove(new ClientOrderKey(node.AccountId, node.ClientOrderId));
        }

        if (node.LivePrev >= 0)
        {
            nodes[node.LivePrev].LiveNext = node.LiveNext;
        }
        else
        {
            _liveHead = node.LiveNext;
        }

        if (node.LiveNext >= 0)
        {
            nodes[node.LiveNext].LivePrev = node.LivePrev;
        }
        else
        {
            _liveTail = node.LivePrev;
        }

        if (_maxOpenOrdersPerAccount > 0)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_openByAccount, node.AccountId, out _)--;
        }

        _pool.Release(index);
    }

    private static bool IsConditional(OrderType type) =>
        type is OrderType.StopMarket or OrderType.StopLimit or OrderType.TakeProfitMarket or OrderType.TakeProfitLimit;

    private static bool IsMarketExecution(OrderType type) =>
        type is OrderType.Market or OrderType.StopMarket or OrderType.TakeProfitMarket;

    // Binance: STOP/STOP_MARKET buy fires when the price rises to the trigger, sell when it falls to it;
    // TAKE_PROFIT the other way round.
    private StopQueue StopQueueFor(OrderSide side, OrderType type, WorkingType workingType)
    {
        bool isStop = type is OrderType.StopMarket or OrderType.StopLimit;
        bool firesOnRise = isStop == (side == OrderSide.Buy);
        return workingType == WorkingType.MarkPrice
            ? (firesOnRise ? _markRise : _markFall)
            : (firesOnRise ? _lastRise : _lastFall);
    }
}
