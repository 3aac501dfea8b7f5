using FlowSight.Core;

namespace FlowSight.PaperVenue.Hosting;

/// <summary>
/// The instruments each paper venue can list, with the real venue's filters and fees (Binance's BTCUSDT/ETHUSDT
/// futures and spot filters, OKX's swap tick, lot and contract value), and the price the synthetic market starts at.
/// </summary>
public static class PaperInstruments
{
    private static readonly Dictionary<string, decimal> StartPrices = new(StringComparer.Ordinal)
    {
        ["BTC"] = 60_000m,
        ["ETH"] = 3_000m,
        ["SOL"] = 150m,
    };

    /// <summary>The symbols listed when none are asked for.</summary>
    public static IReadOnlyList<string> DefaultSymbols(PaperVenueKind venue) => venue switch
    {
        PaperVenueKind.Okx => ["BTC-USDT-SWAP", "ETH-USDT-SWAP"],
        _ => ["BTCUSDT", "ETHUSDT"],
    };

    /// <summary>Every symbol <paramref name="venue"/> can list.</summary>
    public static IReadOnlyList<string> Supported(PaperVenueKind venue) => venue switch
    {
        PaperVenueKind.Okx => ["BTC-USDT-SWAP", "ETH-USDT-SWAP", "SOL-USDT-SWAP"],
        _ => ["BTCUSDT", "ETHUSDT", "SOLUSDT"],
    };

    /// <summary>The instruments for <paramref name="symbols"/> (case-insensitive; empty: the defaults).</summary>
    /// <exception cref="ArgumentException">A symbol this venue does not list, naming the ones it does.</exception>
    public static IReadOnlyList<Instrument> For(PaperVenueKind venue, IReadOnlyList<string> symbols)
    {
        var wanted = symbols.Count == 0 ? DefaultSymbols(venue) : symbols;
        var result = new List<Instrument>(wanted.Count);
        foreach (var raw in wanted)
        {
            var symbol = raw.Trim().ToUpperInvariant();
            var instrument = Create(venue, symbol) ?? throw new ArgumentException(
                $"The {venue} paper venue does not list {raw}; it lists {string.Join(", ", Supported(venue))}.", nameof(symbols));
            if (result.Exists(i => i.Id == instrument.Id))
            {
                continue;
            }

            result.Add(instrument.EnsureValid());
        }

        return result;
    }

    /// <summary>Where the synthetic market of <paramref name="instrument"/> starts.</summary>
    public static Price StartPrice(Instrument instrument) =>
        Price.FromDecimal(StartPrices.GetValueOrDefault(instrument.BaseAsset, 100m), instrument.PricePrecision);

    private static Instrument? Create(PaperVenueKind venue, string symbol) => venue switch
    {
        PaperVenueKind.BinanceUsdm => symbol switch
        {
            "BTCUSDT" => BinancePerp("BTC", "0.1", "0.001", "1000", "100", 125m),
            "ETHUSDT" => BinancePerp("ETH", "0.01", "0.001", "10000", "20", 100m),
            "SOLUSDT" => BinancePerp("SOL", "0.01", "1", "1000000", "5", 75m),
            _ => null,
        },
        PaperVenueKind.BinanceSpot => symbol switch
        {
            "BTCUSDT" => BinanceSpot("BTC", "0.01", "0.00001", "9000", "5"),
            "ETHUSDT" => BinanceSpot("ETH", "0.01", "0.0001", "9000", "5"),
            "SOLUSDT" => BinanceSpot("SOL", "0.01", "0.001", "90000", "5"),
            _ => null,
        },
        PaperVenueKind.Okx => symbol switch
        {
            "BTC-USDT-SWAP" => OkxSwap("BTC", "0.1", "0.01", 0.01m, 100m),
            "ETH-USDT-SWAP" => OkxSwap("ETH", "0.01", "0.01", 0.1m, 100m),
            "SOL-USDT-SWAP" => OkxSwap("SOL", "0.01", "0.01", 1m, 50m),
            _ => null,
        },
        _ => null,
    };

    private static Instrument BinancePerp(string baseAsset, string tick, string step, string maxQuantity, string minNotional, decimal maxLeverage) => new()
    {
        Id = InstrumentId.Of(baseAsset + "USDT-PERP", Venue.Binance),
        VenueSymbol = baseAsset + "USDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = baseAsset,
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse(tick),
        StepSize = Quantity.Parse(step),
        MinQuantity = Quantity.Parse(step),
        MaxQuantity = Quantity.Parse(maxQuantity),
        MinNotional = Money.Parse(minNotional),
        MaxLeverage = maxLeverage,
        MakerFee = 0.0002m,
        TakerFee = 0.0005m,
    };

    private static Instrument BinanceSpot(string baseAsset, string tick, string step, string maxQuantity, string minNotional) => new()
    {
        Id = InstrumentId.Of(baseAsset + "USDT", Venue.Binance),
        VenueSymbol = baseAsset + "USDT",
        Kind = InstrumentKind.Spot,
        BaseAsset = baseAsset,
        QuoteAsset = "USDT",
        TickSize = Price.Parse(tick),
        StepSize = Quantity.Parse(step),
        MinQuantity = Quantity.Parse(step),
        MaxQuantity = Quantity.Parse(maxQuantity),
        MinNotional = Money.Parse(minNotional),
        MakerFee = 0.001m,
        TakerFee = 0.001m,
    };

    private static Instrument OkxSwap(string baseAsset, string tick, string lot, decimal contractValue, decimal maxLeverage) => new()
    {
        Id = InstrumentId.Of(baseAsset + "-USDT-SWAP", Venue.Okx),
        VenueSymbol = baseAsset + "-USDT-SWAP",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = baseAsset,
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse(tick),
        StepSize = Quantity.Parse(lot),
        MinQuantity = Quantity.Parse(lot),
        MaxQuantity = Quantity.Parse("100000"),
        ContractMultiplier = contractValue,
        MaxLeverage = maxLeverage,
        MakerFee = 0.0002m,
        TakerFee = 0.0005m,
    };
}
