using FlowSight.Core;
using FlowSight.Simulator.Matching;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Tests.Matching;

/// <summary>
/// Drives a <see cref="MatchingEngine"/> with commands decoded from random integers and checks each invariant on
/// the events it reports, against a shadow book rebuilt from those events alone. Violations are collected by
/// invariant so each property test can assert its own.
/// </summary>
internal sealed class MatchingModelChecker
{
    private static readonly InstrumentId Id = MatchingInstruments.Simple.Id;

    private readonly RecordingListener _events = new();
    private readonly PositionTrackingAdmission _positions = new();
    private readonly MatchingEngine _engine;
    private readonly Dictionary<long, ShadowOrder> _live = [];
    private readonly List<long> _liveIds = [];
    private readonly Dictionary<long, long> _positionBefore = [];
    private long _restSequence;
    private long _time;

    public MatchingModelChecker()
    {
        _events.OnOrder = OnOrder;
        _engine = new MatchingEngine(MatchingInstruments.Simple, _events, _positions);
    }

    public Dictionary<string, List<string>> Violations { get; } = [];

    /// <summary>Every event of the run, for determinism checks.</summary>
    public List<OrderEvent> AllOrders { get; } = [];

    public List<TradeTick> AllTrades { get; } = [];

    public int Fills { get; private set; }

    public void Run(IEnumerable<uint> codes)
    {
        foreach (uint code in codes)
        {
            _events.Clear();
            _time++;
            Apply(code);
            FinishActivations();
            CheckCommand(code);
            AllOrders.AddRange(_events.Orders);
            AllTrades.AddRange(_events.Trades);
        }
    }

    private void Apply(uint code)
    {
        int kind = (int)(code & 7);
        int account = (int)((code >> 3) & 3) + 1;
        var side = ((code >> 5) & 1) == 0 ? OrderSide.Buy : OrderSide.Sell;
        long price = 90 + ((code >> 6) & 31) % 21;
        long quantity = ((code >> 11) & 15) + 1;
        var tif = (TimeInForce)(((code >> 15) & 3) + 1);
        bool reduceOnly = ((code >> 17) & 3) == 3;
        var stp = (SelfTradePrevention)((code >> 19) & 3);
        int target = (int)((code >> 21) & 255);
        var stopType = ((code >> 29) & 3) switch
        {
            0 => OrderType.StopMarket,
            1 => OrderType.StopLimit,
            2 => OrderType.TakeProfitMarket,
            _ => OrderType.TakeProfitLimit,
        };

        switch (kind)
        {
            case <= 3:
                _engine.Submit(new SimOrderRequest(account, Id, default, side, OrderType.Limit, tif, Quantity.FromRaw(quantity, 0),
                    Price.FromRaw(price, 0), ReduceOnly: reduceOnly, SelfTradePrevention: stp), _time);
                break;
            case 4 when (code & (1u << 31)) != 0:
                _engine.OnMarkPrice(Price.FromRaw(price, 0), _time);
                break;
            case 4:
                _engine.Submit(new SimOrderRequest(account, Id, default, side, OrderType.Market, TimeInForce.Gtc, Quantity.FromRaw(quantity, 0),
                    ReduceOnly: reduceOnly, SelfTradePrevention: stp), _time);
                break;
            case 5 when _liveIds.Count > 0:
            {
                long orderId = _liveIds[target % _liveIds.Count];
                _engine.Cancel(new SimCancelRequest(_live[orderId].AccountId, Id, orderId), _time);
                break;
            }

            case 6 when _liveIds.Count > 0:
            {
                long orderId = _liveIds[target % _liveIds.Count];
                bool changePrice = (code & (1u << 31)) != 0;
                _engine.Amend(new SimAmendRequest(_live[orderId].AccountId, Id, orderId, default,
                    changePrice ? Price.FromRaw(price, 0) : default, changePrice ? default : Quantity.FromRaw(quantity, 0)), _time);
                break;
            }

            case 7:
                long trigger = 90 + ((code >> 23) & 31) % 21;
                _engine.Submit(new SimOrderRequest(account, Id, default, side, stopType, tif, Quantity.FromRaw(quantity, 0),
                    stopType is OrderType.StopLimit or OrderType.TakeProfitLimit ? Price.FromRaw(price, 0) : default,
                    Price.FromRaw(trigger, 0), ReduceOnly: reduceOnly, SelfTradePrevention: stp,
                    WorkingType: (code & (1u << 31)) != 0 ? WorkingType.MarkPrice : WorkingType.ContractPrice), _time);
                break;
            default:
                _engine.CancelAll(account, _time);
                break;
        }
    }

