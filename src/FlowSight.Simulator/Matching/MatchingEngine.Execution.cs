using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Matching;

public sealed partial class MatchingEngine
{
    /// <summary>Matches an incoming (accepted or triggered or amended) order, then rests or expires what is left.</summary>
    private void Execute(int index, long timestamp)
    {
        var nodes = _pool.Nodes;
        ref var node = ref nodes[index];
        node.State = OrderNodeState.Incoming;
        bool isMarket = IsMarketExecution(node.Type);
        long limit = isMarket ? (node.Side == OrderSide.Buy ? long.MaxValue : long.MinValue) : node.PriceRaw;

        var stopped = Match(index, limit, timestamp);
        node = ref _pool.Nodes[index];
        if (node.RemainingRaw == 0)
        {
            Release(index);
            return;
        }

        if (stopped != RejectReason.None || isMarket || node.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok)
        {
            var reason = stopped != RejectReason.None ? stopped : isMarket ? RejectReason.NoLiquidity : RejectReason.None;
            EmitOrder(index, ExecutionType.Expired, OrderStatus.Expired, reason, timestamp);
            Release(index);
            return;
        }

        var own = Own(node.Side);
        node.State = OrderNodeState.Resting;
        int level = own.Append(index, node.PriceRaw);
        EmitLevel(own, node.PriceRaw, own.Level(level).TotalRaw, timestamp);
    }

    /// <summary>
    /// Trades the taker against the opposite side while it has quantity and the touch is within
    /// <paramref name="limitRaw"/>, oldest order first at each price. Returns why the taker must stop early
    /// (self-trade prevention, nothing left to reduce), or None.
    /// </summary>
    private RejectReason Match(int taker, long limitRaw, long timestamp)
    {
        var nodes = _pool.Nodes; // matching never allocates nodes, so the array stays put
        ref var t = ref nodes[taker];
        var book = Opposite(t.Side);
        var stopped = RejectReason.None;

        while (t.RemainingRaw > 0 && stopped == RejectReason.None)
        {
            int level = book.Best;
            if (level < 0)
            {
                break;
            }

            long priceRaw = book.Level(level).PriceRaw;
            if (!book.IsReachable(priceRaw, limitRaw))
            {
                break;
            }

            bool levelGone = false;
            bool traded = false;
            bool touched = false;
            int m = book.Level(level).Head;
            while (m >= 0 && t.RemainingRaw > 0)
            {
                ref var maker = ref nodes[m];
                int next = maker.Next;
                bool lastInLevel = next < 0;

                if (t.SelfTradePrevention != SelfTradePrevention.None && maker.AccountId == t.AccountId)
                {
                    if (t.SelfTradePrevention == SelfTradePrevention.ExpireTaker)
                    {
                        stopped = RejectReason.SelfTradePrevented;
                        break;
                    }

                    levelGone = ExpireResting(book, m, RejectReason.SelfTradePrevented, timestamp);
                    touched = true;
                    if (t.SelfTradePrevention == SelfTradePrevention.ExpireBoth)
                    {
                        stopped = RejectReason.SelfTradePrevented;
                        break;
                    }

                    m = next;
                    continue;
                }

                long quantity = Math.Min(t.RemainingRaw, maker.RemainingRaw);
                bool makerCapped = false;
                if (maker.ReduceOnly)
                {
                    long capacity = ReduceOnlyCapacity(maker.AccountId, maker.Side, maker.PositionSide);
                    if (capacity <= 0)
                    {
                        levelGone = ExpireResting(book, m, RejectReason.ReduceOnlyRejected, timestamp);
                        touched = true;
                        m = next;
                        continue;
                    }

                    if (capacity < quantity)
                    {
                        quantity = capacity;
                        makerCapped = true;
                    }
                }

                if (t.ReduceOnly)
                {
                    long capacity = ReduceOnlyCapacity(t.AccountId, t.Side, t.PositionSide);
                    if (capacity <= 0)
                    {
                        stopped = RejectReason.ReduceOnlyRejected;
                        break;
                    }

                    if (capacity < quantity)
                    {
                        quantity = capacity;
                        makerCapped = false;
                    }
                }

                Fill(taker, m, book, level, priceRaw, quantity, timestamp);
                traded = true;
                touched = true;
                if (maker.RemainingRaw == 0)
                {
                    book.Remove(m);
                    Release(m);
                    levelGone = lastInLevel;
                    m = next;
                }
                else if (makerCapped)
                {
                    levelGone = ExpireResting(book, m, RejectReason.ReduceOnlyRejected, timestamp);
                    m = next;
                }

                // Otherwise the taker's own reduce-only capacity cut the fill: the maker keeps its place and the
                // taker's capacity is asked again against it (a self-trade leaves the position, and the capacity, as
                // they were).
            }

            if (traded)
            {
                NoteTradePrice(priceRaw);
            }

            if (touched)
            {
                EmitLevel(book, priceRaw, levelGone ? 0 : book.Level(level).TotalRaw, timestamp);
            }
        }

        return stopped;
    }

