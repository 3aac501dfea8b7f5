using FlowSight.Core;

namespace FlowSight.Venues.Binance.Streams;

/// <summary>
/// Builds Binance stream names (<c>btcusdt@depth@100ms</c>, <c>btcusdt@trade</c>, <c>!bookTicker</c>, ...). Symbols are
/// lower-cased as Binance requires; Binance acknowledges any name, including a misspelt one that never delivers, so
/// names are built here rather than typed by hand.
/// </summary>
public static class BinanceStreamNames
{
    /// <summary>All symbols' book tickers (spot and futures).</summary>
    public const string AllBookTickers = "!bookTicker";

    /// <summary>All symbols' liquidation orders (futures).</summary>
    public const string AllForceOrders = "!forceOrder@arr";

    /// <summary>All symbols' mark prices and funding rates every 3 s (futures).</summary>
    public const string AllMarkPrices = "!markPrice@arr";

    /// <summary>All symbols' mark prices and funding rates every second (futures).</summary>
    public const string AllMarkPricesEverySecond = "!markPrice@arr@1s";

    /// <summary>Diff. depth: <c>&lt;symbol&gt;@depth[@100ms|@250ms|@500ms]</c>.</summary>
    public static string Depth(string symbol, BinanceDepthSpeed speed = BinanceDepthSpeed.Default) =>
        $"{Symbol(symbol)}@depth{Suffix(speed)}";

    /// <summary>Partial book depth, top 5, 10 or 20 levels: <c>&lt;symbol&gt;@depth20[@100ms]</c>.</summary>
    public static string PartialDepth(string symbol, int levels, BinanceDepthSpeed speed = BinanceDepthSpeed.Default)
    {
        if (levels is not (5 or 10 or 20))
        {
            throw new ArgumentOutOfRangeException(nameof(levels), levels, "Binance partial depth streams have 5, 10 or 20 levels.");
        }

        return $"{Symbol(symbol)}@depth{levels}{Suffix(speed)}";
    }

    /// <summary>Raw trades: <c>&lt;symbol&gt;@trade</c>.</summary>
    public static string Trade(string symbol) => $"{Symbol(symbol)}@trade";

    /// <summary>Aggregate trades: <c>&lt;symbol&gt;@aggTrade</c>.</summary>
    public static string AggTrade(string symbol) => $"{Symbol(symbol)}@aggTrade";

    /// <summary>Best bid/ask: <c>&lt;symbol&gt;@bookTicker</c>.</summary>
    public static string BookTicker(string symbol) => $"{Symbol(symbol)}@bookTicker";

    /// <summary>Klines: <c>&lt;symbol&gt;@kline_1m</c>.</summary>
    public static string Kline(string symbol, CandleInterval interval) => $"{Symbol(symbol)}@kline_{interval.ToCode()}";

    /// <summary>Mark price and funding (futures): <c>&lt;symbol&gt;@markPrice@1s</c>, or every 3 s without <paramref name="everySecond"/>.</summary>
    public static string MarkPrice(string symbol, bool everySecond = true) =>
        everySecond ? $"{Symbol(symbol)}@markPrice@1s" : $"{Symbol(symbol)}@markPrice";

    /// <summary>Liquidation orders (futures): <c>&lt;symbol&gt;@forceOrder</c>.</summary>
    public static string ForceOrder(string symbol) => $"{Symbol(symbol)}@forceOrder";

    /// <summary>The symbol part of a per-symbol stream name, or null for an all-market stream (<c>!bookTicker</c>).</summary>
    public static string? SymbolOf(string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var at = stream.IndexOf('@', StringComparison.Ordinal);
        return stream.StartsWith('!') || at <= 0 ? null : stream[..at];
    }

    private static string Symbol(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        foreach (var c in symbol)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                throw new ArgumentException($"'{symbol}' is not a Binance symbol (letters, digits and '_').", nameof(symbol));
            }
        }

        return symbol.ToLowerInvariant();
    }

    private static string Suffix(BinanceDepthSpeed speed) => speed switch
    {
        BinanceDepthSpeed.Default => string.Empty,
        BinanceDepthSpeed.Milliseconds100 => "@100ms",
        BinanceDepthSpeed.Milliseconds250 => "@250ms",
        BinanceDepthSpeed.Milliseconds500 => "@500ms",
        _ => throw new ArgumentOutOfRangeException(nameof(speed), speed, "Unknown depth speed."),
    };
}