    private void OnOrder(OrderEvent e)
    {
        if (e.ExecutionType == ExecutionType.Trade)
        {
            _positionBefore[e.OrderId * 2 + (e.Liquidity == LiquiditySide.Maker ? 1 : 0)] = _positions.Position(e.AccountId);
        }

        _positions.Apply(e);
        Track(e);
    }

    private void Track(in OrderEvent e)
    {
        if (e.OrderId == 0 || e.ExecutionType == ExecutionType.Rejected && e.Status == OrderStatus.Rejected)
        {
            return;
        }

        if (!_live.TryGetValue(e.OrderId, out var order))
        {
            if (e.ExecutionType != ExecutionType.New)
            {
                Fail("state", $"{e.ExecutionType} for order {e.OrderId} that is not live");
                return;
            }

            order = new ShadowOrder
            {
                OrderId = e.OrderId, AccountId = e.AccountId, Side = e.Side, Type = e.Type, TimeInForce = e.TimeInForce,
                ReduceOnly = e.ReduceOnly, Quantity = e.Quantity.Raw, Price = e.Price.Raw,
                Untriggered = e.Status == OrderStatus.Untriggered, SubmittedAt = _time,
            };
            _live.Add(e.OrderId, order);
            _liveIds.Add(e.OrderId);
            if (!order.Untriggered)
            {
                Activate(order);
            }

            return;
        }

        switch (e.ExecutionType)
        {
            case ExecutionType.Triggered:
                Activate(order);
                order.Untriggered = false;
                break;
            case ExecutionType.Amended:
                Activate(order);
                order.Resting = false;
                order.Price = e.Price.Raw;
                order.Quantity = e.Quantity.Raw;
                break;
            case ExecutionType.Trade:
                CheckFill(order, e);
                break;
        }

        if (e.Status.IsTerminal())
        {
            _live.Remove(e.OrderId);
            _liveIds.Remove(e.OrderId);
        }
    }

    /// <summary>An order starts executing: every order that executed before it has rested or ended by now.</summary>
    private void Activate(ShadowOrder order)
    {
        FinishActivations();
        order.Activation = ++_restSequence;
        order.Active = true;
    }

    private void FinishActivations()
    {
        foreach (var order in _live.Values.Where(o => o.Active).OrderBy(o => o.Activation))
        {
            order.Active = false;
            order.Resting = true;
            order.RestSequence = ++_restSequence;
            if (order.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok || order.Type is OrderType.Market or OrderType.StopMarket or OrderType.TakeProfitMarket)
            {
                Fail("ioc-rests", $"order {order.OrderId} ({order.Type} {order.TimeInForce}) rested");
            }
        }
    }

    private void CheckFill(ShadowOrder order, in OrderEvent e)
    {
        Fills++;
        long filledBefore = order.Filled;
        order.Filled += e.LastQuantity.Raw;
        if (e.CumulativeQuantity.Raw != order.Filled || order.Filled > order.Quantity)
        {
            Fail("conservation", $"order {order.OrderId}: cumulative {e.CumulativeQuantity} after {filledBefore}+{e.LastQuantity} of {order.Quantity}");
        }

        if ((e.Status == OrderStatus.Filled) != (order.Filled == order.Quantity))
        {
            Fail("conservation", $"order {order.OrderId}: status {e.Status} with {order.Filled}/{order.Quantity}");
        }

        if (e.Liquidity == LiquiditySide.Taker && order.TimeInForce == TimeInForce.Gtx)
        {
            Fail("post-only", $"post-only order {order.OrderId} took liquidity");
        }

        if (e.Liquidity == LiquiditySide.Taker && order.Type is OrderType.Limit or OrderType.StopLimit or OrderType.TakeProfitLimit
            && (order.Side == OrderSide.Buy ? e.LastPrice.Raw > order.Price : e.LastPrice.Raw < order.Price))
        {
            Fail("priority", $"taker {order.OrderId} filled at {e.LastPrice} beyond its limit {order.Price}");
        }

        if (e.Liquidity == LiquiditySide.Maker)
        {
            var best = _live.Values
                .Where(o => o.Resting && o.Side == order.Side)
                .OrderBy(o => order.Side == OrderSide.Buy ? -o.Price : o.Price)
                .ThenBy(o => o.RestSequence)
                .FirstOrDefault();
            if (best is null || best.OrderId != order.OrderId)
            {
                Fail("priority", $"maker {order.OrderId} at {order.Price} filled before {best?.OrderId} at {best?.Price}");
            }

            if (e.LastPrice.Raw != order.Price)
            {
                Fail("priority", $"maker {order.OrderId} at {order.Price} filled at {e.LastPrice}");
            }
        }

        if (order.ReduceOnly)
        {
            long before = _positionBefore[order.OrderId * 2 + (e.Liquidity == LiquiditySide.Maker ? 1 : 0)];
            long after = _positions.Position(order.AccountId);
            if (Math.Abs(after) > Math.Abs(before) || (before >= 0 ? after < 0 : after > 0))
            {
                Fail("reduce-only", $"reduce-only {order.OrderId} moved the position from {before} to {after}");
            }
        }
    }

