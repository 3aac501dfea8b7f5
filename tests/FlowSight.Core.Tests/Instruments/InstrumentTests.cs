using FlowSight.Core;
using Xunit;

namespace FlowSight.Core.Tests.Instruments;

public sealed class InstrumentTests
{
    private static Instrument BtcPerp() => new()
    {
        Id = InstrumentId.Parse("BTCUSDT-PERP.BINANCE"),
        VenueSymbol = "BTCUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse("0.10"),
        StepSize = Quantity.Parse("0.001"),
        MinQuantity = Quantity.Parse("0.001"),
        MaxQuantity = Quantity.Parse("1000"),
        MinNotional = Money.Parse("100"),
        MaxLeverage = 125m,
        MakerFee = 0.0002m,
        TakerFee = 0.0005m,
    };

    [Fact]
    public void Precision_comes_from_the_significant_decimals_of_tick_and_step()
    {
        var spec = BtcPerp() with { TickSize = Price.Parse("0.10000000"), StepSize = Quantity.Parse("0.00100000") };

        Assert.Equal(1, spec.PricePrecision);
        Assert.Equal(3, spec.SizePrecision);
        Assert.Empty(spec.Validate());
    }

    [Fact]
    public void Validation_lists_every_problem()
    {
        var bad = BtcPerp() with
        {
            Kind = InstrumentKind.Spot,
            TickSize = Price.Zero(2),
            ContractMultiplier = 0m,
            MaxQuantity = Quantity.Parse("0.0001"),
        };

        var errors = bad.Validate();

        Assert.Contains(errors, e => e.Contains("TickSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ContractMultiplier", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MaxQuantity", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("spot", StringComparison.OrdinalIgnoreCase));
        var ex = Assert.Throws<ArgumentException>(() => bad.EnsureValid());
        Assert.Contains("BTCUSDT-PERP.BINANCE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dated_futures_need_an_expiry()
    {
        var future = BtcPerp() with { Kind = InstrumentKind.DatedFuture };
        Assert.Contains(future.Validate(), e => e.Contains("Expiry", StringComparison.Ordinal));
        Assert.Empty((future with { Expiry = UnixNanos.FromMilliseconds(1_735_286_400_000) }).Validate());
    }
}
