using FlowSight.Core;
using FlowSight.Engine.Risk;
using Xunit;
using static FlowSight.Engine.Tests.Risk.RiskFixture;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>The kill switch halts, cancels all and (when asked) flattens in the one call that trips it.</summary>
public sealed class KillSwitchTests
{
    private static MarkPrice Mark(InstrumentId id, decimal mark) =>
        new(id, Price.FromDecimal(mark, 2), Price.FromDecimal(mark, 2), default, 0.0001m, 0, 0, 0);

    [Fact]
    public void Daily_loss_on_a_mark_price_trips_cancels_all_flattens_and_halts_in_the_same_call()
    {
        using var f = new RiskFixture(new RiskLimits { DailyLossLimit = 1_000m, FlattenOnDailyLoss = true });
        f.Portfolio.SetPosition(Btc, 0.3m);
        f.Portfolio.SetPosition(Eth, -5m);
        f.Bus.Publish(Mark(Btc, 50_000m));
        Assert.Empty(f.Tripped.Seen);

        f.Portfolio.DailyPnl = -1_000m; // the portfolio applied the mark before the risk engine's handler runs
        f.Bus.Publish(Mark(Btc, 46_700m));

        Assert.Equal(TradingState.Halted, f.Engine.State);
        Assert.True(f.Engine.IsKillSwitchTripped);
        Assert.Equal([TradingCommandKind.CancelAll, TradingCommandKind.Submit, TradingCommandKind.Submit], f.Gateway.Sequence);
        var cancelAll = Assert.Single(f.Gateway.CanceledAll);
        Assert.Null(cancelAll.Instrument);
        Assert.Equal("kill-switch", cancelAll.Origin);

        var sellBtc = f.Gateway.Submitted[0];
        Assert.Equal((Btc, OrderSide.Sell, OrderType.Market, 0.3m, true, "kill-switch", "ks-1"),
            (sellBtc.Instrument, sellBtc.Side, sellBtc.Type, sellBtc.Quantity.ToDecimal(), sellBtc.ReduceOnly, sellBtc.Origin, sellBtc.ClientOrderId.ToString()));
        var buyEth = f.Gateway.Submitted[1];
        Assert.Equal((Eth, OrderSide.Buy, OrderType.Market, 5m, true, "kill-switch", "ks-2"),
            (buyEth.Instrument, buyEth.Side, buyEth.Type, buyEth.Quantity.ToDecimal(), buyEth.ReduceOnly, buyEth.Origin, buyEth.ClientOrderId.ToString()));

        var tripped = Assert.Single(f.Tripped.Seen);
        Assert.Equal(KillSwitchTrigger.DailyLoss, tripped.Trigger);
        Assert.Equal("daily-loss", tripped.By);
        Assert.Equal(2, tripped.FlattenOrders);
        Assert.Equal("daily PnL -1,000.00 USDT has reached the -1,000 USDT daily loss limit", tripped.Reason);
        Assert.Equal(UnixNanos.FromDateTimeOffset(f.Clock.GetUtcNow()), tripped.Timestamp);
        var change = Assert.Single(f.StateChanges.Seen);
        Assert.Equal((TradingState.Active, TradingState.Halted), (change.Previous, change.Current));

        f.Bus.Publish(Mark(Btc, 46_000m)); // already tripped: nothing more goes out
        Assert.Single(f.Tripped.Seen);
        Assert.Single(f.Gateway.CanceledAll);
    }

    [Fact]
    public void Daily_loss_on_a_fill_trips_without_flattening_unless_configured()
    {
        using var f = new RiskFixture(new RiskLimits { DailyLossLimit = 500m });
        f.Portfolio.SetPosition(Btc, 0.3m);
        f.Portfolio.DailyPnl = -500.01m;
        f.Bus.Publish(new OrderFilled
        {
            ClientOrderId = ClientOrderId.Parse("o-9"),
            VenueOrderId = default,
            Instrument = Btc,
            TradeId = "t-1",
            Side = OrderSide.Buy,
            LastPrice = Price.FromDecimal(50_000m, 1),
            LastQuantity = Quantity.FromDecimal(0.1m, 3),
            FilledQuantity = Quantity.FromDecimal(0.1m, 3),
            LeavesQuantity = Quantity.FromDecimal(0m, 3),
            Fee = Money.FromDecimal(2m, 2),
            FeeAsset = "USDT",
        });

        Assert.Equal(TradingState.Halted, f.Engine.State);
        Assert.Equal([TradingCommandKind.CancelAll], f.Gateway.Sequence);
        Assert.Equal(0, Assert.Single(f.Tripped.Seen).FlattenOrders);
    }

