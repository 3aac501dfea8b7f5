using FlowSight.Core;
using FlowSight.Simulator.Markets.Replay;
using FlowSight.Simulator.Orders;
using Xunit;
using static FlowSight.Simulator.Tests.Markets.Replay.HandBook;

namespace FlowSight.Simulator.Tests.Markets.Replay;

/// <summary>Hand-computed replay scenarios: queue position, walking the book, time in force, latency, stops.</summary>
public sealed class ReplayMarketTests
{
    private const int Account = 1;

    private static SimOrderRequest Limit(OrderSide side, string price, string quantity, TimeInForce tif = TimeInForce.Gtc) =>
        new(Account, Id, default, side, OrderType.Limit, tif, Quantity.Parse(quantity), Price.Parse(price));

    private static SimOrderRequest Market(OrderSide side, string quantity) =>
        new(Account, Id, default, side, OrderType.Market, TimeInForce.Gtc, Quantity.Parse(quantity));

    private static (ReplayMarket Market, RecordingListener Listener) Create(QueueCancellationModel model = QueueCancellationModel.Proportional, ILatencyModel? latency = null)
    {
        ReplayMarket? market = null;
        var listener = new RecordingListener(() => market!.ExchangeTime);
        market = new ReplayMarket(HandBook.Instrument, listener, new ReplayMarketOptions { Cancellations = model, Latency = latency ?? ConstantLatency.Zero });
        return (market, listener);
    }

    [Theory]
    [InlineData(QueueCancellationModel.Proportional, "1", "4")]
    [InlineData(QueueCancellationModel.BehindUs, "0", "6")]
    public void Queue_ahead_shrinks_with_trades_at_our_price_and_with_our_share_of_the_cancellations(QueueCancellationModel model, string firstFill, string aheadAfterCancels)
    {
        var (market, listener) = Create(model);
        market.OnBookDeltas(Snapshot(1_000, [("100.0", "10")], [("100.1", "5")]));
        market.Submit(Limit(OrderSide.Buy, "100.0", "3"), 1_000);
        long id = Assert.Single(listener.Orders).OrderId;
        Assert.True(market.TryGetQueueAhead(id, out var ahead));
        Assert.Equal(Quantity.Parse("10"), ahead);

        market.OnBookDeltas(Level(1_500, OrderSide.Buy, "100.0", "16")); // 6 join behind us: ahead 10 of 16
        market.OnTrade(Trade(2_000, "100.0", "4", AggressorSide.Seller)); // ahead 6 of 12
        market.TryGetQueueAhead(id, out ahead);
        Assert.Equal(Quantity.Parse("6"), ahead);

        // 16 → 8: 4 traded, 4 canceled. Proportional: 4 × 6/12 = 2 of them were ahead → 4 ahead. Behind us: 6 ahead.
        market.OnBookDeltas(Level(3_000, OrderSide.Buy, "100.0", "8"));
        market.TryGetQueueAhead(id, out ahead);
        Assert.Equal(Quantity.Parse(aheadAfterCancels), ahead);

        market.OnTrade(Trade(4_000, "100.0", "5", AggressorSide.Seller)); // 5 − ahead beyond the queue
        Assert.Equal(Quantity.Parse(firstFill), listener.Fills(id).Aggregate(Quantity.Zero(3), (sum, f) => sum + f.LastQuantity));

        market.OnTrade(Trade(5_000, "99.9", "0.5", AggressorSide.Seller)); // traded through our price: all of the rest
        var fills = listener.Fills(id).ToList();
        Assert.All(fills, f => Assert.Equal(Price.Parse("100.0"), f.LastPrice));
        Assert.All(fills, f => Assert.Equal(LiquiditySide.Maker, f.Liquidity));
        Assert.Equal(OrderStatus.Filled, fills[^1].Status);
        Assert.Equal(Quantity.Parse("3"), fills[^1].CumulativeQuantity);
        Assert.Equal(0, market.OpenOrderCount);
    }

