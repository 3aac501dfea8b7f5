using FlowSight.Core;
using FlowSight.Simulator.Matching;
using FlowSight.Simulator.Orders;
using Xunit;
using static FlowSight.Simulator.Tests.Matching.Orders;

namespace FlowSight.Simulator.Tests.Matching;

/// <summary>Time in force, filters, self-trade prevention and reduce-only, each against a hand-built book.</summary>
public sealed class OrderRulesTests
{
    private readonly RecordingListener _events = new();
    private readonly PositionTrackingAdmission _positions = new(sizePrecision: 3);
    private readonly MatchingEngine _engine;

    public OrderRulesTests()
    {
        _events.OnOrder = e => _positions.Apply(e);
        _engine = new MatchingEngine(MatchingInstruments.BtcUsdtPerp, _events, _positions);
    }

    private void AsksAt60000And60010()
    {
        _engine.Submit(Limit(1, OrderSide.Sell, "60000.0", "0.010"), 1);
        _engine.Submit(Limit(1, OrderSide.Sell, "60010.0", "0.010"), 1);
        _events.Clear();
    }

    [Fact]
    public void IOC_fills_what_it_can_and_expires_the_rest_without_resting()
    {
        AsksAt60000And60010();

        _engine.Submit(Limit(2, OrderSide.Buy, "60000.0", "0.015", TimeInForce.Ioc), 2);

        Assert.Equal([ExecutionType.New, ExecutionType.Trade, ExecutionType.Trade, ExecutionType.Expired],
            _events.Orders.Select(e => e.ExecutionType).ToList());
        Assert.Equal(Quantity.Parse("0.010"), _events.Last.CumulativeQuantity);
        Assert.False(_engine.TryGetBestBid(out _));
    }

    [Fact]
    public void FOK_that_cannot_fill_completely_is_rejected_before_any_fill_and_one_that_can_fills_completely()
    {
        AsksAt60000And60010();

        _engine.Submit(Limit(2, OrderSide.Buy, "60000.0", "0.015", TimeInForce.Fok), 2);
        var rejected = Assert.Single(_events.Orders);
        Assert.Equal((ExecutionType.Rejected, RejectReason.FillOrKillNotFillable), (rejected.ExecutionType, rejected.RejectReason));
        Assert.Empty(_events.Trades);

        _events.Clear();
        _engine.Submit(Limit(2, OrderSide.Buy, "60010.0", "0.020", TimeInForce.Fok), 3);
        Assert.Equal(OrderStatus.Filled, _events.Last.Status);
        Assert.Equal(2, _events.Trades.Count);
    }

    /// <summary>Found by a long seeded run: the FOK check counted a reduce-only maker's full capacity although an
    /// earlier order of the same account, filled first, would use part of the position it reduces.</summary>
    [Fact]
    public void FOK_counts_what_reduce_only_makers_can_still_reduce_after_their_accounts_earlier_fills()
    {
        _positions.SetPosition(2, 5); // long 0.005
        _engine.Submit(Limit(2, OrderSide.Sell, "60000.0", "0.003"), 1); // plain sell: the long goes to 0.002
        _engine.Submit(Limit(2, OrderSide.Sell, "60000.0", "0.005", reduceOnly: true), 2); // can then reduce 0.002 only
        _events.Clear();

        _engine.Submit(Limit(3, OrderSide.Buy, "60000.0", "0.008", TimeInForce.Fok), 3);
        Assert.Equal(RejectReason.FillOrKillNotFillable, Assert.Single(_events.Orders).RejectReason);

        _events.Clear();
        _engine.Submit(Limit(3, OrderSide.Buy, "60000.0", "0.005", TimeInForce.Fok), 4);
        Assert.Equal((OrderStatus.Filled, "0.005"), (_events.Last.Status, _events.Last.CumulativeQuantity.ToString()));
    }

    [Fact]
    public void GTX_that_would_take_is_rejected_and_one_that_would_not_rests()
    {
        AsksAt60000And60010();

        _engine.Submit(Limit(2, OrderSide.Buy, "60000.0", "0.010", TimeInForce.Gtx), 2);
        _engine.Submit(Limit(2, OrderSide.Buy, "59999.9", "0.010", TimeInForce.Gtx), 3);

        Assert.Equal(
            [(ExecutionType.Rejected, RejectReason.PostOnlyWouldTake), (ExecutionType.New, RejectReason.None)],
            _events.Orders.Select(e => (e.ExecutionType, e.RejectReason)).ToList());
        Assert.Empty(_events.Trades);
        Assert.Equal(-5022, RejectReasonCodes.Binance(RejectReason.PostOnlyWouldTake).Code);
    }

