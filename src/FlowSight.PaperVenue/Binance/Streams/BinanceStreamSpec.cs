using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// A parsed market stream name: what it carries, for which market, how often. Names are Binance's: the symbol in
/// lower case, then the documented suffix (USDⓈ-M: depth 250 ms by default, 100/500 ms; mark price 3 s or 1 s;
/// spot: depth 1000 ms by default or 100 ms). A name that is not one of them is accepted by <c>SUBSCRIBE</c> as
/// Binance accepts it, and never delivers.
/// </summary>
internal sealed record BinanceStreamSpec(string Name, BinanceStreamKind Kind, PaperMarket? Market, long IntervalNs, int Levels, CandleInterval Candle)
{
    private const long Ms = 1_000_000L;

    /// <summary>True for streams Binance routes to <c>/public</c> on USDⓈ-M (depth, book tickers, trades); others go to <c>/market</c>.</summary>
    public bool IsPublicRoute => Kind is BinanceStreamKind.DiffDepth or BinanceStreamKind.PartialDepth or BinanceStreamKind.BookTicker
        or BinanceStreamKind.AllBookTickers or BinanceStreamKind.Trade;

    /// <summary>Parses <paramref name="name"/>; null when it is not a stream this venue publishes.</summary>
    public static BinanceStreamSpec? TryParse(string name, PaperExchange exchange, bool futures)
    {
        if (futures)
        {
            switch (name)
            {
                case "!bookTicker":
                    return new(name, BinanceStreamKind.AllBookTickers, null, 0, 0, default);
                case "!markPrice@arr":
                    return new(name, BinanceStreamKind.AllMarkPrices, null, 3_000 * Ms, 0, default);
                case "!markPrice@arr@1s":
                    return new(name, BinanceStreamKind.AllMarkPrices, null, 1_000 * Ms, 0, default);
            }
        }

        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return null;
        }

        var symbol = name[..at];
        if (!symbol.Equals(symbol.ToLowerInvariant(), StringComparison.Ordinal) || !exchange.TryGetMarket(symbol, out var market))
        {
            return null;
        }

        var rest = name[(at + 1)..];
        switch (rest)
        {
            case "trade":
                return new(name, BinanceStreamKind.Trade, market, 0, 0, default);
            case "aggTrade":
                return new(name, BinanceStreamKind.AggTrade, market, 0, 0, default);
            case "bookTicker":
                return new(name, BinanceStreamKind.BookTicker, market, 0, 0, default);
            case "markPrice" when futures:
                return new(name, BinanceStreamKind.MarkPrice, market, 3_000 * Ms, 0, default);
            case "markPrice@1s" when futures:
                return new(name, BinanceStreamKind.MarkPrice, market, 1_000 * Ms, 0, default);
        }

        if (rest.StartsWith("kline_", StringComparison.Ordinal))
        {
            CandleInterval candle;
            try
            {
                candle = CandleIntervalExtensions.ParseCode(rest["kline_".Length..]);
            }
            catch (FormatException)
            {
                return null;
            }

            // Candles are kept per minute up to a day (PaperCandles).
            return candle is >= CandleInterval.OneMinute and <= CandleInterval.OneDay
                ? new(name, BinanceStreamKind.Kline, market, 0, 0, candle)
                : null;
        }

        if (!rest.StartsWith("depth", StringComparison.Ordinal))
        {
            return null;
        }

        var depth = rest["depth".Length..];
        var levels = 0;
        foreach (var n in (ReadOnlySpan<int>)[5, 10, 20])
        {
            var prefix = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (depth.StartsWith(prefix, StringComparison.Ordinal))
            {
                levels = n;
                depth = depth[prefix.Length..];
                break;
            }
        }

        long? interval = depth switch
        {
            "" => futures ? 250 * Ms : 1_000 * Ms,
            "@100ms" => 100 * Ms,
            "@500ms" when futures => 500 * Ms,
            _ => null,
        };
        if (interval is null)
        {
            return null;
        }

        return new(name, levels == 0 ? BinanceStreamKind.DiffDepth : BinanceStreamKind.PartialDepth, market, interval.Value, levels, default);
    }
}
