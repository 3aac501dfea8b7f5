using FlowSight.Core;
using FlowSight.Simulator.Matching;
using FlowSight.Simulator.Orders;
using Xunit;
using static FlowSight.Simulator.Tests.Matching.Orders;

namespace FlowSight.Simulator.Tests.Matching;

/// <summary>Stops and take-profits (last and mark price), and amends with Binance's priority and cancel rules.</summary>
public sealed class StopAndAmendTests
{
    private readonly RecordingListener _events = new();
    private readonly MatchingEngine _engine;

    public StopAndAmendTests() => _engine = new MatchingEngine(MatchingInstruments.BtcUsdtPerp, _events);

    /// <summary>A trade at 60000, then bids 59990/59980 and asks 60010/60020, 0.010 each.</summary>
    private void Book()
    {
        _engine.Submit(Limit(1, OrderSide.Sell, "60000.0", "0.010"), 1);
        _engine.Submit(Limit(2, OrderSide.Buy, "60000.0", "0.010"), 1);
        _engine.Submit(Limit(1, OrderSide.Buy, "59990.0", "0.010"), 1);
        _engine.Submit(Limit(1, OrderSide.Buy, "59980.0", "0.010"), 1);
        _engine.Submit(Limit(1, OrderSide.Sell, "60010.0", "0.010"), 1);
        _engine.Submit(Limit(1, OrderSide.Sell, "60020.0", "0.010"), 1);
        _events.Clear();
    }

    [Fact]
    public void A_stop_market_waits_untriggered_then_fires_as_a_market_order_when_a_trade_reaches_its_trigger()
    {
        Book();
        _engine.Submit(Stop(3, OrderSide.Sell, OrderType.StopMarket, "59990.0", "0.015"), 2); // id 7
        Assert.Equal((ExecutionType.New, OrderStatus.Untriggered), (_events.Last.ExecutionType, _events.Last.Status));
        _events.Clear();

        _engine.Submit(Market(4, OrderSide.Sell, "0.010"), 3); // trades at 59990: the stop fires

        var stop = _events.Orders.Where(e => e.OrderId == 7).ToList();
        Assert.Equal([ExecutionType.Triggered, ExecutionType.Trade, ExecutionType.Expired], stop.Select(e => e.ExecutionType).ToList());
        Assert.Equal(Price.Parse("59980.0"), stop[1].LastPrice);
        Assert.Equal(Quantity.Parse("0.010"), stop[1].LastQuantity);
        Assert.Equal(OrderStatus.Expired, _events.Last.Status); // book exhausted: the rest expires
        Assert.Equal(Quantity.Parse("0.010"), _events.Last.CumulativeQuantity);
        Assert.Equal(OrderType.StopMarket, _events.Last.Type);
    }

    /// <summary>Found by the property run: a GTX stop-market, once triggered, took liquidity as a market order.</summary>
    [Fact]
    public void Post_only_does_not_apply_to_market_execution_and_is_rejected_there()
    {
        Book();

        _engine.Submit(Stop(3, OrderSide.Sell, OrderType.StopMarket, "59990.0", "0.010", tif: TimeInForce.Gtx), 2);
        _engine.Submit(new SimOrderRequest(3, Btc, default, OrderSide.Buy, OrderType.Market, TimeInForce.Gtx, Quantity.Parse("0.010")), 3);

        Assert.All(_events.Orders, e => Assert.Equal((ExecutionType.Rejected, RejectReason.InvalidOrderType), (e.ExecutionType, e.RejectReason)));
        Assert.Equal(2, _events.Orders.Count);
    }

    [Fact]
    public void A_stop_whose_trigger_is_already_reached_is_rejected()
    {
        Book();

        _engine.Submit(Stop(3, OrderSide.Buy, OrderType.StopMarket, "59990.0", "0.010"), 2); // buy stop below last 60000
        _engine.Submit(Stop(3, OrderSide.Buy, OrderType.TakeProfitMarket, "60010.0", "0.010"), 2); // buy TP above last

        Assert.All(_events.Orders, e => Assert.Equal(RejectReason.WouldTriggerImmediately, e.RejectReason));
        Assert.Equal(2, _events.Orders.Count);
        Assert.Equal(-2021, RejectReasonCodes.Binance(RejectReason.WouldTriggerImmediately).Code);
    }

    [Fact]
    public void A_take_profit_limit_rests_as_a_limit_order_once_triggered()
    {
        Book();
        // sell take-profit fires when the price rises to 60010, then rests at 60030
        _engine.Submit(Stop(3, OrderSide.Sell, OrderType.TakeProfitLimit, "60010.0", "0.010", price: "60030.0"), 2); // id 7
        _events.Clear();

        _engine.Submit(Market(4, OrderSide.Buy, "0.005"), 3); // trades at 60010

        Assert.Contains(_events.Orders, e => e is { OrderId: 7, ExecutionType: ExecutionType.Triggered });
        Assert.True(_engine.TryGetBestAsk(out var ask));
        Assert.Equal(Price.Parse("60010.0"), ask.Price);
        var asks = new BookLevel[4];
        Assert.Equal(3, _engine.CopyLevels(OrderSide.Sell, asks));
        Assert.Equal(new BookLevel(Price.Parse("60030.0"), Quantity.Parse("0.010")), asks[2]);
    }

