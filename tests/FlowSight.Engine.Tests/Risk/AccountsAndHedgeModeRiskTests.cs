using FlowSight.Core;
using FlowSight.Engine.Risk;
using Xunit;
using static FlowSight.Engine.Tests.Risk.RiskFixture;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>
/// Several venue accounts and hedge mode: the kill switch closes each position leg with its own order, REDUCING
/// reads an order's own leg, leverage is per account, and a per-account daily loss limit halts that account only.
/// </summary>
public sealed class AccountsAndHedgeModeRiskTests
{
    private static readonly VenueAccount Usdm = new(Venue.Binance, "usdm");
    private static readonly VenueAccount Other = new(Venue.Binance, "other");

    [Fact]
    public void Flatten_closes_each_hedge_mode_leg_with_its_own_order_even_when_the_legs_net_to_zero()
    {
        using var f = new RiskFixture();
        f.Portfolio.SetLeg(Btc, PositionSide.Long, 0.3m);
        f.Portfolio.SetLeg(Btc, PositionSide.Short, -0.3m);
        f.Portfolio.SetPosition(Eth, -5m);

        f.Engine.Trip("close everything", flatten: true);

        Assert.Equal([TradingCommandKind.CancelAll, TradingCommandKind.Submit, TradingCommandKind.Submit, TradingCommandKind.Submit], f.Gateway.Sequence);
        var orders = f.Gateway.Submitted.Select(o => (o.Instrument, o.PositionSide, o.Side, o.Type, o.Quantity.ToDecimal(), o.ReduceOnly)).ToList();
        Assert.Equal(
            [
                (Btc, PositionSide.Long, OrderSide.Sell, OrderType.Market, 0.3m, false), // Binance refuses reduceOnly in hedge mode
                (Btc, PositionSide.Short, OrderSide.Buy, OrderType.Market, 0.3m, false),
                (Eth, PositionSide.Both, OrderSide.Buy, OrderType.Market, 5m, true),
            ],
            orders);
        Assert.Equal(3, Assert.Single(f.Tripped.Seen).FlattenOrders);
    }

    [Fact]
    public void Reducing_lets_a_close_of_a_hedge_leg_through_and_refuses_growing_it()
    {
        using var f = new RiskFixture();
        f.Portfolio.SetLeg(Btc, PositionSide.Long, 0.3m);
        f.Portfolio.SetLeg(Btc, PositionSide.Short, -0.5m); // net short 0.2: a sell would grow the net position
        f.Engine.SetState(TradingState.Reducing, "closing");

        var closeLong = f.Market(OrderSide.Sell, 0.3m) with { PositionSide = PositionSide.Long };
        var closeShort = f.Market(OrderSide.Buy, 0.5m) with { PositionSide = PositionSide.Short };
        var growLong = f.Market(OrderSide.Buy, 0.1m) with { PositionSide = PositionSide.Long };
        var beyondLong = f.Market(OrderSide.Sell, 0.4m) with { PositionSide = PositionSide.Long };

        Assert.True(f.Engine.Submit(closeLong).Approved);
        Assert.True(f.Engine.Submit(closeShort).Approved);
        Assert.Equal(RiskChecks.Reducing, f.Engine.Submit(growLong).Check);
        Assert.Equal(RiskChecks.Reducing, f.Engine.Submit(beyondLong).Check);
    }

