using FlowSight.Core;
using FlowSight.Engine.Risk;
using Xunit;
using static FlowSight.Engine.Tests.Risk.RiskFixture;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>The configured limits pass an order exactly at the limit and refuse one tick or step beyond, with the limit and the value in the reason.</summary>
public sealed class RiskLimitBoundaryTests
{
    private static void Passes(RiskFixture f, SubmitOrder order)
    {
        var decision = f.Engine.Submit(order);
        Assert.True(decision.Approved, decision.ToString());
        Assert.Contains(order, f.Gateway.Submitted);
    }

    private static string Refused(RiskFixture f, SubmitOrder order, string check)
    {
        var decision = f.Engine.Submit(order);
        Assert.False(decision.Approved);
        Assert.Equal(check, decision.Check);
        Assert.DoesNotContain(order, f.Gateway.Submitted);
        Assert.Equal(check, f.Denied.Seen[^1].Check);
        Assert.Equal(decision.Reason, f.Denied.Seen[^1].Reason);
        return decision.Reason!;
    }

    private static RiskLimits PerInstrument(InstrumentRiskLimits btc) => new()
    {
        Instruments = new Dictionary<string, InstrumentRiskLimits> { ["BTCUSDT-PERP.BINANCE"] = btc },
    };

    [Fact]
    public void Max_order_quantity_refuses_one_step_over()
    {
        using var f = new RiskFixture(PerInstrument(new() { MaxOrderQuantity = 1m }));
        Passes(f, f.Limit(OrderSide.Buy, 1m, 5_000m));
        var reason = Refused(f, f.Limit(OrderSide.Buy, 1.001m, 5_000m), RiskChecks.MaxQuantity);
        Assert.Equal("order quantity 1.001 exceeds the 1 limit for BTCUSDT-PERP.BINANCE", reason);
    }