    private void Fill(int taker, int maker, BookSide book, int level, long priceRaw, long quantityRaw, long timestamp)
    {
        var nodes = _pool.Nodes;
        long tradeId = _tradeIds.Next();
        Int128 quote = (Int128)priceRaw * quantityRaw;
        ref var m = ref nodes[maker];
        m.FilledRaw += quantityRaw;
        m.CumQuoteRaw += quote;
        ref var t = ref nodes[taker];
        t.FilledRaw += quantityRaw;
        t.CumQuoteRaw += quote;
        book.Reduce(level, quantityRaw);

        EmitFill(maker, LiquiditySide.Maker, priceRaw, quantityRaw, tradeId, timestamp);
        EmitFill(taker, LiquiditySide.Taker, priceRaw, quantityRaw, tradeId, timestamp);
        var trade = new TradeTick(
            _instrumentId,
            Price.FromRaw(priceRaw, _pricePrecision),
            Quantity.FromRaw(quantityRaw, _sizePrecision),
            t.Side == OrderSide.Buy ? AggressorSide.Buyer : AggressorSide.Seller,
            tradeId,
            timestamp,
            timestamp);
        _listener.OnTrade(in trade);
    }

    /// <summary>Takes a resting order out of the book as Expired; returns whether its level went with it.</summary>
    private bool ExpireResting(BookSide book, int index, RejectReason reason, long timestamp)
    {
        var nodes = _pool.Nodes;
        int level = nodes[index].Level;
        bool last = book.Level(level).Count == 1;
        book.Remove(index);
        EmitOrder(index, ExecutionType.Expired, OrderStatus.Expired, reason, timestamp);
        Release(index);
        return last;
    }

    /// <summary>Cancels a live order (resting or untriggered) at its owner's request.</summary>
    private void CancelNode(int index, RejectReason reason, long timestamp)
    {
        ref var node = ref _pool.Nodes[index];
        if (node.State == OrderNodeState.Resting)
        {
            var own = Own(node.Side);
            long price = node.PriceRaw;
            long total = own.Remove(index);
            EmitLevel(own, price, total, timestamp);
        }
        else if (node.State == OrderNodeState.Untriggered)
        {
            StopQueueFor(node.Side, node.Type, node.WorkingType).Remove(index);
        }

        EmitOrder(index, ExecutionType.Canceled, OrderStatus.Canceled, reason, timestamp);
        Release(index);
    }

    private void NoteTradePrice(long priceRaw)
    {
        _hasLastPrice = true;
        _lastPriceRaw = priceRaw;
        if (!_hasRange)
        {
            _hasRange = true;
            _rangeLowRaw = priceRaw;
            _rangeHighRaw = priceRaw;
        }
        else
        {
            _rangeLowRaw = Math.Min(_rangeLowRaw, priceRaw);
            _rangeHighRaw = Math.Max(_rangeHighRaw, priceRaw);
        }
    }

    /// <summary>
    /// Fires every stop the trades of this call (or the mark price) reached, one at a time: a triggered order's own
    /// trades may reach further stops, which fire in the same loop.
    /// </summary>
    private void ProcessTriggers(long timestamp)
    {
        while (true)
        {
            int index;
            if (_hasRange && _lastRise.IsDue(_rangeHighRaw))
            {
                index = _lastRise.Pop();
            }
            else if (_hasRange && _lastFall.IsDue(_rangeLowRaw))
            {
                index = _lastFall.Pop();
            }
            else if (_hasMarkPrice && _markRise.IsDue(_markPriceRaw))
            {
                index = _markRise.Pop();
            }
            else if (_hasMarkPrice && _markFall.IsDue(_markPriceRaw))
            {
                index = _markFall.Pop();
            }
            else
            {
                return;
            }

            Trigger(index, timestamp);
        }
    }

    private void Trigger(int index, long timestamp)
    {
        ref var node = ref _pool.Nodes[index];
        node.State = OrderNodeState.Incoming;
        EmitOrder(index, ExecutionType.Triggered, OrderStatus.Accepted, RejectReason.None, timestamp);

        var reason = RejectReason.None;
        if (node.ReduceOnly && ReduceOnlyCapacity(node.AccountId, node.Side, node.PositionSide) <= 0)
        {
            reason = RejectReason.ReduceOnlyRejected;
        }
        else
        {
            reason = CheckExecution(node.Side, IsMarketExecution(node.Type), node.TimeInForce, node.PriceRaw, node.RemainingRaw,
                node.AccountId, node.SelfTradePrevention, node.ReduceOnly, node.PositionSide);
        }

        if (reason != RejectReason.None)
        {
            EmitOrder(index, ExecutionType.Expired, OrderStatus.Expired, reason, timestamp);
            Release(index);
            return;
        }

        Execute(index, timestamp);
    }
}