    [Fact]
    public void A_market_order_walks_the_levels_at_their_prices_and_the_liquidity_it_took_stays_taken_until_the_feed_updates_the_level()
    {
        var (market, listener) = Create();
        market.OnBookDeltas(Snapshot(1_000, [("100.0", "3")], [("100.1", "1"), ("100.2", "2"), ("100.4", "5")]));

        market.Submit(Market(OrderSide.Buy, "2.5"), 1_000);
        var fills = listener.Orders.Where(e => e.ExecutionType == ExecutionType.Trade).ToList();
        Assert.Equal([("100.1", "1.000"), ("100.2", "1.500")], fills.Select(f => (f.LastPrice.ToString(), f.LastQuantity.ToString())));
        Assert.All(fills, f => Assert.Equal(LiquiditySide.Taker, f.Liquidity));
        Assert.Equal(Money.Parse("250.4"), fills[^1].CumulativeQuote); // 100.1 × 1 + 100.2 × 1.5
        Assert.Equal(Price.Parse("100.16"), fills[^1].CumulativeQuote.DivideBy(fills[^1].CumulativeQuantity, 2, RoundingMode.ToEven));
        Assert.Equal(OrderStatus.Filled, fills[^1].Status);

        Assert.True(market.TryGetBestAsk(out var best));
        Assert.Equal(new BookLevel(Price.Parse("100.2"), Quantity.Parse("0.5")), best);

        listener.Orders.Clear();
        market.Submit(Market(OrderSide.Buy, "1"), 1_100);
        market.AdvanceTo(1_100); // a request sent ahead of the recording acts once the timeline gets there
        Assert.Equal([("100.2", "0.500"), ("100.4", "0.500")], listener.Fills(listener.Orders[0].OrderId).Select(f => (f.LastPrice.ToString(), f.LastQuantity.ToString())));

        market.OnBookDeltas(Level(2_000, OrderSide.Sell, "100.2", "2")); // the feed refreshes 100.2: all of it is offered again
        market.TryGetBestAsk(out best);
        Assert.Equal(new BookLevel(Price.Parse("100.2"), Quantity.Parse("2")), best);
        Assert.Equal(Quantity.Parse("3"), market.RecordedBook.GetLevel(OrderSide.Buy, 0).Size); // our orders never edit the recording
    }

    [Fact]
    public void Time_in_force_post_only_that_would_take_is_rejected_fok_that_cannot_fill_expires_ioc_rest_expires()
    {
        var (market, listener) = Create();
        market.OnBookDeltas(Snapshot(1_000, [("100.0", "3")], [("100.1", "1"), ("100.2", "2")]));

        market.Submit(Limit(OrderSide.Buy, "100.1", "1", TimeInForce.Gtx), 1_000);
        var rejected = Assert.Single(listener.Orders);
        Assert.Equal((ExecutionType.Rejected, RejectReason.PostOnlyWouldTake, 0L), (rejected.ExecutionType, rejected.RejectReason, rejected.OrderId));

        listener.Orders.Clear();
        market.Submit(Limit(OrderSide.Buy, "100.1", "2", TimeInForce.Fok), 1_000);
        Assert.Equal([ExecutionType.New, ExecutionType.Expired], listener.Orders.Select(e => e.ExecutionType));
        Assert.Equal(RejectReason.FillOrKillNotFillable, listener.Orders[^1].RejectReason);

        listener.Orders.Clear();
        market.Submit(Limit(OrderSide.Buy, "100.1", "2", TimeInForce.Ioc), 1_000);
        Assert.Equal([ExecutionType.New, ExecutionType.Trade, ExecutionType.Expired], listener.Orders.Select(e => e.ExecutionType));
        Assert.Equal(Quantity.Parse("1"), listener.Orders[^1].CumulativeQuantity);
        Assert.Equal(0, market.OpenOrderCount);

        listener.Orders.Clear();
        market.Submit(Limit(OrderSide.Buy, "100.05", "1"), 1_000);
        market.Submit(Market(OrderSide.Sell, "0.0005"), 1_000);
        Assert.Equal([RejectReason.PriceNotTickMultiple, RejectReason.QuantityNotStepMultiple], listener.Orders.Select(e => e.RejectReason));
    }

    [Fact]
    public void An_order_acts_on_the_book_as_it_is_after_the_entry_latency_and_its_reports_arrive_after_the_feed_latency()
    {
        var (market, listener) = Create(latency: new ConstantLatency(orderEntryNanos: 500, feedNanos: 200));
        market.OnBookDeltas(Snapshot(1_000, [("100.0", "3")], [("100.1", "1"), ("100.2", "2")]));
        market.Submit(Market(OrderSide.Buy, "1"), 1_000); // reaches the exchange at 1,500

        market.OnBookDeltas(Level(1_200, OrderSide.Sell, "100.1", "0")); // before it arrives, 100.1 goes
        Assert.Empty(listener.Orders);
        Assert.Equal(1, market.PendingRequestCount);

        market.OnTrade(Trade(1_600, "100.0", "0.1", AggressorSide.Seller)); // the timeline passes 1,500: the order acts
        Assert.Equal(0, market.PendingRequestCount);
        Assert.Empty(listener.Orders); // reports made at 1,500 arrive at 1,700

        market.AdvanceTo(1_700);
        var fill = Assert.Single(listener.Orders, e => e.ExecutionType == ExecutionType.Trade);
        Assert.Equal(Price.Parse("100.2"), fill.LastPrice);
        Assert.Equal(1_500, fill.Timestamp);
        Assert.All(listener.OrderDeliveryTimes, t => Assert.Equal(1_700, t));
    }