    [Theory]
    [InlineData("60000.05", "0.010", RejectReason.PriceNotTickMultiple)]
    [InlineData("0", "0.010", RejectReason.InvalidPrice)]
    [InlineData("60000.0", "0.0105", RejectReason.QuantityNotStepMultiple)]
    [InlineData("60000.0", "0", RejectReason.InvalidQuantity)]
    [InlineData("60000.0", "1000.001", RejectReason.QuantityAboveMaximum)]
    [InlineData("60000.0", "0.001", RejectReason.NotionalBelowMinimum)] // 60 USDT < 100
    public void Instrument_filters_reject_with_the_venue_reason(string price, string quantity, RejectReason expected)
    {
        _engine.Submit(Limit(2, OrderSide.Buy, price, quantity), 1);

        var e = Assert.Single(_events.Orders);
        Assert.Equal(ExecutionType.Rejected, e.ExecutionType);
        Assert.Equal(expected, e.RejectReason);
        Assert.Equal(0, e.OrderId);
        Assert.Equal(0, _engine.OpenOrderCount);
    }

    [Fact]
    public void Reduce_only_orders_are_exempt_from_min_notional_like_on_Binance()
    {
        _positions.SetPosition(2, 5); // long 0.005
        _engine.Submit(Limit(2, OrderSide.Sell, "60000.0", "0.001", reduceOnly: true), 1);

        Assert.Equal(ExecutionType.New, Assert.Single(_events.Orders).ExecutionType);
    }

    [Fact]
    public void A_reduce_only_order_with_no_position_to_reduce_is_rejected()
    {
        _engine.Submit(Limit(2, OrderSide.Sell, "60000.0", "0.010", reduceOnly: true), 1);

        Assert.Equal(RejectReason.ReduceOnlyRejected, Assert.Single(_events.Orders).RejectReason);
        Assert.Equal(-2022, RejectReasonCodes.Binance(RejectReason.ReduceOnlyRejected).Code);
    }

    [Fact]
    public void A_reduce_only_taker_fills_only_the_position_and_expires_the_rest()
    {
        _engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.050"), 1);
        _positions.SetPosition(2, 7); // long 0.007
        _events.Clear();

        _engine.Submit(Market(2, OrderSide.Sell, "0.020", reduceOnly: true), 2);

        var fill = _events.Orders.Single(e => e is { AccountId: 2, ExecutionType: ExecutionType.Trade });
        Assert.Equal(Quantity.Parse("0.007"), fill.LastQuantity);
        Assert.Equal((ExecutionType.Expired, RejectReason.ReduceOnlyRejected), (_events.Last.ExecutionType, _events.Last.RejectReason));
        Assert.Equal(0, _positions.Position(2));
    }

    [Fact]
    public void A_resting_reduce_only_maker_is_capped_at_each_fill_and_expired_when_nothing_is_left_to_reduce()
    {
        _positions.SetPosition(2, 4); // long 0.004
        _engine.Submit(Limit(2, OrderSide.Sell, "60000.0", "0.010", reduceOnly: true), 1); // id 1
        _engine.Submit(Limit(3, OrderSide.Sell, "60000.0", "0.010"), 2); // id 2, behind it
        _events.Clear();

        _engine.Submit(Limit(4, OrderSide.Buy, "60000.0", "0.010"), 3);

        Assert.Equal(
            [(1L, ExecutionType.Trade, "0.004"), (3L, ExecutionType.Trade, "0.004"), (1L, ExecutionType.Expired, "0.000"),
             (2L, ExecutionType.Trade, "0.006"), (3L, ExecutionType.Trade, "0.006")],
            _events.Orders.Where(e => e.ExecutionType != ExecutionType.New)
                .Select(e => (e.OrderId, e.ExecutionType, e.LastQuantity.ToString())).ToList());
        Assert.Equal(0, _positions.Position(2));
    }

