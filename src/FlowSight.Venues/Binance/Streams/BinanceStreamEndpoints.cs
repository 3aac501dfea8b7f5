using System.Text;

namespace FlowSight.Venues.Binance.Streams;

/// <summary>
/// Binance market-stream URLs: the base per market, the USDⓈ-M routed paths, combined streams
/// (<c>/stream?streams=a/b/c</c>, frames wrapped as <c>{"stream":..,"data":..}</c>) and raw streams (<c>/ws/a</c>).
/// </summary>
public static class BinanceStreamEndpoints
{
    /// <summary>Spot: <c>wss://stream.binance.com:9443</c>.</summary>
    public static readonly Uri SpotBase = new("wss://stream.binance.com:9443");

    /// <summary>USDⓈ-M: <c>wss://fstream.binance.com</c> (streams go under <c>/public</c> or <c>/market</c>).</summary>
    public static readonly Uri UsdMBase = new("wss://fstream.binance.com");

    /// <summary>COIN-M: <c>wss://dstream.binance.com</c>.</summary>
    public static readonly Uri CoinMBase = new("wss://dstream.binance.com");

    /// <summary>The production base URL of <paramref name="market"/>.</summary>
    public static Uri DefaultBase(BinanceMarket market) => market switch
    {
        BinanceMarket.Spot => SpotBase,
        BinanceMarket.UsdM => UsdMBase,
        BinanceMarket.CoinM => CoinMBase,
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "Unknown Binance market."),
    };

    /// <summary>
    /// The routed path of <paramref name="stream"/> on <paramref name="market"/>: on USDⓈ-M, depth (diff and partial),
    /// book tickers and raw trades are <see cref="BinanceStreamRoute.Public"/> and everything else (aggregate trades,
    /// mark price, klines, liquidations, tickers) is <see cref="BinanceStreamRoute.Market"/>; other markets have none.
    /// </summary>
    public static BinanceStreamRoute RouteOf(BinanceMarket market, string stream)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        if (market != BinanceMarket.UsdM)
        {
            return BinanceStreamRoute.None;
        }

        var isPublic = stream == BinanceStreamNames.AllBookTickers
            || stream.Contains("@depth", StringComparison.Ordinal)
            || stream.EndsWith("@bookTicker", StringComparison.Ordinal)
            || stream.EndsWith("@trade", StringComparison.Ordinal);
        return isPublic ? BinanceStreamRoute.Public : BinanceStreamRoute.Market;
    }

    /// <summary>The path prefix of a route: empty, <c>/public</c> or <c>/market</c>.</summary>
    public static string PathPrefix(BinanceStreamRoute route) => route switch
    {
        BinanceStreamRoute.None => string.Empty,
        BinanceStreamRoute.Public => "/public",
        BinanceStreamRoute.Market => "/market",
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, "Unknown route."),
    };

    /// <summary>The combined-stream endpoint without streams (<c>{base}{route}/stream</c>); streams are then added with <c>SUBSCRIBE</c>.</summary>
    public static Uri CombinedStream(Uri baseUri, BinanceStreamRoute route) => new($"{Trim(baseUri)}{PathPrefix(route)}/stream");

    /// <summary>
    /// A combined-stream URL with its streams in the query: <c>{base}{route}/stream?streams=a/b/c</c>. URLs are limited
    /// in length (about 8 KB in practice), so many streams are better subscribed with <c>SUBSCRIBE</c>.
    /// </summary>
    public static Uri CombinedStream(Uri baseUri, BinanceStreamRoute route, IEnumerable<string> streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var text = new StringBuilder().Append(Trim(baseUri)).Append(PathPrefix(route)).Append("/stream?streams=");
        var first = true;
        foreach (var stream in streams)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(stream, nameof(streams));
            text.Append(first ? string.Empty : "/").Append(stream);
            first = false;
        }

        if (first)
        {
            throw new ArgumentException("At least one stream is needed.", nameof(streams));
        }

        return new Uri(text.ToString());
    }

    /// <summary>A raw-stream URL (<c>{base}{route}/ws/{stream}</c>): frames are the bare payloads, without the envelope.</summary>
    public static Uri RawStream(Uri baseUri, BinanceStreamRoute route, string stream)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        return new Uri($"{Trim(baseUri)}{PathPrefix(route)}/ws/{stream}");
    }

    private static string Trim(Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        return baseUri.ToString().TrimEnd('/');
    }
}
