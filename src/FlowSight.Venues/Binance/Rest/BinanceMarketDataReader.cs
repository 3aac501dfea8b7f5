using System.Text.Json;
using FlowSight.Core;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>Turns Binance market-data bodies (depth, klines, funding, open interest, premium index, time) into core types.</summary>
internal static class BinanceMarketDataReader
{
    public static long ServerTime(JsonElement root) => BinanceJson.MillisAsNanos(BinanceJson.Get(root, "serverTime"));

    public static (BookSnapshot Book, long TransactionTime) Depth(JsonElement root, InstrumentId instrument, long receiveTime)
    {
        var lastUpdateId = BinanceJson.Int64(BinanceJson.Get(root, "lastUpdateId"));
        var eventTime = root.TryGetProperty("E", out var e) ? BinanceJson.MillisAsNanos(e) : 0;
        var transactionTime = root.TryGetProperty("T", out var t) ? BinanceJson.MillisAsNanos(t) : 0;
        var book = new BookSnapshot(instrument, lastUpdateId, Levels(BinanceJson.Get(root, "bids")), Levels(BinanceJson.Get(root, "asks")), eventTime, receiveTime);
        return (book, transactionTime);
    }

    /// <summary>
    /// Klines: <c>[openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBuyBase, takerBuyQuote, ignore]</c>.
    /// On COIN-M the volume is in contracts and column 7 is the base-asset volume, kept as <see cref="Candle.QuoteVolume"/>.
    /// A candle is closed once its close time is before <paramref name="serverNow"/>.
    /// </summary>
    public static List<Candle> Klines(JsonElement root, InstrumentId instrument, CandleInterval interval, long serverNow, long receiveTime)
    {
        var candles = new List<Candle>(root.GetArrayLength());
        foreach (var row in root.EnumerateArray())
        {
            if (row.GetArrayLength() < 9)
            {
                throw new FormatException($"A kline has {row.GetArrayLength()} fields, expected at least 9.");
            }

            var openTime = BinanceJson.MillisAsNanos(row[0]);
            var closeTime = BinanceJson.MillisAsNanos(row[6]) + UnixNanos.PerMillisecond; // Binance's close time is the last millisecond
            candles.Add(new Candle(
                instrument,
                interval,
                openTime,
                closeTime,
                BinanceJson.Price(row[1]),
                BinanceJson.Price(row[2]),
                BinanceJson.Price(row[3]),
                BinanceJson.Price(row[4]),
                BinanceJson.Quantity(row[5]),
                BinanceJson.Money(row[7]),
                BinanceJson.Int64(row[8]),
                IsClosed: closeTime <= serverNow,
                EventTime: serverNow,
                ReceiveTime: receiveTime));
        }

        return candles;
    }

    /// <summary>Funding history entries <c>{"symbol","fundingRate","fundingTime"[,"markPrice"]}</c>; the interval is filled in later.</summary>
    public static List<FundingRate> FundingRates(JsonElement root, InstrumentId instrument, long receiveTime)
    {
        var rates = new List<FundingRate>(root.GetArrayLength());
        foreach (var entry in root.EnumerateArray())
        {
            var time = BinanceJson.MillisAsNanos(BinanceJson.Get(entry, "fundingTime"));
            rates.Add(new FundingRate(instrument, BinanceJson.Decimal(BinanceJson.Get(entry, "fundingRate")), time, 0, time, receiveTime));
        }

        return rates;
    }

    public static OpenInterest OpenInterest(JsonElement root, InstrumentId instrument, long receiveTime) => new(
        instrument,
        BinanceJson.Quantity(BinanceJson.Get(root, "openInterest")),
        default,
        BinanceJson.MillisAsNanos(BinanceJson.Get(root, "time")),
        receiveTime);

    public static List<OpenInterest> OpenInterestHistory(JsonElement root, InstrumentId instrument, long receiveTime)
    {
        var list = new List<OpenInterest>(root.GetArrayLength());
        foreach (var entry in root.EnumerateArray())
        {
            list.Add(new OpenInterest(
                instrument,
                BinanceJson.Quantity(BinanceJson.Get(entry, "sumOpenInterest")),
                BinanceJson.Money(BinanceJson.Get(entry, "sumOpenInterestValue")),
                BinanceJson.MillisAsNanos(BinanceJson.Get(entry, "timestamp")),
                receiveTime));
        }

        return list;
    }

    /// <summary>
    /// <c>premiumIndex</c>: an object for one USDⓈ-M symbol, an array on COIN-M (searched for <paramref name="symbol"/>).
    /// Delivery contracts have an empty funding rate and a zero next funding time.
    /// </summary>
    public static MarkPrice PremiumIndex(JsonElement root, string symbol, InstrumentId instrument, long receiveTime)
    {
        var entry = root;
        if (root.ValueKind == JsonValueKind.Array)
        {
            entry = root.EnumerateArray().FirstOrDefault(e => string.Equals(BinanceJson.OptionalText(e, "symbol"), symbol, StringComparison.OrdinalIgnoreCase));
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"The answer has no entry for {symbol}.");
            }
        }

        return new MarkPrice(
            instrument,
            BinanceJson.Price(BinanceJson.Get(entry, "markPrice")),
            BinanceJson.Price(BinanceJson.Get(entry, "indexPrice")),
            entry.TryGetProperty("estimatedSettlePrice", out var settle) ? BinanceJson.Price(settle) : default,
            entry.TryGetProperty("lastFundingRate", out var rate) ? BinanceJson.Decimal(rate) : 0m,
            entry.TryGetProperty("nextFundingTime", out var next) ? BinanceJson.MillisAsNanos(next) : 0,
            BinanceJson.MillisAsNanos(BinanceJson.Get(entry, "time")),
            receiveTime);
    }

    private static BookLevel[] Levels(JsonElement side)
    {
        var levels = new BookLevel[side.GetArrayLength()];
        var i = 0;
        foreach (var level in side.EnumerateArray())
        {
            levels[i++] = new BookLevel(BinanceJson.Price(level[0]), BinanceJson.Quantity(level[1]));
        }

        return levels;
    }
}
