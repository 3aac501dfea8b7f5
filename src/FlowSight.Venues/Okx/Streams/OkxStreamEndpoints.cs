namespace FlowSight.Venues.Okx.Streams;

/// <summary>
/// OKX v5 WebSocket URLs: <c>wss://ws.okx.com:8443/ws/v5/public</c> for public market data and
/// <c>wss://ws.okx.com:8443/ws/v5/business</c> for the candlestick channels, which OKX serves only there.
/// </summary>
public static class OkxStreamEndpoints
{
    /// <summary>The production base, <c>wss://ws.okx.com:8443</c>.</summary>
    public static readonly Uri DefaultBase = new("wss://ws.okx.com:8443");

    /// <summary>The public path.</summary>
    public const string PublicPath = "/ws/v5/public";

    /// <summary>The business path.</summary>
    public const string BusinessPath = "/ws/v5/business";

    /// <summary>The route of <paramref name="channel"/>: candles (<c>candle1m</c>, <c>mark-price-candle…</c>, <c>index-candle…</c>) go to business.</summary>
    public static OkxStreamRoute RouteOf(string channel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        return channel.StartsWith("candle", StringComparison.Ordinal) || channel.Contains("-candle", StringComparison.Ordinal)
            ? OkxStreamRoute.Business
            : OkxStreamRoute.Public;
    }

    /// <summary>The path of a route.</summary>
    public static string PathOf(OkxStreamRoute route) => route switch
    {
        OkxStreamRoute.Public => PublicPath,
        OkxStreamRoute.Business => BusinessPath,
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, "Unknown OKX route."),
    };

    /// <summary>The endpoint of <paramref name="route"/> under <paramref name="baseUri"/> (e.g. <c>ws://127.0.0.1:5000</c> for a local server).</summary>
    public static Uri Endpoint(Uri baseUri, OkxStreamRoute route)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        return new Uri(baseUri.ToString().TrimEnd('/') + PathOf(route));
    }
}