    private void CheckCommand(uint code)
    {
        if (_engine.TryGetBestBid(out var bid) && _engine.TryGetBestAsk(out var ask) && bid.Price >= ask.Price)
        {
            Fail("crossed", $"after {code:x8}: bid {bid.Price} >= ask {ask.Price}");
        }

        // Each trade: one maker and one taker event of the same size and price, and one public trade.
        foreach (var trade in _events.Orders.Where(e => e.ExecutionType == ExecutionType.Trade).GroupBy(e => e.TradeId))
        {
            var sides = trade.ToList();
            var tick = _events.Trades.Where(t => t.TradeId == trade.Key).ToList();
            if (sides.Count != 2 || sides.Count(s => s.Liquidity == LiquiditySide.Maker) != 1 || sides[0].Side == sides[1].Side
                || sides[0].LastQuantity != sides[1].LastQuantity || sides[0].LastPrice != sides[1].LastPrice
                || tick.Count != 1 || tick[0].Size != sides[0].LastQuantity || tick[0].Price != sides[0].LastPrice)
            {
                Fail("conservation", $"trade {trade.Key} is not one maker fill, one taker fill and one public trade of the same size");
            }
        }

        long executedBuy = _events.Orders.Where(e => e is { ExecutionType: ExecutionType.Trade, Side: OrderSide.Buy }).Sum(e => e.LastQuantity.Raw);
        long executedSell = _events.Orders.Where(e => e is { ExecutionType: ExecutionType.Trade, Side: OrderSide.Sell }).Sum(e => e.LastQuantity.Raw);
        long published = _events.Trades.Sum(t => t.Size.Raw);
        if (executedBuy != published || executedSell != published)
        {
            Fail("conservation", $"bought {executedBuy}, sold {executedSell}, published {published}");
        }

        // FOK: all or nothing (limit orders; market orders ignore their time in force, as on Binance).
        foreach (var fok in _events.Orders.Where(e => e.TimeInForce == TimeInForce.Fok && e.OrderId != 0 && e.Status.IsTerminal()
            && e.Type is OrderType.Limit or OrderType.StopLimit or OrderType.TakeProfitLimit))
        {
            if (fok.CumulativeQuantity.Raw != 0 && fok.CumulativeQuantity != fok.Quantity)
            {
                Fail("fok", $"FOK {fok.OrderId} ended {fok.Status} with {fok.CumulativeQuantity} of {fok.Quantity}");
            }
        }

        // The aggregated book is the shadow book.
        var levels = new BookLevel[64];
        foreach (var side in new[] { OrderSide.Buy, OrderSide.Sell })
        {
            int n = _engine.CopyLevels(side, levels);
            var expected = _live.Values.Where(o => o.Resting && o.Side == side)
                .GroupBy(o => o.Price)
                .Select(g => (Price: g.Key, Total: g.Sum(o => o.Quantity - o.Filled)))
                .OrderBy(l => side == OrderSide.Buy ? -l.Price : l.Price)
                .ToList();
            var actual = levels.Take(n).Select(l => (Price: l.Price.Raw, Total: l.Size.Raw)).ToList();
            if (!expected.SequenceEqual(actual))
            {
                Fail("book", $"{side}: engine [{string.Join(' ', actual)}] shadow [{string.Join(' ', expected)}]");
            }
        }

        if (_engine.OpenOrderCount != _live.Count)
        {
            Fail("book", $"engine has {_engine.OpenOrderCount} open orders, the events say {_live.Count}");
        }
    }

    private void Fail(string invariant, string message)
    {
        if (!Violations.TryGetValue(invariant, out var list))
        {
            Violations[invariant] = list = [];
        }

        list.Add($"t={_time}: {message}");
    }

    private sealed class ShadowOrder
    {
        public long OrderId { get; init; }

        public int AccountId { get; init; }

        public OrderSide Side { get; init; }

        public OrderType Type { get; init; }

        public TimeInForce TimeInForce { get; init; }

        public bool ReduceOnly { get; init; }

        public long SubmittedAt { get; init; }

        public long Quantity { get; set; }

        public long Price { get; set; }

        public long Filled { get; set; }

        public bool Untriggered { get; set; }

        public bool Active { get; set; }

        public long Activation { get; set; }

        public bool Resting { get; set; }

        public long RestSequence { get; set; }
    }
}