    [Fact]
    public void Daily_loss_on_a_submit_refuses_it_and_trips_in_the_same_call()
    {
        using var f = new RiskFixture(new RiskLimits { DailyLossLimit = 1_000m });
        f.Portfolio.DailyPnl = -1_000m;
        var order = f.Limit(OrderSide.Buy, 0.01m, 50_000m);

        var decision = f.Engine.Submit(order);

        Assert.Equal(RiskChecks.DailyLoss, decision.Check);
        Assert.Equal(RiskChecks.DailyLoss, Assert.Single(f.Denied.Seen).Check);
        Assert.Empty(f.Gateway.Submitted);
        Assert.Single(f.Gateway.CanceledAll);
        Assert.Equal(TradingState.Halted, f.Engine.State);
        Assert.Equal(KillSwitchTrigger.DailyLoss, Assert.Single(f.Tripped.Seen).Trigger);

        var next = f.Engine.Submit(f.Limit(OrderSide.Sell, 0.01m, 50_000m));
        Assert.Equal(RiskChecks.Halted, next.Check);
        Assert.StartsWith("trading is HALTED (kill switch: daily PnL -1,000.00 USDT", next.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Manual_trip_names_who_tripped_it_and_flattens_only_when_asked()
    {
        using var f = new RiskFixture();
        f.Portfolio.SetPosition(Btc, -0.25m);
        f.Engine.Trip("operator saw a runaway strategy", flatten: false, by: "alice");
        Assert.Equal([TradingCommandKind.CancelAll], f.Gateway.Sequence);
        var tripped = Assert.Single(f.Tripped.Seen);
        Assert.Equal((KillSwitchTrigger.Manual, "operator saw a runaway strategy", "alice", 0), (tripped.Trigger, tripped.Reason, tripped.By, tripped.FlattenOrders));

        f.Engine.Trip("close everything", flatten: true, by: "alice");
        Assert.Equal([TradingCommandKind.CancelAll, TradingCommandKind.CancelAll, TradingCommandKind.Submit], f.Gateway.Sequence);
        var buy = f.Gateway.Submitted[0];
        Assert.Equal((OrderSide.Buy, 0.25m, true), (buy.Side, buy.Quantity.ToDecimal(), buy.ReduceOnly));
    }

    [Fact]
    public void Halted_refuses_submits_and_replaces_but_lets_cancels_through()
    {
        using var f = new RiskFixture();
        f.Orders.Add("w-1", Btc, OrderSide.Buy, 0.01m);
        f.Engine.Trip("test", flatten: false);

        Assert.Equal(RiskChecks.Halted, f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 50_000m)).Check);
        Assert.Equal(RiskChecks.Halted, f.Engine.Replace(new ReplaceOrder { ClientOrderId = ClientOrderId.Parse("w-1"), Instrument = Btc, Price = Price.FromDecimal(49_000m, 1) }).Check);
        Assert.Equal([TradingCommandKind.Submit, TradingCommandKind.Replace], f.Denied.Seen.Select(d => d.Command));

        var cancel = new CancelOrder { ClientOrderId = ClientOrderId.Parse("w-1"), Instrument = Btc };
        Assert.True(f.Engine.Cancel(cancel).Approved);
        Assert.True(f.Engine.CancelAll(new CancelAllOrders { Instrument = Btc }).Approved);
        Assert.Equal([cancel], f.Gateway.Canceled);
        Assert.Equal(2, f.Gateway.CanceledAll.Count);
        Assert.Empty(f.Gateway.Submitted);
        Assert.Empty(f.Gateway.Replaced);
    }

