using FlowSight.Core;
using FlowSight.Engine.Risk;
using Xunit;
using static FlowSight.Engine.Tests.Risk.RiskFixture;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>REDUCING lets only position-reducing orders through; cancels always pass.</summary>
public sealed class TradingStateTests
{
    private static RiskFixture Reducing()
    {
        var f = new RiskFixture();
        f.Engine.SetState(TradingState.Reducing, "closing for the day");
        return f;
    }

    [Fact]
    public void Reducing_passes_an_opposite_order_up_to_the_position()
    {
        using var f = Reducing();
        f.Portfolio.SetPosition(Btc, 0.5m);
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Sell, 0.5m, 50_000m)).Approved);
        var refused = f.Engine.Submit(f.Limit(OrderSide.Sell, 0.501m, 50_000m));
        Assert.Equal(RiskChecks.Reducing, refused.Check);
        Assert.Equal("trading is REDUCING (closing for the day): a sell of 0.501 does not reduce the 0.5 position in BTCUSDT-PERP.BINANCE (working sell orders: 0)", refused.Reason);
    }

    [Fact]
    public void Reducing_counts_working_reducing_orders_against_the_position()
    {
        using var f = Reducing();
        f.Portfolio.SetPosition(Btc, -0.5m);
        f.Orders.Add("w-1", Btc, OrderSide.Buy, 0.2m);
        Assert.True(f.Engine.Submit(f.Limit(OrderSide.Buy, 0.3m, 50_000m)).Approved);
        Assert.Equal(RiskChecks.Reducing, f.Engine.Submit(f.Limit(OrderSide.Buy, 0.301m, 50_000m)).Check);
    }

    [Fact]
    public void Reducing_refuses_orders_on_the_position_side_and_when_flat()
    {
        using var f = Reducing();
        f.Portfolio.SetPosition(Btc, 0.5m);
        Assert.Equal(RiskChecks.Reducing, f.Engine.Submit(f.Limit(OrderSide.Buy, 0.01m, 50_000m)).Check);
        Assert.Equal(RiskChecks.Reducing, f.Engine.Submit(f.Limit(OrderSide.Sell, 0.01m, 2_000m, Eth)).Check);
        Assert.Empty(f.Gateway.Submitted);
    }

    [Fact]
    public void Reducing_passes_reduce_only_orders_against_the_position()
    {
        using var f = Reducing();
        f.Portfolio.SetPosition(Btc, 0.5m);
        f.Orders.Add("w-1", Btc, OrderSide.Sell, 0.5m);
        var reduceOnly = f.Market(OrderSide.Sell, 0.5m) with { ReduceOnly = true };
        Assert.True(f.Engine.Submit(reduceOnly).Approved);
    }

    [Fact]
    public void Reducing_lets_cancels_through()
    {
        using var f = Reducing();
        Assert.True(f.Engine.Cancel(new CancelOrder { ClientOrderId = ClientOrderId.Parse("w-1"), Instrument = Btc }).Approved);
        Assert.True(f.Engine.CancelAll(default).Approved);
        Assert.Single(f.Gateway.Canceled);
        Assert.Single(f.Gateway.CanceledAll);
    }

    [Fact]
    public void State_changes_are_published_with_their_reason()
    {
        using var f = Reducing();
        f.Engine.SetState(TradingState.Active, "resume");
        Assert.Equal(
            [(TradingState.Active, TradingState.Reducing, "closing for the day"), (TradingState.Reducing, TradingState.Active, "resume")],
            f.StateChanges.Seen.Select(c => (c.Previous, c.Current, c.Reason)));
    }
}
