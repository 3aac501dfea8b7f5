using FlowSight.Core;
using FlowSight.Engine.Risk;
using Xunit;
using static FlowSight.Engine.Tests.Risk.RiskFixture;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>Each check passes an order exactly at its limit and refuses one tick or step beyond, with its reason.</summary>
public sealed class RiskCheckBoundaryTests
{
    private static void Passes(RiskFixture f, SubmitOrder order)
    {
        var decision = f.Engine.Submit(order);
        Assert.True(decision.Approved, decision.ToString());
        Assert.Contains(order, f.Gateway.Submitted);
    }

    private static string Refused(RiskFixture f, SubmitOrder order, string check)
    {
        var submittedBefore = f.Gateway.Submitted.Count;
        var decision = f.Engine.Submit(order);
        Assert.False(decision.Approved);
        Assert.Equal(check, decision.Check);
        Assert.Equal(submittedBefore, f.Gateway.Submitted.Count);
        var denied = f.Denied.Seen[^1];
        Assert.Equal((TradingCommandKind.Submit, order.ClientOrderId, order.Instrument, check, decision.Reason),
            (denied.Command, denied.ClientOrderId, denied.Instrument, denied.Check, (string?)denied.Reason));
        return decision.Reason!;
    }

    [Fact]
    public void Unknown_instrument_is_refused()
    {
        using var f = new RiskFixture();
        var reason = Refused(f, f.Limit(OrderSide.Buy, 1m, 100m, InstrumentId.Parse("SOLUSDT-PERP.BINANCE")), RiskChecks.UnknownInstrument);
        Assert.Contains("SOLUSDT-PERP.BINANCE", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Price_off_the_tick_is_refused()
    {
        using var f = new RiskFixture();
        Passes(f, f.Limit(OrderSide.Buy, 0.01m, 50_000.1m));
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.01m, 50_000.05m), RiskChecks.TickSize);
        Assert.Equal("price 50000.05 is not a multiple of the 0.1 tick size of BTCUSDT-PERP.BINANCE", reason);
    }

    [Fact]
    public void Quantity_off_the_step_is_refused()
    {
        using var f = new RiskFixture();
        Passes(f, f.Limit(OrderSide.Buy, 0.011m, 50_000m));
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.0115m, 50_000m), RiskChecks.StepSize);
        Assert.Equal("quantity 0.0115 is not a multiple of the 0.001 step size of BTCUSDT-PERP.BINANCE", reason);
    }

    [Fact]
    public void Quantity_below_the_minimum_is_refused()
    {
        using var f = new RiskFixture();
        Passes(f, f.Limit(OrderSide.Buy, 0.002m, 60_000m));
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.001m, 60_000m), RiskChecks.MinQuantity);
        Assert.Equal("quantity 0.0010 is below the 0.002 minimum quantity of BTCUSDT-PERP.BINANCE", reason);
    }

    [Fact]
    public void Quantity_above_the_venue_maximum_is_refused()
    {
        using var f = new RiskFixture();
        var reason = Refused(f, f.Limit(OrderSide.Buy, 1000.001m, 50_000m), RiskChecks.VenueMaxQuantity);
        Assert.Contains("1000.000 maximum", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Notional_below_the_minimum_is_refused_one_tick_under()
    {
        using var f = new RiskFixture();
        Passes(f, f.Limit(OrderSide.Buy, 0.002m, 50_000m)); // 100.00 USDT
        var reason = Refused(f, f.Limit(OrderSide.Buy, 0.002m, 49_999.9m), RiskChecks.MinNotional);
        Assert.Equal("order notional 99.9998 USDT is below the 100 USDT minimum notional of BTCUSDT-PERP.BINANCE", reason);
    }

    [Fact]
    public void Market_order_notional_is_taken_at_the_mark_price()
    {
        using var f = new RiskFixture();
        Passes(f, f.Market(OrderSide.Buy, 0.002m));
        f.Portfolio.SetMark(Btc, 49_999.9m);
        Refused(f, f.Market(OrderSide.Buy, 0.002m), RiskChecks.MinNotional);
    }

    [Fact]
    public void Market_order_without_a_mark_price_is_refused_unless_allowed()
    {
        using var f = new RiskFixture();
        f.Portfolio.ClearMark(Btc);
        var reason = Refused(f, f.Market(OrderSide.Buy, 0.002m), RiskChecks.NoMarkPrice);
        Assert.Equal("no mark price for BTCUSDT-PERP.BINANCE yet: the Market order's value cannot be checked", reason);

        using var allow = new RiskFixture(new RiskLimits { RefuseWithoutMarkPrice = false });
        allow.Portfolio.ClearMark(Btc);
        Passes(allow, allow.Market(OrderSide.Buy, 0.002m));
    }

    [Fact]
    public void Malformed_orders_are_refused_as_invalid()
    {
        using var f = new RiskFixture(new RiskLimits { Defaults = new() { MaxOrderNotional = 1_000m } });
        var zeroPrice = f.Limit(OrderSide.Buy, 0.01m, 0m);
        Assert.Equal("prices must be positive (price 0.00, trigger none, BTCUSDT-PERP.BINANCE)", Refused(f, zeroPrice, RiskChecks.InvalidOrder));
        Refused(f, f.Limit(OrderSide.Buy, 0m, 50_000m), RiskChecks.InvalidOrder);
        Refused(f, f.Limit(OrderSide.Buy, 0.01m, 50_000m) with { Price = null }, RiskChecks.InvalidOrder);
        Refused(f, f.Market(OrderSide.Sell, 0.01m) with { Type = OrderType.StopMarket }, RiskChecks.InvalidOrder);
    }
}
