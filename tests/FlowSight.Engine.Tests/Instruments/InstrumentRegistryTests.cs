using FlowSight.Core;
using FlowSight.Engine.Instruments;
using Xunit;

namespace FlowSight.Engine.Tests.Instruments;

public sealed class InstrumentRegistryTests
{
    private static InstrumentRegistry WithAll()
    {
        var registry = new InstrumentRegistry();
        registry.RegisterAll(RecordedSpecs.BtcUsdtPerpetuals);
        registry.RegisterAll([RecordedSpecs.BinanceBtcUsdtSpot, RecordedSpecs.OkxBtcUsdtSpot, RecordedSpecs.GateBtcUsdtSpot, RecordedSpecs.OkxBtcUsdSwap, RecordedSpecs.GateEthUsdtPerp]);
        return registry;
    }

    [Fact]
    public void BTC_USDT_perpetual_on_all_venues_finds_the_three_venue_instruments()
    {
        var registry = WithAll();

        var ids = registry.InstrumentsOf("BTC/USDT-PERP").Select(id => id.Value).ToArray();

        Assert.Equal(["BTC-USDT-SWAP.OKX", "BTCUSDT-PERP.BINANCE", "BTC_USDT-PERP.GATEIO"], ids); // ordinal order of the ids
        Assert.Equal(CommonInstrumentKey.Parse("BTC/USDT-PERP"), registry.KeyOf(InstrumentId.Parse("BTC_USDT-PERP.GATEIO")));
        Assert.True(registry.TryFind(CommonInstrumentKey.Parse("BTC/USDT-PERP"), Venue.Okx, out var okx));
        Assert.Equal("BTC-USDT-SWAP.OKX", okx.Value);
    }

    [Fact]
    public void Spot_inverse_and_other_bases_are_other_keys()
    {
        var registry = WithAll();

        Assert.Equal(3, registry.InstrumentsOf("BTC/USDT").Count);
        Assert.Equal(["BTC-USD-SWAP.OKX"], registry.InstrumentsOf("BTC/USD-PERP:BTC").Select(i => i.Value));
        Assert.Equal(["ETH_USDT-PERP.GATEIO"], registry.InstrumentsOf("ETH/USDT-PERP").Select(i => i.Value));
        Assert.Empty(registry.InstrumentsOf("SOL/USDT-PERP"));
        Assert.False(registry.TryGet(InstrumentId.Parse("SOLUSDT-PERP.BINANCE"), out _));
        Assert.Throws<KeyNotFoundException>(() => registry.Get(InstrumentId.Parse("SOLUSDT-PERP.BINANCE")));
    }

    [Fact]
    public void Common_precisions_are_the_finest_the_venues_need()
    {
        var registry = WithAll();

        Assert.True(registry.TryGetCommon(CommonInstrumentKey.Parse("BTC/USDT-PERP"), out var perp));
        Assert.Equal(2, perp.PricePrecision); // Binance 0.01 beside OKX and Gate.io 0.1
        Assert.Equal(4, perp.SizePrecision);  // Gate.io 1 contract = 0.0001 BTC; Binance 0.001; OKX 0.01
        Assert.Equal("BTC", perp.SizeAsset);

        Assert.True(registry.TryGetCommon(CommonInstrumentKey.Parse("BTC/USDT"), out var spot));
        Assert.Equal((2, 8), (spot.PricePrecision, spot.SizePrecision)); // OKX spot lotSz 0.00000001

        Assert.True(registry.TryGetCommon(CommonInstrumentKey.Parse("BTC/USD-PERP:BTC"), out var inverse));
        Assert.Equal(("USD", 0), (inverse.SizeAsset, inverse.SizePrecision)); // 1 contract = 100 USD
    }

    [Fact]
    public void Contracts_convert_to_base_units_exactly_on_each_venue()
    {
        var registry = WithAll();

        Assert.Equal(Quantity.Parse("0.1234"), registry.ToCommonQuantity(RecordedSpecs.GateBtcUsdtPerp.Id, Quantity.Parse("1234")));
        Assert.Equal(Quantity.Parse("12.3400"), registry.ToCommonQuantity(RecordedSpecs.OkxBtcUsdtSwap.Id, Quantity.Parse("1234")));
        Assert.Equal(Quantity.Parse("1.2340"), registry.ToCommonQuantity(RecordedSpecs.BinanceBtcUsdtPerp.Id, Quantity.Parse("1.234")));
        Assert.Equal(4, registry.ToCommonQuantity(RecordedSpecs.OkxBtcUsdtSwap.Id, Quantity.Parse("1")).Precision);
        Assert.Equal(Quantity.Parse("1200"), registry.ToCommonQuantity(RecordedSpecs.OkxBtcUsdSwap.Id, Quantity.Parse("12"))); // USD
    }

