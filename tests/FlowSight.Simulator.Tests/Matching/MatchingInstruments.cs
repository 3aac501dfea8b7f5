using FlowSight.Core;

namespace FlowSight.Simulator.Tests.Matching;

/// <summary>Instruments with Binance USDⓈ-M BTCUSDT's filters (tick 0.10, step 0.001, min notional 100 USDT).</summary>
internal static class MatchingInstruments
{
    public static Instrument BtcUsdtPerp { get; } = new()
    {
        Id = InstrumentId.Of("BTCUSDT-PERP", Venue.Simulator),
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

    /// <summary>Whole-unit prices and quantities and no minimum notional: small numbers for property tests.</summary>
    public static Instrument Simple { get; } = new()
    {
        Id = InstrumentId.Of("TESTUSDT-PERP", Venue.Simulator),
        VenueSymbol = "TESTUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "TEST",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse("1"),
        StepSize = Quantity.Parse("1"),
        MinQuantity = Quantity.Parse("1"),
        MaxLeverage = 20m,
    };
}
