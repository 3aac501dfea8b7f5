using FlowSight.Core;

namespace FlowSight.Simulator.Markets.Replay;

/// <summary>The recorded side: book updates, trades, and what they do to our queue positions.</summary>
public sealed partial class ReplayMarket
{
    private void ApplyBook(BookDeltas batch)
    {
        if (batch.IsSnapshot)
        {
            ClearBook();
        }

        foreach (ref readonly var delta in batch.Deltas)
        {
            if (delta.Action == BookAction.Clear)
            {
                ClearBook();
                continue;
            }

            ApplyLevel(delta);
        }

        if (batch.IsSnapshot)
        {
            // The snapshot says nothing about queues: we cannot be further back than the whole level.
            foreach (var order in _resting)
            {
                _book.TryGetSize(order.Request.Side, Price.FromRaw(order.PriceRaw, _pricePrecision), out var size);
                order.QueueAheadRaw = Math.Min(order.QueueAheadRaw, size.Raw);
                order.TradedSinceDepthRaw = 0;
            }
        }

        FillCrossedOrders();
    }

    private void ApplyLevel(in BookDelta delta)
    {
        var side = delta.Side;
        long priceRaw = delta.Price.Precision == _pricePrecision ? delta.Price.Raw : delta.Price.RoundTo(_pricePrecision, RoundingMode.ToEven).Raw;
        bool ours = _resting.Count > 0 && HasRestingAt(side, priceRaw);
        long oldRaw = ours && _book.TryGetSize(side, delta.Price, out var old) ? old.Raw : 0;
        if (!_book.Apply(delta))
        {
            return; // not representable at the instrument's precision: the book counts it in RejectedDeltas
        }

        if (_consumed.Count > 0)
        {
            Refreshed(side, priceRaw);
        }

        // The feed sends absolute sizes: the level is now the delta's size (exact at the book's precision, or the book had refused it).
        long newRaw = delta.Action == BookAction.Delete ? 0
            : delta.Size.Precision == _sizePrecision ? delta.Size.Raw : delta.Size.RoundTo(_sizePrecision, RoundingMode.ToEven).Raw;
        if (ours)
        {
            UpdateQueues(side, priceRaw, oldRaw, newRaw);
        }

        if (_options.ForwardMarketData)
        {
            ReportLevel(side, priceRaw, newRaw);
        }
    }

    private bool HasRestingAt(OrderSide side, long priceRaw)
    {
        foreach (var order in _resting)
        {
            if (order.PriceRaw == priceRaw && order.Request.Side == side)
            {
                return true;
            }
        }

        return false;
    }

    private void ClearBook()
    {
        if (_options.ForwardMarketData)
        {
            ReportLevelsGone(OrderSide.Buy);
            ReportLevelsGone(OrderSide.Sell);
        }

        _book.Clear();
        _consumed.Clear();
    }

    private void ReportLevelsGone(OrderSide side)
    {
        int count = _book.Count(side);
        if (_levelScratch.Length < count)
        {
            _levelScratch = new BookLevel[Math.Max(count, _levelScratch.Length * 2)];
        }

        count = _book.CopyLevels(side, _levelScratch);
        for (int i = 0; i < count; i++)
        {
            ReportLevel(side, _levelScratch[i].Price.Raw, 0);
        }
    }

    /// <summary>
    /// A level of ours changed size: a decrease beyond the trades seen at that price since its last update is
    /// cancellations, of which the model puts a share ahead of us; an increase joins behind us.
    /// </summary>
    private void UpdateQueues(OrderSide side, long priceRaw, long oldRaw, long newRaw)
    {
        foreach (var order in _resting)
        {
            if (order.PriceRaw != priceRaw || order.Request.Side != side)
            {
                continue;
            }

            long decrease = oldRaw - newRaw;
            if (decrease > 0 && _options.Cancellations == QueueCancellationModel.Proportional)
            {
                long explained = Math.Min(decrease, order.TradedSinceDepthRaw);
                long canceled = decrease - explained;
                long levelBeforeCancels = oldRaw - explained;
                if (canceled > 0 && levelBeforeCancels > 0 && order.QueueAheadRaw > 0)
                {
                    // canceled × ahead / level, exact in 128 bits, rounded down (we move forward by whole units only).
                    long share = (long)((Int128)canceled * order.QueueAheadRaw / levelBeforeCancels);
                    order.QueueAheadRaw -= share;
                }
            }

            order.TradedSinceDepthRaw = 0;
            order.QueueAheadRaw = Math.Min(order.QueueAheadRaw, newRaw);
        }
    }

    private void ApplyTrade(in TradeTick trade)
    {
        long priceRaw = trade.Price.RoundTo(_pricePrecision, RoundingMode.ToEven).Raw;
        long sizeRaw = trade.Size.RoundTo(_sizePrecision, RoundingMode.ToEven).Raw;
        _lastTradePriceRaw = priceRaw;
        _hasLastTrade = true;
        if (_options.ForwardMarketData)
        {
            ReportTrade(trade);
        }

        if (_resting.Count > 0)
        {
            FillOnTrade(priceRaw, sizeRaw, trade.Aggressor);
        }

        if (_stops.Count > 0)
        {
            TriggerStops(priceRaw);
        }
    }

    /// <summary>
    /// A recorded trade against our resting orders: at our price and from the other side it eats the queue ahead,
    /// then us (earlier orders of ours first); through our price it means we were taken in full.
    /// </summary>
    private void FillOnTrade(long priceRaw, long sizeRaw, AggressorSide aggressor)
    {
        long ownFilled = 0;
        for (int i = 0; i < _resting.Count; i++)
        {
            var order = _resting[i];
            bool buy = order.Request.Side == OrderSide.Buy;
            bool through = buy ? priceRaw < order.PriceRaw : priceRaw > order.PriceRaw;
            bool atPrice = priceRaw == order.PriceRaw;
            bool fromOurSide = buy ? aggressor == AggressorSide.Buyer : aggressor == AggressorSide.Seller;
            long fill;
            if (through || (atPrice && fromOurSide))
            {
                fill = order.RemainingRaw; // the other side traded at or beyond our price while we were there
            }
            else if (atPrice)
            {
                long beyondQueue = Math.Max(0, sizeRaw - order.QueueAheadRaw) - ownFilled;
                order.QueueAheadRaw = Math.Max(0, order.QueueAheadRaw - sizeRaw);
                order.TradedSinceDepthRaw += sizeRaw;
                fill = Math.Min(order.RemainingRaw, Math.Max(0, beyondQueue));
            }
            else
            {
                continue;
            }

            if (fill <= 0)
            {
                continue;
            }

            ownFilled += fill;
            if (FillResting(order, fill))
            {
                _resting.RemoveAt(i);
                Release(order);
                i--;
            }
        }
    }

    /// <summary>After a book update: a recorded opposite level at or through our price would have traded with us.</summary>
    private void FillCrossedOrders()
    {
        if (_resting.Count == 0)
        {
            return;
        }

        bool hasBid = TryGetBest(OrderSide.Buy, out var bid);
        bool hasAsk = TryGetBest(OrderSide.Sell, out var ask);
        for (int i = 0; i < _resting.Count; i++)
        {
            var order = _resting[i];
            bool crossed = order.Request.Side == OrderSide.Buy
                ? hasAsk && ask.Price.Raw <= order.PriceRaw
                : hasBid && bid.Price.Raw >= order.PriceRaw;
            if (crossed && FillResting(order, order.RemainingRaw))
            {
                _resting.RemoveAt(i);
                Release(order);
                i--;
            }
        }
    }
}
