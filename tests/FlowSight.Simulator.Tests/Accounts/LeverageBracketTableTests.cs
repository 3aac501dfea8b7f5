using FlowSight.Core;
using FlowSight.Simulator.Accounts;
using Xunit;

namespace FlowSight.Simulator.Tests.Accounts;

public sealed class LeverageBracketTableTests
{
    [Fact]
    public void Binance_btcusdt_maintenance_amounts_match_the_published_cum_column()
    {
        var table = LeverageBracketTable.BinanceBtcUsdt();

        string[] published = ["0", "50", "1300", "16300", "266300", "1266300", "2516300", "5016300", "25016300", "100016300"];
        Assert.Equal(published.Select(p => Money.Parse(p)), table.Brackets.Select(b => b.MaintenanceAmount));
        Assert.Equal(125, table.MaxLeverage);
        Assert.Equal(Money.Parse("500000000"), table.MaxNotional);
    }

    [Fact]
    public void Maintenance_margin_is_continuous_across_every_bracket_boundary()
    {
        foreach (var table in new[] { LeverageBracketTable.BinanceBtcUsdt(), LeverageBracketTable.Generic(20), LeverageBracketTable.Generic(125), LeverageBracketTable.Generic(3) })
        {
            for (var i = 1; i < table.Brackets.Count; i++)
            {
                var below = table.Brackets[i - 1];
                var above = table.Brackets[i];
                var floor = above.NotionalFloor.ToDecimal();
                Assert.Equal(
                    (floor * below.MaintenanceMarginRate) - below.MaintenanceAmount.ToDecimal(),
                    (floor * above.MaintenanceMarginRate) - above.MaintenanceAmount.ToDecimal());
            }
        }
    }

    [Fact]
    public void A_notional_finds_its_tier_and_a_leverage_its_largest_position()
    {
        var table = LeverageBracketTable.BinanceBtcUsdt();

        Assert.Equal(1, table.Find(Money.Parse("49999.99")).Bracket);
        Assert.Equal(2, table.Find(Money.Parse("50000")).Bracket); // floors are inclusive
        Assert.Equal(10, table.Find(Money.Parse("900000000")).Bracket);
        Assert.Equal(Money.Parse("50000"), table.MaxNotionalAt(125));
        Assert.Equal(Money.Parse("250000"), table.MaxNotionalAt(100));
        Assert.Equal(Money.Parse("10000000"), table.MaxNotionalAt(20));
        Assert.Equal(Money.Parse("0"), table.MaxNotionalAt(126));
    }

    [Fact]
    public void The_generic_table_starts_at_the_instruments_leverage_with_half_its_initial_margin_rate()
    {
        var table = LeverageBracketTable.Generic(20);

        Assert.Equal(20, table.MaxLeverage);
        Assert.Equal(0.025m, table.Brackets[0].MaintenanceMarginRate);
        Assert.Equal([20, 10, 5, 4, 3, 2, 1], table.Brackets.Select(b => b.MaxLeverage));
        Assert.Equal(0.166667m, LeverageBracketTable.Generic(3).Brackets[0].MaintenanceMarginRate);
    }

    [Fact]
    public void Inconsistent_tiers_are_refused()
    {
        Assert.Throws<ArgumentException>(() => LeverageBracketTable.Create([(1000m, 10, 0.05m), (500m, 5, 0.1m)]));
        Assert.Throws<ArgumentException>(() => LeverageBracketTable.Create([(1000m, 10, 0.05m), (5000m, 20, 0.1m)]));
        Assert.Throws<ArgumentException>(() => LeverageBracketTable.Create([(1000m, 10, 0.05m), (5000m, 5, 0.01m)]));
    }
}
