using System.Globalization;

namespace FlowSight.TestServers.Binance;

/// <summary>
/// Deterministic market data where no recording exists (klines, funding, open interest, mark price, depth for
/// unrecorded symbols): every value is a pure function of the seed, the symbol and the time, so pages fetched in any
/// order agree and a run is reproducible.
/// </summary>
public sealed class BinanceSyntheticMarketData(int seed)
{
    private const long Minute = 60_000;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;

    /// <summary>The seed.</summary>
    public int Seed { get; } = seed;

    /// <summary>The length in milliseconds of a fixed interval code (<c>1m</c> … <c>1w</c>); 0 for <c>1M</c>; -1 when unknown.</summary>
    public static long IntervalMs(string code) => code switch
    {
        "1s" => 1000,
        "1m" => Minute,
        "3m" => 3 * Minute,
        "5m" => 5 * Minute,
        "15m" => 15 * Minute,
        "30m" => 30 * Minute,
        "1h" => Hour,
        "2h" => 2 * Hour,
        "4h" => 4 * Hour,
        "6h" => 6 * Hour,
        "8h" => 8 * Hour,
        "12h" => 12 * Hour,
        "1d" => Day,
        "3d" => 3 * Day,
        "1w" => 7 * Day,
        "1M" => 0,
        _ => -1,
    };

    /// <summary>The first open time at or after <paramref name="ms"/> (weeks open on Mondays, months on the 1st, UTC).</summary>
    public static long AlignUp(string interval, long ms)
    {
        var length = IntervalMs(interval);
        if (length == 0)
        {
            var t = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            var start = new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero);
            return (start < t ? start.AddMonths(1) : start).ToUnixTimeMilliseconds();
        }

        var offset = interval == "1w" ? 4 * Day : 0; // 1970-01-05 was a Monday
        var k = Math.DivRem(ms - offset, length, out var rem);
        return ((rem > 0 ? k + 1 : k) * length) + offset;
    }

    /// <summary>The open time after <paramref name="openMs"/>.</summary>
    public static long Next(string interval, long openMs) => IntervalMs(interval) is 0
        ? DateTimeOffset.FromUnixTimeMilliseconds(openMs).AddMonths(1).ToUnixTimeMilliseconds()
        : openMs + IntervalMs(interval);

    /// <summary>The open time before <paramref name="openMs"/>.</summary>
    public static long Previous(string interval, long openMs) => IntervalMs(interval) is 0
        ? DateTimeOffset.FromUnixTimeMilliseconds(openMs).AddMonths(-1).ToUnixTimeMilliseconds()
        : openMs - IntervalMs(interval);

    /// <summary>A price of <paramref name="symbol"/> at <paramref name="ms"/>: a base level with daily and intraday waves and per-minute noise.</summary>
    public decimal PriceAt(BinanceRestSymbol symbol, long ms)
    {
        var basePrice = BasePrice(symbol);
        var wave = (0.02 * Math.Sin(2 * Math.PI * ms / Day)) + (0.01 * Math.Sin(2 * Math.PI * ms / (7 * Hour)));
        var noise = 0.002 * ((Unit(Hash(symbol.Symbol, ms / Minute, 1)) * 2) - 1);
        return RoundToTick(symbol, basePrice * (decimal)Math.Exp(wave + noise));
    }

    /// <summary>One kline row as Binance sends it; <paramref name="nowMs"/> cuts the open candle.</summary>
    public string Kline(BinanceRestSymbol symbol, string interval, long openMs, long nowMs)
    {
        var closeMs = Next(interval, openMs) - 1;
        var open = PriceAt(symbol, openMs);
        var close = PriceAt(symbol, Math.Min(closeMs, nowMs));
        var h = Hash(symbol.Symbol, openMs, 2);
        var high = RoundToTick(symbol, Math.Max(open, close) * (1m + (0.001m * (decimal)Unit(h))));
        var low = RoundToTick(symbol, Math.Min(open, close) * (1m - (0.001m * (decimal)Unit(h >> 7))));
        var volume = Math.Round(1m + (500m * (decimal)Unit(Hash(symbol.Symbol, openMs, 3))), symbol.QuantityDecimals);
        var quote = Math.Round(volume * (open + close) / 2, 8);
        var trades = 1 + (long)(Hash(symbol.Symbol, openMs, 4) % 5000);
        var takerBase = Math.Round(volume / 2, symbol.QuantityDecimals);
        var takerQuote = Math.Round(quote / 2, 8);
        return string.Create(CultureInfo.InvariantCulture, $"[{openMs},\"{P(symbol, open)}\",\"{P(symbol, high)}\",\"{P(symbol, low)}\",\"{P(symbol, close)}\",\"{Q(symbol, volume)}\",{closeMs},\"{quote:F8}\",{trades},\"{Q(symbol, takerBase)}\",\"{takerQuote:F8}\",\"0\"]");
    }

    /// <summary>The funding settlements of a perpetual: every 8 hours at 00:00, 08:00, 16:00 UTC plus a few milliseconds, as Binance stamps them.</summary>
    public IEnumerable<long> FundingTimes(BinanceRestSymbol symbol, long fromMs, long toMs)
    {
        for (var slot = AlignUp("8h", fromMs - 10); slot <= toMs; slot += 8 * Hour)
        {
            var time = slot + (long)(Hash(symbol.Symbol, slot, 5) % 10);
            if (time >= fromMs && time <= toMs)
            {
                yield return time;
            }
        }
    }

    /// <summary>The funding rate settled at <paramref name="fundingTimeMs"/>, between -0.0001 and 0.0003.</summary>
    public decimal FundingRate(BinanceRestSymbol symbol, long fundingTimeMs) =>
        Math.Round((decimal)((Unit(Hash(symbol.Symbol, fundingTimeMs / Hour, 6)) * 0.0004) - 0.0001), 8);

    /// <summary>Open interest at <paramref name="ms"/>, in the symbol's quantity decimals.</summary>
    public decimal OpenInterest(BinanceRestSymbol symbol, long ms) =>
        Math.Round(10_000m + (5_000m * (decimal)Math.Sin(2 * Math.PI * ms / Day)) + (100m * (decimal)Unit(Hash(symbol.Symbol, ms / (5 * Minute), 7))), symbol.QuantityDecimals);

    /// <summary>Prices with the symbol's decimals, as Binance prints them.</summary>
    public static string P(BinanceRestSymbol symbol, decimal price) => price.ToString("F" + symbol.PriceDecimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Quantities with the symbol's decimals.</summary>
    public static string Q(BinanceRestSymbol symbol, decimal quantity) => quantity.ToString("F" + symbol.QuantityDecimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static decimal RoundToTick(BinanceRestSymbol symbol, decimal price) =>
        symbol.TickSize > 0 ? Math.Max(symbol.TickSize, Math.Round(price / symbol.TickSize) * symbol.TickSize) : price;

    private decimal BasePrice(BinanceRestSymbol symbol)
    {
        var name = symbol.Pair;
        if (name.StartsWith("BTC", StringComparison.Ordinal))
        {
            return 60_000m;
        }

        if (name.StartsWith("ETH", StringComparison.Ordinal))
        {
            return 3_000m;
        }

        // Keep far from the tick so rounding leaves room to move.
        return Math.Max(symbol.TickSize * 10_000m, 1m + (Hash(name, 0, 8) % 100));
    }

    private ulong Hash(string text, long value, int stream)
    {
        var h = 14695981039346656037UL ^ (ulong)(uint)Seed;
        foreach (var c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h ^= (ulong)value + (0x9E3779B97F4A7C15UL * (ulong)stream);
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }

    private static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));
}