    /// <summary>Found by the property run: a reduce-only taker capped by its capacity against its own resting order
    /// (no STP) skipped to the next order of the level although its own still had quantity.</summary>
    [Fact]
    public void A_reduce_only_taker_capped_by_its_capacity_keeps_price_time_priority()
    {
        _positions.SetPosition(1, -3); // short 0.003
        _engine.Submit(Limit(1, OrderSide.Sell, "60000.0", "0.010"), 1); // id 1: its own order, first in the queue
        _engine.Submit(Limit(5, OrderSide.Sell, "60000.0", "0.010"), 2); // id 2
        _events.Clear();

        _engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.005", reduceOnly: true), 3); // id 3

        // the self-trade leaves the short as it was, so all 0.005 fill against order 1
        Assert.Equal(
            [(1L, "0.003"), (3L, "0.003"), (1L, "0.002"), (3L, "0.002")],
            _events.Orders.Where(e => e.ExecutionType == ExecutionType.Trade).Select(e => (e.OrderId, e.LastQuantity.ToString())).ToList());
        Assert.Equal(-3, _positions.Position(1));
    }

    [Theory]
    [InlineData(SelfTradePrevention.ExpireTaker, 2, "")]
    [InlineData(SelfTradePrevention.ExpireMaker, 1, "1")]
    [InlineData(SelfTradePrevention.ExpireBoth, 1, "1")]
    public void Self_trade_prevention_expires_the_taker_the_maker_or_both(SelfTradePrevention mode, int restingAfter, string expiredMakers)
    {
        _engine.Submit(Limit(1, OrderSide.Sell, "60000.0", "0.010"), 1); // id 1, own
        _engine.Submit(Limit(5, OrderSide.Sell, "60000.0", "0.010"), 2); // id 2, someone else
        _events.Clear();

        _engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.005", stp: mode), 3); // id 3

        var expired = _events.Orders.Where(e => e.ExecutionType == ExecutionType.Expired).ToList();
        Assert.All(expired, e => Assert.Equal(RejectReason.SelfTradePrevented, e.RejectReason));
        Assert.Equal(expiredMakers, string.Join(",", expired.Where(e => e.OrderId != 3).Select(e => e.OrderId)));
        bool takerExpired = mode != SelfTradePrevention.ExpireMaker;
        Assert.Equal(takerExpired, expired.Any(e => e.OrderId == 3));
        Assert.Equal(mode == SelfTradePrevention.ExpireMaker, _events.Trades.Count == 1); // traded with account 5 only
        Assert.Equal(restingAfter, _engine.OpenOrderCount);
        Assert.DoesNotContain(_events.Orders, e => e.ExecutionType == ExecutionType.Trade && e.AccountId == 1 && e.Liquidity == LiquiditySide.Maker);
    }

    [Fact]
    public void An_account_at_its_open_order_limit_is_rejected_until_one_closes()
    {
        var events = new RecordingListener();
        var engine = new MatchingEngine(MatchingInstruments.BtcUsdtPerp, events, options: new MatchingEngineOptions { MaxOpenOrdersPerAccount = 2 });
        engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.010"), 1);
        engine.Submit(Stop(1, OrderSide.Buy, OrderType.StopMarket, "61000.0", "0.010"), 2);
        engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.010"), 3);
        engine.Submit(Limit(2, OrderSide.Buy, "60000.0", "0.010"), 4); // another account
        engine.Cancel(new SimCancelRequest(1, Btc, 1), 5);
        engine.Submit(Limit(1, OrderSide.Buy, "60000.0", "0.010"), 6);

        Assert.Equal(
            [ExecutionType.New, ExecutionType.New, ExecutionType.Rejected, ExecutionType.New, ExecutionType.Canceled, ExecutionType.New],
            events.Orders.Select(e => e.ExecutionType).ToList());
        Assert.Equal(RejectReason.TooManyOpenOrders, events.Orders[2].RejectReason);
    }

    [Fact]
    public void Every_reject_reason_has_a_Binance_and_an_OKX_answer()
    {
        foreach (var reason in Enum.GetValues<RejectReason>())
        {
            var binance = RejectReasonCodes.Binance(reason);
            var okx = RejectReasonCodes.Okx(reason);
            Assert.True(reason == RejectReason.None || binance.Message.Length > 0, reason.ToString());
            Assert.NotNull(okx.SCode);
        }

        Assert.Equal(new BinanceReject(-4014, "Price not increased by tick size."), RejectReasonCodes.Binance(RejectReason.PriceNotTickMultiple));
        Assert.Equal(-1111, RejectReasonCodes.Binance(RejectReason.QuantityNotStepMultiple).Code);
        Assert.Equal(-4164, RejectReasonCodes.Binance(RejectReason.NotionalBelowMinimum).Code);
        Assert.Equal("51121", RejectReasonCodes.Okx(RejectReason.QuantityNotStepMultiple).SCode);
        Assert.Equal("31", RejectReasonCodes.Okx(RejectReason.PostOnlyWouldTake).CancelSource);
    }
}
