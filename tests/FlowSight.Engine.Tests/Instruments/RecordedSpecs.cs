using FlowSight.Core;

namespace FlowSight.Engine.Tests.Instruments;

/// <summary>
/// Instrument specs built by hand from the recorded venue files (Engine tests may not reference the venue parsers):
/// Binance USDⓈ-M exchangeInfo of 2021-07-22, OKX SWAP instruments of 2022-05-13, Gate.io USDT contracts of 2023-05-24.
/// <see cref="RecordedSpecsTests"/> checks every number here against those files.
/// </summary>
internal static class RecordedSpecs
{
    public const string BinanceExchangeInfo = "binance/futures/rest/exchangeInfo_fapi_20210722.json";
    public const string OkxSwapInstruments = "okx/rest/public_instruments_SWAP_20220513.json";
    public const string GateFuturesContracts = "recordings/cryptofeed/GATEIO_FUTURES.0";

    /// <summary>BTCUSDT perpetual: tick 0.01, step 0.001 BTC, multiplier 1.</summary>
    public static Instrument BinanceBtcUsdtPerp { get; } = new()
    {
        Id = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance),
        VenueSymbol = "BTCUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse("0.01"),
        StepSize = Quantity.Parse("0.001"),
        MinQuantity = Quantity.Parse("0.001"),
        MaxQuantity = Quantity.Parse("1000"),
        MaxLeverage = 125m,
    };

    /// <summary>1000SHIBUSDT perpetual: base asset "1000SHIB", tick 0.000001, step 1.</summary>
    public static Instrument Binance1000ShibUsdtPerp { get; } = new()
    {
        Id = InstrumentId.Of("1000SHIBUSDT-PERP", Venue.Binance),
        VenueSymbol = "1000SHIBUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "1000SHIB",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse("0.000001"),
        StepSize = Quantity.Parse("1"),
        MinQuantity = Quantity.Parse("1"),
    };

    /// <summary>OKX BTC-USDT-SWAP: linear, ctVal 0.01 BTC, tickSz 0.1, lotSz 1 contract.</summary>
    public static Instrument OkxBtcUsdtSwap { get; } = new()
    {
        Id = InstrumentId.Of("BTC-USDT-SWAP", Venue.Okx),
        VenueSymbol = "BTC-USDT-SWAP",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse("0.1"),
        StepSize = Quantity.Parse("1"),
        MinQuantity = Quantity.Parse("1"),
        ContractMultiplier = 0.01m,
        MaxLeverage = 125m,
    };

    /// <summary>OKX BTC-USD-SWAP: inverse, ctVal 100 USD, settled in BTC, tickSz 0.1, lotSz 1.</summary>
    public static Instrument OkxBtcUsdSwap { get; } = new()
    {
        Id = InstrumentId.Of("BTC-USD-SWAP", Venue.Okx),
        VenueSymbol = "BTC-USD-SWAP",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USD",
        SettleAsset = "BTC",
        IsInverse = true,
        TickSize = Price.Parse("0.1"),
        StepSize = Quantity.Parse("1"),
        MinQuantity = Quantity.Parse("1"),
        ContractMultiplier = 100m,
        MaxLeverage = 125m,
    };

    /// <summary>Gate.io BTC_USDT USDT perpetual: quanto_multiplier 0.0001 BTC, order_price_round 0.1, size 1 contract.</summary>
    public static Instrument GateBtcUsdtPerp { get; } = new()
    {
        Id = InstrumentId.Of("BTC_USDT-PERP", Venue.GateIo),
        VenueSymbol = "BTC_USDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse("0.1"),
        StepSize = Quantity.Parse("1"),
        MinQuantity = Quantity.Parse("1"),
        ContractMultiplier = 0.0001m,
        MaxLeverage = 100m,
    };

    /// <summary>Gate.io ETH_USDT perpetual: quanto_multiplier 0.01 ETH, order_price_round 0.05.</summary>
    public static Instrument GateEthUsdtPerp { get; } = new()
    {
        Id = InstrumentId.Of("ETH_USDT-PERP", Venue.GateIo),
        VenueSymbol = "ETH_USDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "ETH",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse("0.05"),
        StepSize = Quantity.Parse("1"),
        MinQuantity = Quantity.Parse("1"),
        ContractMultiplier = 0.01m,
    };

    /// <summary>Gate.io PEPE_USDT perpetual: quanto_multiplier 10000000 PEPE per contract; its price tick (1e-11) needs more than 9 decimals.</summary>
    public static Instrument GatePepeUsdtPerpWithCoarseTick { get; } = new()
    {
        Id = InstrumentId.Of("PEPE_USDT-PERP", Venue.GateIo),
        VenueSymbol = "PEPE_USDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "PEPE",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse("0.000000001"), // the venue's 0.00000000001 does not fit a Price
        StepSize = Quantity.Parse("1"),
        MinQuantity = Quantity.Parse("1"),
        ContractMultiplier = 10_000_000m,
    };

    /// <summary>Spot BTC/USDT on each venue (Binance tick 0.01 step 0.00001; OKX 0.1 / 0.00000001; Gate.io 0.01 / 0.0001).</summary>
    public static Instrument BinanceBtcUsdtSpot { get; } = Spot("BTCUSDT", Venue.Binance, "0.01", "0.00001");

    public static Instrument OkxBtcUsdtSpot { get; } = Spot("BTC-USDT", Venue.Okx, "0.1", "0.00000001");

    public static Instrument GateBtcUsdtSpot { get; } = Spot("BTC_USDT", Venue.GateIo, "0.01", "0.0001");

    /// <summary>The three BTC/USDT perpetuals.</summary>
    public static Instrument[] BtcUsdtPerpetuals { get; } = [BinanceBtcUsdtPerp, OkxBtcUsdtSwap, GateBtcUsdtPerp];

    private static Instrument Spot(string symbol, Venue venue, string tick, string step) => new()
    {
        Id = InstrumentId.Of(symbol, venue),
        VenueSymbol = symbol,
        Kind = InstrumentKind.Spot,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse(tick),
        StepSize = Quantity.Parse(step),
        MinQuantity = Quantity.Parse(step),
    };
}
