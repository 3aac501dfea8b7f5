using FlowSight.Core;
using FlowSight.Engine.Risk;
using Xunit;
using static FlowSight.Engine.Tests.Risk.RiskFixture;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>
/// Several venue accounts and hedge mode: the kill switch closes each position leg with its own order, REDUCING
/// reads an order's own leg, leverage is per account, and a per-account daily loss limit trips on that account's loss.
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
    public void An_accounts_daily_loss_limit_refuses_its_orders_and_trips_the_kill_switch()
    {
        using var f = new RiskFixture(new RiskLimits { Accounts = new Dictionary<string, AccountRiskLimits> { ["usdm"] = new() { DailyLossLimit = 100m } } });
        f.Portfolio.SetAccount(Btc, Usdm);
        f.Portfolio.SetAccount(Eth, Other);
        f.Portfolio.SetAccountDailyPnl(Usdm, -99.99m);
        f.Portfolio.SetAccountDailyPnl(Other, -5_000m); // no limit for that account
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 2_000m, Eth)).Approved);
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 50_000m)).Approved);

        f.Portfolio.SetAccountDailyPnl(Usdm, -100m);
        var refused = f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 50_000m));

        Assert.Equal(RiskChecks.DailyLoss, refused.Check);
        Assert.Equal("account BINANCE/usdm's daily PnL -100.00 USDT has reached its -100 USDT daily loss limit", refused.Reason);
        var tripped = Assert.Single(f.Tripped.Seen);
        Assert.Equal(KillSwitchTrigger.DailyLoss, tripped.Trigger);
        Assert.Equal(TradingState.Halted, f.Engine.State);
    }

    [Fact]
    public void An_accounts_daily_loss_trips_on_the_trigger_check_without_an_order()
    {
        using var f = new RiskFixture(new RiskLimits { Accounts = new Dictionary<string, AccountRiskLimits> { ["other"] = new() { DailyLossLimit = 250m } } });
        f.Portfolio.SetAccount(Btc, Usdm);
        f.Portfolio.SetAccount(Eth, Other);
        f.Portfolio.SetAccountDailyPnl(Other, -250.5m);

        f.Engine.EvaluateTriggers();

        Assert.Equal("account BINANCE/other's daily PnL -250.50 USDT has reached its -250 USDT daily loss limit", Assert.Single(f.Tripped.Seen).Reason);
    }
}
