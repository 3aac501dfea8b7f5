using FlowSight.Core;
using FlowSight.Engine.Sizing;
using Xunit;

namespace FlowSight.Engine.Tests.Sizing;

/// <summary>Every sizer: the amount, rounding down to the step, and zero with a reason below the venue's minimums.</summary>
public sealed class SizerTests
{
    private static readonly Instrument Btc = new()
    {
        Id = InstrumentId.Parse("BTCUSDT-PERP.BINANCE"),
        VenueSymbol = "BTCUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.FromDecimal(0.1m, 1),
        StepSize = Quantity.FromDecimal(0.001m, 3),
        MinQuantity = Quantity.FromDecimal(0.001m, 3),
        MaxQuantity = Quantity.FromDecimal(100m, 3),
        MinNotional = Money.FromDecimal(100m, 2),
        MaxLeverage = 125m,
    };

    private static readonly Instrument OkxSwap = new()
    {
        Id = InstrumentId.Parse("BTC-USDT-SWAP.OKX"),
        VenueSymbol = "BTC-USDT-SWAP",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.FromDecimal(0.1m, 1),
        StepSize = Quantity.FromDecimal(0.01m, 2),
        MinQuantity = Quantity.FromDecimal(0.01m, 2),
        ContractMultiplier = 0.01m,
        MaxLeverage = 100m,
    };