    [Fact]
    public void A_buy_sweep_that_passes_a_sell_stop_on_its_first_trade_triggers_it()
    {
        // last trade 60000; an ask below it at 59995 (placed after the trade); a sell stop at 59995
        Book();
        _engine.Submit(Limit(1, OrderSide.Sell, "59995.0", "0.010"), 2);
        _engine.Submit(Stop(3, OrderSide.Sell, OrderType.StopMarket, "59995.0", "0.010"), 2); // id 8
        _events.Clear();

        _engine.Submit(Market(4, OrderSide.Buy, "0.020"), 3); // trades 59995 then 60010

        Assert.Contains(_events.Orders, e => e is { OrderId: 8, ExecutionType: ExecutionType.Triggered });
    }

    [Fact]
    public void Mark_price_stops_fire_on_the_mark_not_on_trades()
    {
        Book();
        _engine.Submit(Stop(3, OrderSide.Sell, OrderType.StopMarket, "59990.0", "0.010", workingType: WorkingType.MarkPrice), 2); // id 7
        _engine.Submit(Market(4, OrderSide.Sell, "0.010"), 3); // last trade 59990: not the mark
        Assert.DoesNotContain(_events.Orders, e => e is { OrderId: 7, ExecutionType: ExecutionType.Triggered });
        _events.Clear();

        _engine.OnMarkPrice(Price.Parse("59995.5"), 4);
        Assert.Empty(_events.Orders);
        _engine.OnMarkPrice(Price.Parse("59989.9"), 5);

        Assert.Equal([ExecutionType.Triggered, ExecutionType.Trade], _events.Orders.Where(e => e.OrderId == 7).Select(e => e.ExecutionType).ToList());
    }

    [Fact]
    public void An_amend_sends_the_order_to_the_back_of_the_queue()
    {
        _engine.Submit(Limit(1, OrderSide.Sell, "60000.0", "0.010"), 1); // id 1
        _engine.Submit(Limit(2, OrderSide.Sell, "60000.0", "0.010"), 1); // id 2
        _engine.Amend(new SimAmendRequest(1, Btc, 1, default, default, Quantity.Parse("0.008")), 2);
        Assert.Equal((ExecutionType.Amended, Quantity.Parse("0.008")), (_events.Last.ExecutionType, _events.Last.Quantity));
        _events.Clear();

        _engine.Submit(Market(3, OrderSide.Buy, "0.010"), 3);

        var maker = Assert.Single(_events.Orders, e => e is { Liquidity: LiquiditySide.Maker });
        Assert.Equal(2, maker.OrderId);
    }

    [Fact]
    public void An_amend_to_a_crossing_price_trades_at_once()
    {
        _engine.Submit(Limit(1, OrderSide.Sell, "60010.0", "0.010"), 1); // id 1
        _engine.Submit(Limit(2, OrderSide.Buy, "60000.0", "0.010"), 1); // id 2
        _events.Clear();

        _engine.Amend(new SimAmendRequest(2, Btc, 2, default, Price.Parse("60010.0"), default), 2);

        Assert.Equal([ExecutionType.Amended, ExecutionType.Trade, ExecutionType.Trade],
            _events.Orders.Select(e => e.ExecutionType).ToList());
        Assert.Equal(LiquiditySide.Taker, _events.Last.Liquidity);
        Assert.Equal(0, _engine.OpenOrderCount);
    }

    [Fact]
    public void An_amend_to_at_most_the_executed_quantity_cancels_the_order()
    {
        _engine.Submit(Limit(1, OrderSide.Sell, "60000.0", "0.010"), 1); // id 1
        _engine.Submit(Market(2, OrderSide.Buy, "0.004"), 1);
        _events.Clear();

        _engine.Amend(new SimAmendRequest(1, Btc, 1, default, default, Quantity.Parse("0.004")), 2);

        Assert.Equal(ExecutionType.Canceled, Assert.Single(_events.Orders).ExecutionType);
        Assert.Equal(0, _engine.OpenOrderCount);
    }

    [Fact]
    public void An_amend_that_would_make_a_post_only_take_cancels_it()
    {
        _engine.Submit(Limit(1, OrderSide.Sell, "60010.0", "0.010"), 1);
        _engine.Submit(Limit(2, OrderSide.Buy, "60000.0", "0.010", TimeInForce.Gtx), 1); // id 2
        _events.Clear();

        _engine.Amend(new SimAmendRequest(2, Btc, 2, default, Price.Parse("60010.0"), default), 2);

        var e = Assert.Single(_events.Orders);
        Assert.Equal((ExecutionType.Canceled, RejectReason.PostOnlyWouldTake), (e.ExecutionType, e.RejectReason));
        Assert.Empty(_events.Trades);
    }

    [Fact]
    public void An_amend_that_fails_a_filter_is_rejected_and_leaves_the_order_as_it_was()
    {
        _engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.010", clientId: "keep"), 1); // id 1
        _events.Clear();

        _engine.Amend(new SimAmendRequest(1, Btc, 0, ClientOrderId.Parse("keep"), Price.Parse("60000.05"), default), 2);
        _engine.Amend(new SimAmendRequest(1, Btc, 99, default, Price.Parse("60000.1"), default), 3);

        Assert.Equal(
            [(ExecutionType.Rejected, OrderStatus.Accepted, RejectReason.PriceNotTickMultiple), (ExecutionType.Rejected, OrderStatus.Rejected, RejectReason.UnknownOrder)],
            _events.Orders.Select(e => (e.ExecutionType, e.Status, e.RejectReason)).ToList());
        Assert.True(_engine.TryGetBestBid(out var bid));
        Assert.Equal(new BookLevel(Price.Parse("60000.0"), Quantity.Parse("0.010")), bid);
    }
}
