using FlowSight.Core;
using FlowSight.TestKit;
using Xunit;
using static FlowSight.Engine.Tests.Portfolio.PortfolioFixture;

namespace FlowSight.Engine.Tests.Portfolio;

/// <summary>The per-event paths allocate nothing once their assets and legs exist.</summary>
public sealed class PortfolioAllocationTests
{
    [Fact]
    public void Fills_marks_trades_and_the_views_the_risk_engine_reads_allocate_nothing()
    {
        var f = new PortfolioFixture();
        f.Balance("USDT", 1_000_000m);
        var buy = FillOf(Btc, OrderSide.Buy, 0.01m, 60_000m, fee: 0.3m);
        var sell = FillOf(Btc, OrderSide.Sell, 0.02m, 60_100m, fee: 0.6m);
        var spot = FillOf(BtcSpot, OrderSide.Buy, 0.001m, 60_000m, fee: 0.000001m, feeAsset: "BTC");
        var mark = new MarkPrice(Btc, Price.FromDecimal(60_050m, 1), Price.FromDecimal(60_050m, 1), default, 0.0001m, 0, 1, 1);
        var trade = Price.FromDecimal(60_010m, 2);
        var sink = 0m;

        var bytes = Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                f.Portfolio.OnFill(buy);
                f.Portfolio.OnFill(sell);
                f.Portfolio.OnFill(spot);
                f.Portfolio.OnMarkPrice(mark);
                f.Portfolio.OnLastPrice(BtcSpot, trade);
                sink += f.Portfolio.NetPosition(Btc) + f.Portfolio.PositionNotional(Btc) + f.Portfolio.TotalPositionNotional
                    + f.Portfolio.Equity + f.Portfolio.DailyPnl + (f.Portfolio.MarkPrice(Btc) ?? 0m);
            }
        });

        Assert.Equal(0, bytes);
        Assert.NotEqual(0m, sink);
    }
}