    [Fact]
    public void Fixed_quantity_rounds_down_to_the_step_size()
    {
        var result = new FixedQuantitySizer(0.0129m).Size(Request(Btc, 60_000m));

        Assert.Equal(Quantity.FromDecimal(0.012m, 3), result.Quantity);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void A_quantity_that_rounds_below_the_minimum_is_zero_with_the_reason()
    {
        var result = new FixedQuantitySizer(0.0009m).Size(Request(Btc, 60_000m));

        Assert.True(result.IsZero);
        Assert.Contains("0.0009 rounds down to 0", result.Reason, StringComparison.Ordinal);
        Assert.Contains("minimum quantity 0.001", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_notional_divides_by_the_price_and_rounds_down()
    {
        var result = new FixedNotionalSizer(1_000m).Size(Request(Btc, 60_000m));

        Assert.Equal(Quantity.FromDecimal(0.016m, 3), result.Quantity); // 0.01666…
    }

    [Fact]
    public void A_notional_below_the_minimum_notional_is_zero_with_the_reason()
    {
        var result = new FixedNotionalSizer(110m).Size(Request(Btc, 60_000m)); // 0.00183 → 0.001 → 60 USDT

        Assert.True(result.IsZero);
        Assert.Contains("0.001 × 60000 = 60 is below the minimum notional 100", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Contracts_are_sized_through_the_multiplier()
    {
        var result = new FixedNotionalSizer(1_000m).Size(Request(OkxSwap, 60_000m));

        Assert.Equal(Quantity.FromDecimal(1.66m, 2), result.Quantity); // 1,000 / (60,000 × 0.01) = 1.666…
    }

    [Fact]
    public void The_max_quantity_caps_the_size()
    {
        var result = new FixedQuantitySizer(250m).Size(Request(Btc, 60_000m));

        Assert.Equal(Quantity.FromDecimal(100m, 3), result.Quantity);
    }

    [Fact]
    public void Percent_of_equity_sizes_a_fraction_of_equity_times_leverage()
    {
        Assert.Equal(Quantity.FromDecimal(0.016m, 3), new PercentOfEquitySizer(0.10m).Size(Request(Btc, 60_000m, equity: 10_000m)).Quantity);
        Assert.Equal(Quantity.FromDecimal(0.05m, 3), new PercentOfEquitySizer(0.10m, leverage: 3m).Size(Request(Btc, 60_000m, equity: 10_000m)).Quantity);
    }

    [Fact]
    public void Percent_of_equity_with_no_equity_is_zero_with_the_reason()
    {
        var result = new PercentOfEquitySizer(0.10m).Size(Request(Btc, 60_000m, equity: -5m));

        Assert.True(result.IsZero);
        Assert.Contains("equity -5 is not positive", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Kelly_uses_the_fractional_kelly_of_the_edge()
    {
        var sizer = new KellySizer(winRate: 0.55m, winLossRatio: 1.5m, kellyFactor: 0.5m, maxFraction: 0.25m);

        Assert.Equal(0.25m, sizer.FullKelly); // 0.55 − 0.45 / 1.5
        Assert.Equal(0.125m, sizer.Fraction);
        Assert.Equal(Quantity.FromDecimal(0.025m, 3), sizer.Size(Request(Btc, 50_000m, equity: 10_000m)).Quantity); // 1,250 / 50,000
    }

    [Fact]
    public void Kelly_is_capped()
    {
        var sizer = new KellySizer(winRate: 0.7m, winLossRatio: 2m, kellyFactor: 1m, maxFraction: 0.2m);

        Assert.Equal(0.55m, sizer.FullKelly);
        Assert.Equal(0.2m, sizer.Fraction);
        Assert.Equal(Quantity.FromDecimal(0.04m, 3), sizer.Size(Request(Btc, 50_000m, equity: 10_000m)).Quantity);
    }

    [Fact]
    public void Kelly_with_a_negative_edge_trades_nothing_and_says_why()
    {
        var sizer = new KellySizer(winRate: 0.4m, winLossRatio: 1m);

        var result = sizer.Size(Request(Btc, 50_000m, equity: 10_000m));

        Assert.Equal(0m, sizer.Fraction);
        Assert.True(result.IsZero);
        Assert.Contains("no edge: win rate 0.4 and win/loss 1 give Kelly f* = -0.2", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Volatility_targeting_scales_equity_by_target_over_realised_volatility()
    {
        var sizer = new VolatilityTargetSizer(targetVolatility: 0.2m, maxLeverage: 1m);

        Assert.Equal(Quantity.FromDecimal(0.05m, 3), sizer.Size(Request(Btc, 50_000m, equity: 10_000m, volatility: 0.8m)).Quantity); // 2,500 / 50,000
        Assert.Equal(Quantity.FromDecimal(0.2m, 3), sizer.Size(Request(Btc, 50_000m, equity: 10_000m, volatility: 0.1m)).Quantity); // 2× capped at 1×
    }

    [Fact]
    public void Volatility_targeting_without_a_volatility_is_zero_with_the_reason()
    {
        var result = new VolatilityTargetSizer(0.2m).Size(Request(Btc, 50_000m, equity: 10_000m));

        Assert.True(result.IsZero);
        Assert.Contains("needs a positive realised volatility, got none", result.Reason, StringComparison.Ordinal);
    }

    private static SizingRequest Request(Instrument instrument, decimal price, decimal equity = 0m, decimal? volatility = null) =>
        new() { Instrument = instrument, Price = price, Equity = equity, RealizedVolatility = volatility };

    [Fact]
    public void Percent_of_equity_sizes_on_the_equity_of_the_account_that_trades_the_instrument()
    {
        var portfolio = new FlowSight.Engine.Portfolio.Portfolio();
        portfolio.AddInstrument(Btc);
        portfolio.AssignAccount(Btc.Id, "usdm");
        portfolio.OnBalanceReport(new BalanceReport { Venue = Btc.Id.Venue, Account = "usdm", Asset = "USDT", Total = 10_000m, Free = 10_000m, IsSnapshot = true });
        portfolio.OnBalanceReport(new BalanceReport { Venue = Btc.Id.Venue, Account = "spot", Asset = "USDT", Total = 90_000m, Free = 90_000m, IsSnapshot = true });

        var request = SizingRequest.ForAccount(portfolio, Btc, 60_000m);

        Assert.Equal((10_000m, 100_000m), (request.Equity, portfolio.Equity));
        Assert.Equal(Quantity.FromDecimal(0.016m, 3), new PercentOfEquitySizer(0.10m).Size(request).Quantity);
    }
}