    [Fact]
    public void Base_units_convert_back_to_whole_contracts_rounded_down_with_the_remainder()
    {
        var registry = WithAll();

        var okx = registry.ToVenueQuantity(RecordedSpecs.OkxBtcUsdtSwap.Id, Quantity.Parse("0.1299"));
        Assert.Equal(Quantity.Parse("12"), okx.Quantity);          // 12 × 0.01 = 0.12 BTC, never 13
        Assert.Equal(Quantity.Parse("0.0099"), okx.Unfilled);

        var gate = registry.ToVenueQuantity(RecordedSpecs.GateBtcUsdtPerp.Id, Quantity.Parse("0.12345"));
        Assert.Equal(Quantity.Parse("1234"), gate.Quantity);
        Assert.Equal(Quantity.Parse("0.00005"), gate.Unfilled);

        var binance = registry.ToVenueQuantity(RecordedSpecs.BinanceBtcUsdtPerp.Id, Quantity.Parse("0.0009"));
        Assert.Equal(Quantity.Zero(3), binance.Quantity);           // below one step: nothing, never one step
        Assert.Equal(Quantity.Parse("0.0009"), binance.Unfilled);

        var exact = registry.ToVenueQuantity(RecordedSpecs.OkxBtcUsdtSwap.Id, Quantity.Parse("3"));
        Assert.Equal((Quantity.Parse("300"), 0L), (exact.Quantity, exact.Unfilled.Raw));
    }

    [Fact]
    public void Prices_convert_to_the_common_precision_and_back_to_the_venue_tick()
    {
        var registry = WithAll();

        var common = registry.ToCommonPrice(RecordedSpecs.OkxBtcUsdtSwap.Id, Price.Parse("29123.4"));
        Assert.Equal((2912340L, (byte)2), (common.Raw, common.Precision));

        Assert.Equal(Price.Parse("29123.4"), registry.ToVenuePrice(RecordedSpecs.GateBtcUsdtPerp.Id, Price.Parse("29123.47"), RoundingMode.Down));
        Assert.Equal(Price.Parse("29123.5"), registry.ToVenuePrice(RecordedSpecs.GateBtcUsdtPerp.Id, Price.Parse("29123.47"), RoundingMode.Up));
        Assert.Equal(1, registry.ToVenuePrice(RecordedSpecs.GateBtcUsdtPerp.Id, Price.Parse("29123.47"), RoundingMode.Up).Precision);
        Assert.False(registry.TryToCommonPrice(RecordedSpecs.OkxBtcUsdtSwap.Id, Price.Parse("29123.405"), out _)); // finer than any venue
        Assert.Equal((2912340L, (byte)2), (registry.ToCommonPrice(RecordedSpecs.OkxBtcUsdtSwap.Id, Price.Parse("29123.400")) is var p ? (p.Raw, p.Precision) : default)); // extra zeros drop exactly
    }

    [Fact]
    public void Binance_1000SHIB_joins_SHIB_with_sizes_times_1000_and_prices_divided_by_1000()
    {
        var registry = new InstrumentRegistry();
        var entry = registry.Register(RecordedSpecs.Binance1000ShibUsdtPerp);

        Assert.Equal(CommonInstrumentKey.Parse("SHIB/USDT-PERP"), entry.Key);
        Assert.Equal(3, entry.UnitExponent);
        Assert.Equal(1000m, entry.SizeMultiplier);
        Assert.Equal(Quantity.Parse("5000"), registry.ToCommonQuantity(entry.Id, Quantity.Parse("5")));
        Assert.Equal(Price.Parse("0.000007123"), registry.ToCommonPrice(entry.Id, Price.Parse("0.007123")));
        Assert.Equal(Price.Parse("0.007123"), registry.ToVenuePrice(entry.Id, Price.Parse("0.000007123"), RoundingMode.Down));
        Assert.Equal(Quantity.Parse("2"), registry.ToVenueQuantity(entry.Id, Quantity.Parse("2999")).Quantity);
    }

    [Fact]
    public void A_price_that_would_need_more_than_9_decimals_is_refused_with_the_reason()
    {
        var registry = new InstrumentRegistry();
        var pepe = RecordedSpecs.Binance1000ShibUsdtPerp with
        {
            Id = InstrumentId.Of("1000PEPEUSDT-PERP", Venue.Binance),
            VenueSymbol = "1000PEPEUSDT",
            BaseAsset = "1000PEPE",
            TickSize = Price.Parse("0.0000001"),
        };

        var error = Assert.Throws<ArgumentException>(() => registry.Register(pepe));
        Assert.Contains("10 decimals", error.Message, StringComparison.Ordinal);
        Assert.Empty(registry.Instruments);

        // Gate.io's PEPE contract (10,000,000 PEPE each) converts without any decimals.
        var gate = registry.Register(RecordedSpecs.GatePepeUsdtPerpWithCoarseTick);
        Assert.Equal(Quantity.Parse("30000000"), registry.ToCommonQuantity(gate.Id, Quantity.Parse("3")));
    }

