using FlowSight.Core;
using FlowSight.Simulator.Matching;
using FlowSight.Simulator.Orders;
using Xunit;
using static FlowSight.Simulator.Tests.Matching.Orders;

namespace FlowSight.Simulator.Tests.Matching;

/// <summary>Hand-written cases for limit and market orders, cancel and the events they produce.</summary>
public sealed class MatchingEngineTests
{
    private readonly RecordingListener _events = new();
    private readonly MatchingEngine _engine;

    public MatchingEngineTests() => _engine = new MatchingEngine(MatchingInstruments.BtcUsdtPerp, _events);

    [Fact]
    public void A_limit_order_that_does_not_cross_rests_and_reports_New_and_its_level()
    {
        _engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.010", clientId: "a1"), 10);

        var e = Assert.Single(_events.Orders);
        Assert.Equal(ExecutionType.New, e.ExecutionType);
        Assert.Equal(OrderStatus.Accepted, e.Status);
        Assert.Equal(1, e.OrderId);
        Assert.Equal("a1", e.ClientOrderId.ToString());
        Assert.Equal(Price.Parse("60000.0"), e.Price);
        Assert.Equal(10, e.Timestamp);
        Assert.Equal((OrderSide.Buy, Price.Parse("60000.0"), Quantity.Parse("0.010")), Assert.Single(_events.Levels));
        Assert.True(_engine.TryGetBestBid(out var bid));
        Assert.Equal(new BookLevel(Price.Parse("60000.0"), Quantity.Parse("0.010")), bid);
        Assert.False(_engine.TryGetBestAsk(out _));
    }

    [Fact]
    public void A_crossing_limit_fills_at_the_resting_price_oldest_first_and_rests_the_rest()
    {
        _engine.Submit(Limit(1, OrderSide.Sell, "60001.0", "0.010"), 1); // id 1
        _engine.Submit(Limit(2, OrderSide.Sell, "60000.0", "0.005"), 2); // id 2: better price
        _engine.Submit(Limit(3, OrderSide.Sell, "60000.0", "0.005"), 3); // id 3: same price, later
        _events.Clear();

        _engine.Submit(Limit(9, OrderSide.Buy, "60001.0", "0.018"), 4); // id 4

        var fills = _events.Orders.Where(e => e.ExecutionType == ExecutionType.Trade).ToList();
        Assert.Equal(
            [(2L, LiquiditySide.Maker, "60000.0", "0.005"), (4L, LiquiditySide.Taker, "60000.0", "0.005"),
             (3L, LiquiditySide.Maker, "60000.0", "0.005"), (4L, LiquiditySide.Taker, "60000.0", "0.005"),
             (1L, LiquiditySide.Maker, "60001.0", "0.008"), (4L, LiquiditySide.Taker, "60001.0", "0.008")],
            fills.Select(e => (e.OrderId, e.Liquidity, e.LastPrice.ToString(), e.LastQuantity.ToString())).ToList());
        Assert.Equal(OrderStatus.Filled, fills[^1].Status);
        Assert.Equal(Quantity.Parse("0.018"), fills[^1].CumulativeQuantity);
        Assert.Equal(Money.Parse("1080.0080"), fills[^1].CumulativeQuote); // 0.010 × 60000 + 0.008 × 60001, exact
        Assert.Equal(OrderStatus.PartiallyFilled, fills[^2].Status);
        Assert.Equal(Quantity.Parse("0.002"), _events.Orders.Single(e => e is { OrderId: 1, ExecutionType: ExecutionType.Trade }).Quantity - fills[^2].CumulativeQuantity);

        Assert.Equal(3, _events.Trades.Count);
        Assert.All(_events.Trades, t => Assert.Equal(AggressorSide.Buyer, t.Aggressor));
        Assert.Equal(fills.Where(f => f.Liquidity == LiquiditySide.Maker).Select(f => f.TradeId), _events.Trades.Select(t => t.TradeId));
        Assert.True(_engine.TryGetBestAsk(out var ask));
        Assert.Equal(new BookLevel(Price.Parse("60001.0"), Quantity.Parse("0.002")), ask);
        Assert.Contains((OrderSide.Sell, Price.Parse("60000.0"), Quantity.Parse("0")), _events.Levels);
    }

    [Fact]
    public void A_market_order_walks_the_book_and_expires_what_it_could_not_fill()
    {
        _engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.010"), 1);
        _engine.Submit(Limit(1, OrderSide.Buy, "59999.0", "0.010"), 2);
        _events.Clear();

        _engine.Submit(Market(2, OrderSide.Sell, "0.030"), 3);

        Assert.Equal(
            [ExecutionType.New, ExecutionType.Trade, ExecutionType.Trade, ExecutionType.Trade, ExecutionType.Trade, ExecutionType.Expired],
            _events.Orders.Select(e => e.ExecutionType).ToList());
        var expired = _events.Last;
        Assert.Equal(OrderStatus.Expired, expired.Status);
        Assert.Equal(RejectReason.NoLiquidity, expired.RejectReason);
        Assert.Equal(Quantity.Parse("0.020"), expired.CumulativeQuantity);
        Assert.All(_events.Trades, t => Assert.Equal(AggressorSide.Seller, t.Aggressor));
        Assert.False(_engine.TryGetBestBid(out _));
        Assert.Equal(0, _engine.OpenOrderCount);
    }