    [Fact]
    public void A_resting_order_the_recorded_book_crosses_fills_in_full_at_its_own_price()
    {
        var (market, listener) = Create();
        market.OnBookDeltas(Snapshot(1_000, [("100.0", "3")], [("100.3", "1")]));
        market.Submit(Limit(OrderSide.Buy, "100.1", "0.5"), 1_000);
        market.OnBookDeltas(Level(2_000, OrderSide.Sell, "100.0", "4"));
        var fill = Assert.Single(listener.Orders, e => e.ExecutionType == ExecutionType.Trade);
        Assert.Equal((Price.Parse("100.1"), Quantity.Parse("0.5"), OrderStatus.Filled), (fill.LastPrice, fill.LastQuantity, fill.Status));
    }

    [Fact]
    public void A_stop_market_waits_for_a_recorded_trade_at_its_trigger_then_walks_the_book()
    {
        var (market, listener) = Create();
        market.OnBookDeltas(Snapshot(1_000, [("100.0", "3")], [("100.1", "1"), ("100.2", "2")]));
        market.OnTrade(Trade(1_000, "100.0", "0.1", AggressorSide.Seller));
        var stop = new SimOrderRequest(Account, Id, default, OrderSide.Buy, OrderType.StopMarket, TimeInForce.Gtc, Quantity.Parse("1.5"), TriggerPrice: Price.Parse("100.1"));

        market.Submit(stop with { TriggerPrice = Price.Parse("99.9") }, 1_000);
        Assert.Equal(RejectReason.WouldTriggerImmediately, Assert.Single(listener.Orders).RejectReason);

        listener.Orders.Clear();
        market.Submit(stop, 1_000);
        market.OnTrade(Trade(2_000, "100.0", "0.1", AggressorSide.Seller));
        Assert.Equal([ExecutionType.New], listener.Orders.Select(e => e.ExecutionType));
        market.OnTrade(Trade(3_000, "100.1", "0.2", AggressorSide.Buyer));
        Assert.Equal([ExecutionType.New, ExecutionType.Triggered, ExecutionType.Trade, ExecutionType.Trade], listener.Orders.Select(e => e.ExecutionType));
        Assert.Equal(Money.Parse("150.2"), listener.Orders[^1].CumulativeQuote); // 100.1 × 1 + 100.2 × 0.5
    }

    [Fact]
    public void Cancel_amend_and_cancel_all_follow_binance_futures()
    {
        var (market, listener) = Create();
        market.OnBookDeltas(Snapshot(1_000, [("100.0", "3"), ("99.9", "7")], [("100.3", "1")]));
        market.Submit(Limit(OrderSide.Buy, "100.0", "1"), 1_000);
        market.Submit(Limit(OrderSide.Buy, "99.9", "1"), 1_000);
        long first = listener.Orders[0].OrderId;
        long second = listener.Orders[1].OrderId;

        // Re-queued at the back of the new level.
        market.Amend(new SimAmendRequest(Account, Id, first, default, Price.Parse("99.9"), Quantity.Parse("2")), 1_100);
        market.AdvanceTo(1_100);
        Assert.Equal(ExecutionType.Amended, listener.Orders[^1].ExecutionType);
        Assert.True(market.TryGetQueueAhead(first, out var ahead));
        Assert.Equal(Quantity.Parse("7"), ahead);

        market.Cancel(new SimCancelRequest(Account, Id, second), 1_200);
        market.AdvanceTo(1_200);
        Assert.Equal((ExecutionType.Canceled, second), (listener.Orders[^1].ExecutionType, listener.Orders[^1].OrderId));
        market.Cancel(new SimCancelRequest(Account, Id, second), 1_300);
        market.AdvanceTo(1_300);
        Assert.Equal(RejectReason.UnknownOrder, listener.Orders[^1].RejectReason);

        market.CancelAll(Account, 1_400);
        market.AdvanceTo(1_400);
        Assert.Equal((ExecutionType.Canceled, first), (listener.Orders[^1].ExecutionType, listener.Orders[^1].OrderId));
        Assert.Equal(0, market.OpenOrderCount);
    }
}