    [Fact]
    public void Max_order_notional_refuses_one_tick_over()
    {
        using var f = new RiskFixture(PerInstrument(new() { MaxOrderNotional = 10_000m }));
        Passes(f, f.Limit(OrderSide.Buy, 0.2m, 50_000m));
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.2m, 50_000.1m), RiskChecks.MaxNotional);
        Assert.Equal("order notional 10,000.02 USDT exceeds the 10,000 USDT limit for BTCUSDT-PERP.BINANCE", reason);
    }

    [Fact]
    public void Overrides_apply_to_their_instrument_and_defaults_to_the_others()
    {
        var limits = new RiskLimits
        {
            Defaults = new() { MaxOrderNotional = 1_000m },
            Instruments = new Dictionary<string, InstrumentRiskLimits> { ["BTCUSDT-PERP.BINANCE"] = new() { MaxOrderNotional = 10_000m } },
        };
        using var f = new RiskFixture(limits);
        Passes(f, f.Limit(OrderSide.Buy, 0.2m, 50_000m));
        Passes(f, f.Limit(OrderSide.Buy, 0.5m, 2_000m, Eth));
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.5m, 2_000.01m, Eth), RiskChecks.MaxNotional);
        Assert.Equal("order notional 1,000.005 USDT exceeds the 1,000 USDT limit for ETHUSDT-PERP.BINANCE", reason);
    }

    [Fact]
    public void Limits_naming_an_unknown_instrument_fail_at_construction()
    {
        var limits = new RiskLimits { Instruments = new Dictionary<string, InstrumentRiskLimits> { ["XRPUSDT-PERP.BINANCE"] = new() } };
        var error = Assert.Throws<ArgumentException>(() => new RiskFixture(limits));
        Assert.Contains("XRPUSDT-PERP.BINANCE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_and_reject_limits_below_one_fail_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new RiskFixture(new RiskLimits { MaxOrdersPerSecond = 0 }));
        Assert.Throws<ArgumentException>(() => new RiskFixture(new RiskLimits { MaxRejects = 3, RejectWindow = TimeSpan.Zero }));
    }

    [Fact]
    public void Price_band_refuses_one_tick_outside_either_side_of_the_mark()
    {
        using var f = new RiskFixture(PerInstrument(new() { PriceBandBps = 100m }));
        Passes(f, f.Limit(OrderSide.Sell, 0.01m, 50_500m));
        Passes(f, f.Limit(OrderSide.Buy, 0.01m, 49_500m));
        var above = Refused(f, f.Limit(OrderSide.Sell, 0.01m, 50_500.1m), RiskChecks.PriceBand);
        Assert.Equal("limit price 50500.10 is 100.02 bps from the 50,000 mark price, outside the ±100 bps band for BTCUSDT-PERP.BINANCE", above);
        Refused(f, f.Limit(OrderSide.Buy, 0.01m, 49_499.9m), RiskChecks.PriceBand);
    }

    [Fact]
    public void Price_band_without_a_mark_follows_the_configured_policy()
    {
        using var refuse = new RiskFixture(PerInstrument(new() { PriceBandBps = 100m }) with { RefuseWithoutMarkPrice = true });
        refuse.Portfolio.ClearMark(Btc);
        var reason = Refused(refuse, refuse.Limit(OrderSide.Buy, 0.01m, 50_000m), RiskChecks.NoMarkPrice);
        Assert.Contains("±100 bps price band", reason, StringComparison.Ordinal);

        using var allow = new RiskFixture(PerInstrument(new() { PriceBandBps = 100m }) with { RefuseWithoutMarkPrice = false });
        allow.Portfolio.ClearMark(Btc);
        Passes(allow, allow.Limit(OrderSide.Buy, 0.01m, 50_000m));
    }

    [Fact]
    public void Position_quantity_limit_counts_position_working_orders_and_the_order()
    {
        using var f = new RiskFixture(PerInstrument(new() { MaxPositionQuantity = 0.5m }));
        f.Portfolio.SetPosition(Btc, 0.3m);
        f.Orders.Add("w-1", Btc, OrderSide.Buy, 0.1m);
        Passes(f, f.Limit(OrderSide.Buy, 0.1m, 50_000m));
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.101m, 50_000m), RiskChecks.PositionQuantity);
        Assert.Equal("long exposure in BTCUSDT-PERP.BINANCE would be 0.501 (position 0.3, working 0.1, this order 0.101), above the 0.5 position limit", reason);
    }

    [Fact]
    public void Position_quantity_limit_applies_to_shorts_from_the_other_side()
    {
        using var f = new RiskFixture(PerInstrument(new() { MaxPositionQuantity = 0.5m }));
        f.Portfolio.SetPosition(Btc, 0.3m);
        Passes(f, f.Limit(OrderSide.Sell, 0.8m, 50_000m)); // long 0.3 → short 0.5
        var reason = Refused(f, f.Limit(OrderSide.Sell, 0.801m, 50_000m), RiskChecks.PositionQuantity);
        Assert.StartsWith("short exposure in BTCUSDT-PERP.BINANCE would be 0.501", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Position_notional_limit_refuses_one_step_over()
    {
        using var f = new RiskFixture(PerInstrument(new() { MaxPositionNotional = 25_000m }));
        f.Portfolio.SetPosition(Btc, 0.298m);
        Passes(f, f.Limit(OrderSide.Buy, 0.202m, 50_000m));
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.203m, 50_000m), RiskChecks.PositionNotional);
        Assert.Contains("25,050.00 USDT", reason, StringComparison.Ordinal);
        Assert.Contains("25,000 USDT position limit", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Total_position_notional_counts_the_other_instruments()
    {
        using var f = new RiskFixture(new RiskLimits { MaxTotalPositionNotional = 20_000m });
        f.Portfolio.SetPosition(Eth, -5m); // 10,000 USDT
        Passes(f, f.Limit(OrderSide.Buy, 0.2m, 50_000m));
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.2m, 50_000.1m), RiskChecks.TotalPositionNotional);
        Assert.Equal("total position notional would be 20,000.02 USDT with this order's exposure in BTCUSDT-PERP.BINANCE, above the 20,000 USDT account limit", reason);
    }

    [Fact]
    public void Max_open_orders_per_instrument_passes_the_order_that_reaches_it()
    {
        using var f = new RiskFixture(PerInstrument(new() { MaxOpenOrders = 2 }));
        f.Orders.Add("w-1", Btc, OrderSide.Buy, 0.01m);
        Passes(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m));
        f.Orders.Add("w-2", Btc, OrderSide.Buy, 0.01m);
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m), RiskChecks.MaxOpenOrders);
        Assert.Equal("BTCUSDT-PERP.BINANCE already has 2 working orders, the limit is 2", reason);
        Passes(f, f.Limit(OrderSide.Buy, 0.01m, 2_000m, Eth));
    }

    [Fact]
    public void Max_total_open_orders_counts_every_instrument()
    {
        using var f = new RiskFixture(new RiskLimits { MaxTotalOpenOrders = 2 });
        f.Orders.Add("w-1", Eth, OrderSide.Buy, 0.01m);
        Passes(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m));
        f.Orders.Add("w-2", Btc, OrderSide.Buy, 0.01m);
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m), RiskChecks.TotalOpenOrders);
        Assert.Equal("the account already has 2 working orders, the limit is 2", reason);
    }

    [Fact]
    public void Order_rate_per_second_is_a_sliding_window_on_the_clock()
    {
        using var f = new RiskFixture(new RiskLimits { MaxOrdersPerSecond = 3 });
        Passes(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m));
        f.Clock.Advance(TimeSpan.FromMilliseconds(500));
        Passes(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m));
        Passes(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m));
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m), RiskChecks.OrderRate);
        Assert.Equal("3 orders in the last second reach the limit of 3 orders per second", reason);
        f.Clock.Advance(TimeSpan.FromMilliseconds(499.9999));
        Refused(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m), RiskChecks.OrderRate);
        f.Clock.Advance(TimeSpan.FromTicks(1)); // the first order is exactly one second old: out of the window
        Passes(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m));
        Refused(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m), RiskChecks.OrderRate);
    }

    [Fact]
    public void Order_rate_per_minute_counts_replaces_and_not_refusals()
    {
        using var f = new RiskFixture(new RiskLimits { MaxOrdersPerMinute = 3 });
        f.Orders.Add("w-1", Btc, OrderSide.Buy, 0.01m);
        Passes(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m));
        Refused(f, f.Limit(OrderSide.Buy, 0.0105m, 50_000m), RiskChecks.StepSize);
        Assert.True(f.Engine.Replace(new ReplaceOrder { ClientOrderId = ClientOrderId.Parse("w-1"), Instrument = Btc, Price = Price.FromDecimal(49_000m, 1) }).Approved);
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        Passes(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m));
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m), RiskChecks.OrderRate);
        Assert.Equal("3 orders in the last minute reach the limit of 3 orders per minute", reason);
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        Passes(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m));
    }

    [Fact]
    public void Leverage_cap_counts_total_notional_and_the_order_against_equity()
    {
        using var f = new RiskFixture(new RiskLimits { MaxLeverage = 2m });
        f.Portfolio.Equity = 10_000m;
        f.Portfolio.SetPosition(Eth, 5m); // 10,000 USDT
        Passes(f, f.Limit(OrderSide.Buy, 0.2m, 50_000m)); // (10,000 + 10,000) / 10,000 = 2x
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.2m, 50_000.1m), RiskChecks.Leverage);
        Assert.Equal("leverage would be 2x ((total notional 10,000.00 + order notional 10,000.02) / equity 10,000.00 USDT), above the 2x cap", reason);
    }

    [Fact]
    public void Leverage_cap_refuses_opening_orders_without_equity()
    {
        using var f = new RiskFixture(new RiskLimits { MaxLeverage = 3m });
        f.Portfolio.Equity = 0m;
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m), RiskChecks.Leverage);
        Assert.Equal("equity is 0.00 USDT: no room under the 3x leverage cap", reason);
    }

    [Fact]
    public void Daily_loss_limit_refuses_opening_orders_from_the_limit_on()
    {
        using var f = new RiskFixture(new RiskLimits { DailyLossLimit = 1_000m });
        f.Portfolio.DailyPnl = -999.99m;
        Passes(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m));
        f.Portfolio.DailyPnl = -1_000m;
        var decision = f.Engine.Check(f.Limit(OrderSide.Buy, 0.01m, 50_000m));
        Assert.Equal(RiskChecks.DailyLoss, decision.Check);
        Assert.Equal("daily PnL -1,000.00 USDT has reached the -1,000 USDT daily loss limit: opening orders are refused", decision.Reason);
        Assert.Equal(TradingState.Active, f.Engine.State); // Check has no side effects
    }

    [Fact]
    public void Reducing_orders_skip_the_exposure_limits()
    {
        using var f = new RiskFixture(PerInstrument(new() { MaxPositionQuantity = 0.5m }) with { MaxLeverage = 1m, MaxTotalPositionNotional = 1m });
        f.Portfolio.SetPosition(Btc, 2m); // already far over every exposure limit
        Refused(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m), RiskChecks.PositionQuantity);
        Passes(f, f.Limit(OrderSide.Sell, 2m, 50_000m));
    }

    [Fact]
    public void Check_of_a_passing_limit_order_allocates_nothing()
    {
        var limits = PerInstrument(new() { MaxOrderQuantity = 10m, MaxOrderNotional = 100_000m, MaxPositionQuantity = 10m, MaxPositionNotional = 500_000m, MaxOpenOrders = 50, PriceBandBps = 500m })
            with { MaxTotalPositionNotional = 1_000_000m, MaxTotalOpenOrders = 200, MaxOrdersPerSecond = 50, MaxOrdersPerMinute = 1_000, MaxLeverage = 10m, DailyLossLimit = 5_000m };
        using var f = new RiskFixture(limits);
        f.Portfolio.SetPosition(Btc, 0.1m);
        f.Orders.Add("w-1", Btc, OrderSide.Buy, 0.05m);
        var order = f.Limit(OrderSide.Buy, 0.01m, 49_900m);
        Assert.True(f.Engine.Check(order).Approved);
        var bytes = FlowSight.TestKit.Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                _ = f.Engine.Check(order);
            }
        });
        Assert.Equal(0, bytes);
    }
}