    [Fact]
    public void Manual_halt_also_lets_cancels_through()
    {
        using var f = new RiskFixture();
        f.Engine.SetState(TradingState.Halted, "maintenance");
        Assert.Equal("trading is HALTED (maintenance): only cancels pass", f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 50_000m)).Reason);
        Assert.True(f.Engine.Cancel(new CancelOrder { ClientOrderId = ClientOrderId.Parse("w-1"), Instrument = Btc }).Approved);
        Assert.Single(f.Gateway.Canceled);
        f.Engine.SetState(TradingState.Active, "maintenance over");
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 50_000m)).Approved);
    }

    [Fact]
    public void Only_reset_trades_again_after_a_trip()
    {
        using var f = new RiskFixture();
        f.Engine.Trip("test", flatten: false);
        Assert.Throws<InvalidOperationException>(() => f.Engine.SetState(TradingState.Active, "try"));
        Assert.Throws<InvalidOperationException>(() => f.Engine.SetState(TradingState.Reducing, "try"));

        f.Engine.Reset("bob");

        Assert.Equal(TradingState.Active, f.Engine.State);
        Assert.False(f.Engine.IsKillSwitchTripped);
        Assert.Equal("reset by bob", f.StateChanges.Seen[^1].Reason);
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 50_000m)).Approved);
    }

    [Fact]
    public void Repeated_rejects_within_the_window_trip_it()
    {
        using var f = new RiskFixture(new RiskLimits { MaxRejects = 3, RejectWindow = TimeSpan.FromSeconds(10) });
        void Reject(string id) => f.Bus.Publish(new OrderRejected(ClientOrderId.Parse(id), Btc, "-2019", "Margin is insufficient.", 0));

        Reject("r-1");
        f.Clock.Advance(TimeSpan.FromSeconds(5));
        Reject("r-2");
        f.Clock.Advance(TimeSpan.FromSeconds(5));
        Reject("r-3"); // r-1 is exactly 10 s old: out of the window
        Assert.Empty(f.Tripped.Seen);

        f.Clock.Advance(TimeSpan.FromSeconds(4.9999999));
        Reject("r-4"); // r-2, r-3, r-4 within 10 s
        var tripped = Assert.Single(f.Tripped.Seen);
        Assert.Equal((KillSwitchTrigger.RepeatedRejects, "repeated-rejects"), (tripped.Trigger, tripped.By));
        Assert.Equal("3 orders rejected by venues within 10 s reach the limit of 3; last: r-4 on BTCUSDT-PERP.BINANCE: Margin is insufficient.", tripped.Reason);
        Assert.Equal(TradingState.Halted, f.Engine.State);
        Assert.Single(f.Gateway.CanceledAll);
    }

    [Fact]
    public void Venue_disconnect_trips_it_when_the_timer_reaches_the_limit()
    {
        using var f = new RiskFixture(new RiskLimits { MaxDisconnect = TimeSpan.FromSeconds(30) }, withTimers: true);
        f.Bus.Publish(new ExecutionConnectionChanged { Venue = Venue.Binance, Account = "main", Connected = false, Reason = "user stream closed" });
        f.Clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.Empty(f.Tripped.Seen);

        f.Clock.Advance(TimeSpan.FromTicks(1));

        var tripped = Assert.Single(f.Tripped.Seen);
        Assert.Equal((KillSwitchTrigger.Disconnect, "venue-disconnect"), (tripped.Trigger, tripped.By));
        Assert.Equal("BINANCE account main's execution connection has been down for 30 s, the limit is 30 s (user stream closed)", tripped.Reason);
        Assert.Equal(TradingState.Halted, f.Engine.State);
        Assert.Single(f.Gateway.CanceledAll);
    }

    [Fact]
    public void Venue_reconnecting_within_the_limit_does_not_trip_it()
    {
        using var f = new RiskFixture(new RiskLimits { MaxDisconnect = TimeSpan.FromSeconds(30) }, withTimers: true);
        f.Bus.Publish(new ExecutionConnectionChanged { Venue = Venue.Okx, Account = "main", Connected = false });
        f.Clock.Advance(TimeSpan.FromSeconds(29));
        f.Bus.Publish(new ExecutionConnectionChanged { Venue = Venue.Okx, Account = "main", Connected = true, Reconnected = true });
        f.Clock.Advance(TimeSpan.FromMinutes(5));
        f.Engine.EvaluateTriggers();
        Assert.Empty(f.Tripped.Seen);
        Assert.Equal(TradingState.Active, f.Engine.State);
    }

    [Fact]
    public void Venue_disconnect_without_a_timer_is_caught_on_the_next_event()
    {
        using var f = new RiskFixture(new RiskLimits { MaxDisconnect = TimeSpan.FromSeconds(30) });
        f.Bus.Publish(new ExecutionConnectionChanged { Venue = Venue.GateIo, Account = "main", Connected = false });
        f.Clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Empty(f.Tripped.Seen);

        f.Bus.Publish(Mark(Eth, 2_000m));

        Assert.Equal(KillSwitchTrigger.Disconnect, Assert.Single(f.Tripped.Seen).Trigger);
    }

    [Fact]
    public void Daily_loss_on_last_prices_alone_is_caught_by_the_trigger_timer()
    {
        using var f = new RiskFixture(new RiskLimits { DailyLossLimit = 1_000m, TriggerCheckInterval = TimeSpan.FromSeconds(1) }, withTimers: true);
        f.Portfolio.DailyPnl = -1_000.5m; // no fill, no mark: a spot position revalued on trades
        f.Clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(f.Tripped.Seen);

        f.Clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(KillSwitchTrigger.DailyLoss, Assert.Single(f.Tripped.Seen).Trigger);
        Assert.Equal(TradingState.Halted, f.Engine.State);
    }

    [Fact]
    public void A_gateway_failure_on_the_cancel_all_does_not_stop_the_flatten()
    {
        using var f = new RiskFixture();
        f.Gateway.FailCancelAll = true;
        f.Portfolio.SetPosition(Btc, 0.3m);

        var error = Assert.Throws<InvalidOperationException>(() => f.Engine.Trip("test", flatten: true));

        Assert.Equal("venue unreachable", error.Message);
        Assert.Equal(TradingState.Halted, f.Engine.State);
        Assert.Single(f.Gateway.Submitted);
        Assert.Equal(1, Assert.Single(f.Tripped.Seen).FlattenOrders);
    }
}