    [Fact]
    public void Leverage_is_checked_against_the_equity_and_positions_of_the_orders_own_account()
    {
        using var f = new RiskFixture(new RiskLimits { MaxLeverage = 2m });
        f.Portfolio.Equity = 1_010_000m; // in total: far from any cap
        f.Portfolio.SetAccount(Btc, Usdm);
        f.Portfolio.SetAccount(Eth, Other);
        f.Portfolio.SetAccountEquity(Usdm, 10_000m);
        f.Portfolio.SetAccountEquity(Other, 1_000_000m);
        f.Portfolio.SetPosition(Btc, 0.2m); // 10,000 USDT at 50,000
        f.Portfolio.SetPosition(Eth, 500m); // 1,000,000 USDT at 2,000: the other account's, not this one's

        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 0.2m, 50_000m)).Approved); // 20,000 / 10,000 = 2x
        var denied = f.Engine.Submit(f.Limit(OrderSide.Buy, 0.202m, 50_000m));

        Assert.Equal(RiskChecks.Leverage, denied.Check);
        Assert.Equal("leverage would be 2.01x ((total notional 10,000.00 + order notional 10,100.00) / equity 10,000.00 USDT of account BINANCE/usdm), above the 2x cap", denied.Reason);
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 10m, 2_000m, Eth)).Approved); // 1,020,000 / 1,000,000
    }

    [Fact]
    public void An_accounts_daily_loss_limit_halts_that_account_only_and_the_others_trade_on()
    {
        using var f = new RiskFixture(new RiskLimits { Accounts = new Dictionary<string, AccountRiskLimits> { ["usdm"] = new() { DailyLossLimit = 100m } } });
        var halted = new EventLog<AccountHalted>();
        f.Bus.Subscribe("halted", halted);
        f.Portfolio.SetAccount(Btc, Usdm);
        f.Portfolio.SetAccount(Eth, Other);
        f.Portfolio.SetAccountDailyPnl(Usdm, -99.99m);
        f.Portfolio.SetAccountDailyPnl(Other, -5_000m); // no limit for that account
        f.Portfolio.SetPosition(Btc, 0.1m);
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 2_000m, Eth)).Approved);
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 50_000m)).Approved);

        f.Portfolio.SetAccountDailyPnl(Usdm, -100m);
        f.Gateway.Sequence.Clear();
        var refused = f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 50_000m));

        Assert.Equal(RiskChecks.DailyLoss, refused.Check);
        Assert.Equal("account BINANCE/usdm's daily PnL -100.00 USDT has reached its -100 USDT daily loss limit", refused.Reason);
        var halt = Assert.Single(halted.Seen);
        Assert.Equal((Usdm, KillSwitchTrigger.DailyLoss, refused.Reason, "daily-loss", 0), (halt.Account, halt.Trigger, halt.Reason, halt.By, halt.FlattenOrders));

        // The node trades on: no kill switch, still ACTIVE; only the account's instruments had their orders canceled.
        Assert.Empty(f.Tripped.Seen);
        Assert.False(f.Engine.IsKillSwitchTripped);
        Assert.Equal(TradingState.Active, f.Engine.State);
        Assert.Equal([TradingCommandKind.CancelAll], f.Gateway.Sequence);
        Assert.Equal(Btc, Assert.Single(f.Gateway.CanceledAll).Instrument);
        Assert.Equal(refused.Reason, f.Engine.HaltedAccounts[Usdm]);

        // The account takes cancels only, a closing order included; the other account's orders pass.
        var close = f.Engine.Submit(f.Market(OrderSide.Sell, 0.1m) with { ReduceOnly = true });
        Assert.Equal(RiskChecks.AccountHalted, close.Check);
        Assert.Equal("BTCUSDT-PERP.BINANCE's account is HALTED (account BINANCE/usdm's daily PnL -100.00 USDT has reached its -100 USDT daily loss limit): only cancels pass on its instruments", close.Reason);
        Assert.True(f.Engine.Cancel(new CancelOrder { ClientOrderId = ClientOrderId.Parse("c1"), Instrument = Btc }).Approved);
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 2_000m, Eth)).Approved);
        Assert.Single(halted.Seen); // halted once
    }

    [Fact]
    public void An_accounts_daily_loss_halts_and_flattens_it_on_the_trigger_check_without_an_order()
    {
        using var f = new RiskFixture(new RiskLimits { Accounts = new Dictionary<string, AccountRiskLimits> { ["other"] = new() { DailyLossLimit = 250m } }, FlattenOnDailyLoss = true });
        var halted = new EventLog<AccountHalted>();
        f.Bus.Subscribe("halted", halted);
        f.Portfolio.SetAccount(Btc, Usdm);
        f.Portfolio.SetAccount(Eth, Other);
        f.Portfolio.SetPosition(Btc, 0.2m);
        f.Portfolio.SetPosition(Eth, -3m);
        f.Portfolio.SetAccountDailyPnl(Other, -250.5m);

        f.Engine.EvaluateTriggers();

        var halt = Assert.Single(halted.Seen);
        Assert.Equal("account BINANCE/other's daily PnL -250.50 USDT has reached its -250 USDT daily loss limit", halt.Reason);
        Assert.Equal(1, halt.FlattenOrders);
        var flatten = Assert.Single(f.Gateway.Submitted); // the other account's ETH short only; the BTC long stays
        Assert.Equal((Eth, OrderSide.Buy, 3m, true), (flatten.Instrument, flatten.Side, flatten.Quantity.ToDecimal(), flatten.ReduceOnly));
        Assert.Equal(Eth, Assert.Single(f.Gateway.CanceledAll).Instrument);
        Assert.Empty(f.Tripped.Seen);
        Assert.Equal(TradingState.Active, f.Engine.State);
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 50_000m)).Approved);

        f.Engine.EvaluateTriggers();
        Assert.Single(halted.Seen); // once
    }

    [Fact]
    public void The_node_wide_daily_loss_limit_still_halts_everything_and_reset_resumes_the_halted_account()
    {
        using var f = new RiskFixture(new RiskLimits { DailyLossLimit = 1_000m, Accounts = new Dictionary<string, AccountRiskLimits> { ["usdm"] = new() { DailyLossLimit = 100m } } });
        var resumed = new EventLog<AccountResumed>();
        f.Bus.Subscribe("resumed", resumed);
        f.Portfolio.SetAccount(Btc, Usdm);
        f.Portfolio.SetAccount(Eth, Other);
        f.Portfolio.SetAccountDailyPnl(Usdm, -150m);
        f.Portfolio.DailyPnl = -150m;
        f.Engine.EvaluateTriggers();
        Assert.True(f.Engine.HaltedAccounts.ContainsKey(Usdm));
        Assert.Equal(TradingState.Active, f.Engine.State);

        f.Portfolio.DailyPnl = -1_000m;
        f.Engine.EvaluateTriggers();
        Assert.Equal(TradingState.Halted, f.Engine.State);
        Assert.Equal("daily PnL -1,000.00 USDT has reached the -1,000 USDT daily loss limit", Assert.Single(f.Tripped.Seen).Reason);
        Assert.Equal(RiskChecks.Halted, f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 2_000m, Eth)).Check);

        // A manual kill switch and reset work as before; the reset trades the halted account again too.
        f.Portfolio.DailyPnl = 0m;
        f.Portfolio.SetAccountDailyPnl(Usdm, 0m);
        f.Engine.Reset("ops");
        Assert.Empty(f.Engine.HaltedAccounts);
        Assert.Equal((Usdm, "ops"), (Assert.Single(resumed.Seen).Account, resumed.Seen[0].By));
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 50_000m)).Approved);
        f.Engine.Trip("by hand", flatten: false);
        Assert.Equal(TradingState.Halted, f.Engine.State);
        Assert.Equal(RiskChecks.Halted, f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 50_000m)).Check);
    }

    [Fact]
    public void An_account_halted_by_hand_refuses_its_orders_until_resumed()
    {
        using var f = new RiskFixture();
        f.Portfolio.SetAccount(Btc, Usdm);
        f.Portfolio.SetAccount(Eth, Other);

        f.Engine.HaltAccount(Usdm, "customer margin call", flatten: false, by: "ops");

        Assert.Equal("BTCUSDT-PERP.BINANCE's account is HALTED (customer margin call): only cancels pass on its instruments", f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 50_000m)).Reason);
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 2_000m, Eth)).Approved);
        f.Engine.ResumeAccount(Usdm, "ops");
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 50_000m)).Approved);
    }
}