    [Fact]
    public void Asset_aliases_and_unit_prefixes_follow_the_options()
    {
        var xbt = RecordedSpecs.BinanceBtcUsdtPerp with { Id = InstrumentId.Of("XBTUSDT-PERP", Venue.Simulator), BaseAsset = "XBT" };
        Assert.Equal(CommonInstrumentKey.Parse("BTC/USDT-PERP"), new InstrumentRegistry().Register(xbt).Key);

        var raw = new InstrumentRegistry(new InstrumentRegistryOptions { ReadUnitPrefixes = false, AssetAliases = new Dictionary<string, string>() });
        Assert.Equal(CommonInstrumentKey.Parse("1000SHIB/USDT-PERP"), raw.Register(RecordedSpecs.Binance1000ShibUsdtPerp).Key);
        Assert.Equal(CommonInstrumentKey.Parse("XBT/USDT-PERP"), raw.Register(xbt).Key);

        // Names that start with 1 but are not units stay names.
        var inch = RecordedSpecs.BinanceBtcUsdtPerp with { Id = InstrumentId.Of("1INCHUSDT-PERP", Venue.Binance), BaseAsset = "1INCH" };
        Assert.Equal("1INCH", new InstrumentRegistry().Register(inch).Key.Base);
    }

    [Fact]
    public void Dated_futures_share_a_key_by_expiry_date()
    {
        var registry = new InstrumentRegistry();
        var okx = RecordedSpecs.OkxBtcUsdtSwap with
        {
            Id = InstrumentId.Of("BTC-USDT-220624", Venue.Okx),
            VenueSymbol = "BTC-USDT-220624",
            Kind = InstrumentKind.DatedFuture,
            Expiry = UnixNanos.FromMilliseconds(1656057600000), // expTime, 2022-06-24 08:00 UTC
        };
        var binance = RecordedSpecs.BinanceBtcUsdtPerp with
        {
            Id = InstrumentId.Of("BTCUSDT_220624", Venue.Binance),
            Kind = InstrumentKind.DatedFuture,
            Expiry = UnixNanos.FromMilliseconds(1656057600000),
        };

        Assert.Equal("BTC/USDT-20220624", registry.Register(okx).Key.Value);
        Assert.Equal(2, registry.Register(binance) is { } b ? registry.InstrumentsOf(b.Key).Count : 0);
    }

    [Fact]
    public void Re_registering_a_spec_replaces_it_and_moves_the_version()
    {
        var registry = WithAll();
        var version = registry.Version;

        registry.Register(RecordedSpecs.GateBtcUsdtPerp with { TickSize = Price.Parse("0.001") });

        Assert.True(registry.Version > version);
        Assert.Equal(3, registry.InstrumentsOf("BTC/USDT-PERP").Count);
        Assert.True(registry.TryGetCommon(CommonInstrumentKey.Parse("BTC/USDT-PERP"), out var perp));
        Assert.Equal(3, perp.PricePrecision);
    }

    [Fact]
    public void An_invalid_spec_is_refused_and_changes_nothing()
    {
        var registry = WithAll();
        var version = registry.Version;

        Assert.Throws<ArgumentException>(() => registry.Register(RecordedSpecs.OkxBtcUsdtSwap with { ContractMultiplier = 0m }));
        Assert.Throws<ArgumentException>(() => registry.Register(RecordedSpecs.OkxBtcUsdtSwap with { Id = InstrumentId.Of("X", Venue.Okx), BaseAsset = "USDT" }));
        Assert.Equal(version, registry.Version);
    }

    [Fact]
    public void Quantities_that_do_not_fit_64_bits_fail_instead_of_wrapping()
    {
        var registry = WithAll();
        var huge = Quantity.FromRaw(long.MaxValue / 10, 0);

        Assert.False(registry.TryToCommonQuantity(RecordedSpecs.BinanceBtcUsdtPerp.Id, huge, out _)); // × 10^4 for the common precision
        Assert.Throws<ArgumentException>(() => registry.ToCommonQuantity(RecordedSpecs.BinanceBtcUsdtPerp.Id, huge));
        Assert.True(registry.TryToCommonQuantity(RecordedSpecs.GateBtcUsdtPerp.Id, huge, out var gate)); // × 0.0001 at 4 decimals: the raw is unchanged
        Assert.Equal(huge.Raw, gate.Raw);
        Assert.Throws<OverflowException>(() => registry.ToVenueQuantity(RecordedSpecs.GateBtcUsdtPerp.Id, Quantity.FromRaw(long.MaxValue, 0))); // 9.2e22 contracts
    }
}
