using FlowSight.Core;
using FlowSight.Engine.Portfolio;
using Xunit;
using static FlowSight.Engine.Tests.Portfolio.PortfolioFixture;

namespace FlowSight.Engine.Tests.Portfolio;

/// <summary>Equity, its sampled curve and the day's PnL across a UTC midnight.</summary>
public sealed class EquityAndDailyPnlTests
{
    private static readonly DateTimeOffset LateEvening = new(2026, 11, 24, 23, 0, 0, TimeSpan.Zero);

    private readonly PortfolioFixture _f = new(LateEvening, new PortfolioOptions { EquitySampleInterval = TimeSpan.FromHours(1) });

    [Fact]
    public void Daily_pnl_counts_fees_and_mark_moves_and_restarts_from_the_unrealised_pnl_at_utc_midnight()
    {
        _f.Balance("USDT", 1_000m);
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m, fee: 3m);
        _f.Mark(Btc, 60_100m);
        Assert.Equal(1_007m, _f.Portfolio.Equity); // 997 + 10
        Assert.Equal(7m, _f.Portfolio.DailyPnl); // −3 + 10

        _f.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(7m, _f.Portfolio.DailyPnl);

        _f.Time.Advance(TimeSpan.FromHours(1)); // 00:30 the next day
        Assert.Equal(0m, _f.Portfolio.DailyPnl);
        _f.Mark(Btc, 60_200m);
        Assert.Equal(10m, _f.Portfolio.DailyPnl); // unrealised 20 against 10 at midnight
        Assert.Equal(1_017m, _f.Portfolio.Equity);

        _f.Fill(Btc, OrderSide.Sell, 0.1m, 60_300m, fee: 3m);

        Assert.Equal(17m, _f.Portfolio.DailyPnl); // 60,100 → 60,300 on 0.1, less the 3 fee
        Assert.Equal(1_024m, _f.Portfolio.Equity);
    }

    [Fact]
    public void Equity_is_sampled_at_most_once_per_interval_into_the_curve()
    {
        _f.Balance("USDT", 1_000m);
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m, fee: 3m);
        _f.Time.Advance(TimeSpan.FromMinutes(59));
        _f.Mark(Btc, 60_100m);
        _f.Time.Advance(TimeSpan.FromMinutes(2));
        _f.Mark(Btc, 60_200m);
        _f.Mark(Btc, 60_300m);

        var curve = _f.Portfolio.EquityCurve.ToArray();

        Assert.Equal(2, curve.Length);
        Assert.Equal(new EquityPoint(NanosOf(LateEvening), 1_000m), curve[0]);
        Assert.Equal(new EquityPoint(NanosOf(LateEvening.AddMinutes(61)), 1_017m), curve[1]);
    }

    [Fact]
    public void The_equity_curve_keeps_only_the_newest_samples_once_full()
    {
        var curve = new EquityCurve(2);

        curve.Add(new EquityPoint(1, 10m));
        curve.Add(new EquityPoint(2, 20m));
        curve.Add(new EquityPoint(3, 30m));

        Assert.Equal(2, curve.Count);
        Assert.Equal([new EquityPoint(2, 20m), new EquityPoint(3, 30m)], curve.ToArray());
    }

    private static long NanosOf(DateTimeOffset time) => (time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
}