    [Fact]
    public void A_market_order_on_an_empty_side_is_rejected_for_no_liquidity()
    {
        _engine.Submit(Market(2, OrderSide.Buy, "0.010"), 3);

        var e = Assert.Single(_events.Orders);
        Assert.Equal(ExecutionType.Rejected, e.ExecutionType);
        Assert.Equal(RejectReason.NoLiquidity, e.RejectReason);
        Assert.Equal(0, e.OrderId);
    }

    [Fact]
    public void Cancel_by_id_or_client_id_removes_the_order_and_an_unknown_one_is_rejected()
    {
        _engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.010", clientId: "x"), 1);
        _engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.020"), 2);
        _events.Clear();

        _engine.Cancel(new SimCancelRequest(1, Btc, 0, ClientOrderId.Parse("x")), 3);
        _engine.Cancel(new SimCancelRequest(2, Btc, 2), 4); // someone else's order
        _engine.Cancel(new SimCancelRequest(1, Btc, 2), 5);
        _engine.Cancel(new SimCancelRequest(1, Btc, 2), 6); // already gone

        Assert.Equal(
            [(ExecutionType.Canceled, 1L, RejectReason.None), (ExecutionType.Rejected, 2L, RejectReason.UnknownOrder),
             (ExecutionType.Canceled, 2L, RejectReason.None), (ExecutionType.Rejected, 2L, RejectReason.UnknownOrder)],
            _events.Orders.Select(e => (e.ExecutionType, e.OrderId, e.RejectReason)).ToList());
        Assert.Equal(
            [(OrderSide.Buy, Price.Parse("60000.0"), Quantity.Parse("0.020")), (OrderSide.Buy, Price.Parse("60000.0"), Quantity.Parse("0"))],
            _events.Levels);
        Assert.Equal(0, _engine.OpenOrderCount);
    }

    [Fact]
    public void CancelAll_cancels_only_that_accounts_orders_in_order_id_order()
    {
        _engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.010"), 1);
        _engine.Submit(Limit(2, OrderSide.Buy, "60000.0", "0.010"), 2);
        _engine.Submit(Limit(1, OrderSide.Sell, "61000.0", "0.010"), 3);
        _engine.Submit(Stop(1, OrderSide.Buy, OrderType.StopMarket, "62000.0", "0.010"), 4);
        _events.Clear();

        _engine.CancelAll(1, 5);

        Assert.Equal([1L, 3L, 4L], _events.Orders.Select(e => e.OrderId).ToList());
        Assert.All(_events.Orders, e => Assert.Equal(ExecutionType.Canceled, e.ExecutionType));
        Assert.Equal(1, _engine.OpenOrderCount);
    }

    [Fact]
    public void A_duplicate_open_client_order_id_is_rejected_but_may_be_reused_once_closed()
    {
        _engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.010", clientId: "dup"), 1);
        _engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.010", clientId: "dup"), 2);
        _engine.Submit(Limit(2, OrderSide.Buy, "60000.0", "0.010", clientId: "dup"), 3); // other account: fine
        _engine.Cancel(new SimCancelRequest(1, Btc, 1), 4);
        _engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.010", clientId: "dup"), 5);

        Assert.Equal(
            [ExecutionType.New, ExecutionType.Rejected, ExecutionType.New, ExecutionType.Canceled, ExecutionType.New],
            _events.Orders.Select(e => e.ExecutionType).ToList());
        Assert.Equal(RejectReason.DuplicateClientOrderId, _events.Orders[1].RejectReason);
    }

    [Fact]
    public void The_engine_refuses_to_be_called_from_its_own_listener()
    {
        var events = new RecordingListener();
        MatchingEngine? engine = null;
        events.OnOrder = _ => engine!.Cancel(new SimCancelRequest(1, Btc, 1), 2);
        engine = new MatchingEngine(MatchingInstruments.BtcUsdtPerp, events);

        Assert.Throws<InvalidOperationException>(() => engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.010"), 1));
    }

    [Fact]
    public void CopyLevels_lists_each_side_best_first()
    {
        _engine.Submit(Limit(1, OrderSide.Buy, "59990.0", "0.010"), 1);
        _engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.020"), 1);
        _engine.Submit(Limit(1, OrderSide.Buy, "59995.0", "0.030"), 1);
        _engine.Submit(Limit(1, OrderSide.Sell, "60010.0", "0.040"), 1);
        _engine.Submit(Limit(1, OrderSide.Sell, "60005.0", "0.050"), 1);

        var bids = new BookLevel[5];
        var asks = new BookLevel[1];
        Assert.Equal(3, _engine.CopyLevels(OrderSide.Buy, bids));
        Assert.Equal(1, _engine.CopyLevels(OrderSide.Sell, asks));
        Assert.Equal(["60000.0", "59995.0", "59990.0"], bids.Take(3).Select(l => l.Price.ToString()).ToList());
        Assert.Equal(new BookLevel(Price.Parse("60005.0"), Quantity.Parse("0.050")), asks[0]);
    }
}
