using FlowSight.Core;
using FlowSight.Engine.Risk;
using Xunit;
using static FlowSight.Engine.Tests.Risk.RiskFixture;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>A replace is checked as a submit of its new values, in place of the order it changes.</summary>
public sealed class ReplaceCheckTests
{
    private static readonly ClientOrderId Working = ClientOrderId.Parse("w-1");

    [Fact]
    public void Replace_is_checked_like_a_submit_of_the_new_values()
    {
        using var f = new RiskFixture(new RiskLimits { Defaults = new() { MaxOrderNotional = 10_000m, PriceBandBps = 100m } });
        f.Orders.Add("w-1", Btc, OrderSide.Buy, 0.1m);

        var ok = new ReplaceOrder { ClientOrderId = Working, Instrument = Btc, Quantity = Quantity.FromDecimal(0.2m, 3), Price = Price.FromDecimal(50_000m, 1) };
        Assert.True(f.Engine.Replace(ok).Approved);
        Assert.Equal([ok], f.Gateway.Replaced);

        var tooBig = ok with { Price = Price.FromDecimal(50_000.1m, 1) };
        var refused = f.Engine.Replace(tooBig);
        Assert.Equal(RiskChecks.MaxNotional, refused.Check);
        var denied = f.Denied.Seen[^1];
        Assert.Equal((TradingCommandKind.Replace, Working, RiskChecks.MaxNotional), (denied.Command, denied.ClientOrderId, denied.Check));

        Assert.Equal(RiskChecks.TickSize, f.Engine.Replace(ok with { Price = Price.FromDecimal(50_000.05m, 2) }).Check);
        Assert.Equal(RiskChecks.PriceBand, f.Engine.Replace(ok with { Quantity = null, Price = Price.FromDecimal(50_500.1m, 1) }).Check);
        Assert.Single(f.Gateway.Replaced);
    }

    [Fact]
    public void Replace_takes_the_place_of_the_order_in_position_and_open_order_limits()
    {
        using var f = new RiskFixture(new RiskLimits { Defaults = new() { MaxPositionQuantity = 0.5m, MaxOpenOrders = 1 } });
        f.Orders.Add("w-1", Btc, OrderSide.Buy, 0.4m);
        Assert.True(f.Engine.Replace(new ReplaceOrder { ClientOrderId = Working, Instrument = Btc, Quantity = Quantity.FromDecimal(0.5m, 3) }).Approved);
        Assert.Equal(RiskChecks.PositionQuantity, f.Engine.Replace(new ReplaceOrder { ClientOrderId = Working, Instrument = Btc, Quantity = Quantity.FromDecimal(0.501m, 3) }).Check);
    }

    [Fact]
    public void Replace_of_an_order_that_is_not_working_is_refused()
    {
        using var f = new RiskFixture();
        var refused = f.Engine.Replace(new ReplaceOrder { ClientOrderId = ClientOrderId.Parse("gone"), Instrument = Btc, Price = Price.FromDecimal(50_000m, 1) });
        Assert.Equal(RiskChecks.OrderNotOpen, refused.Check);
        Assert.Equal("order gone is not working on BTCUSDT-PERP.BINANCE: nothing to replace", refused.Reason);
    }

    [Fact]
    public void Reducing_passes_a_replace_that_still_reduces()
    {
        using var f = new RiskFixture();
        f.Portfolio.SetPosition(Btc, 0.5m);
        f.Orders.Add("w-1", Btc, OrderSide.Sell, 0.2m);
        f.Engine.SetState(TradingState.Reducing, "closing");
        Assert.True(f.Engine.Replace(new ReplaceOrder { ClientOrderId = Working, Instrument = Btc, Quantity = Quantity.FromDecimal(0.5m, 3) }).Approved);
        Assert.Equal(RiskChecks.Reducing, f.Engine.Replace(new ReplaceOrder { ClientOrderId = Working, Instrument = Btc, Quantity = Quantity.FromDecimal(0.501m, 3) }).Check);
    }
}
