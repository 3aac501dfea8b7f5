namespace FlowSight.Venues.Binance.Rest;

/// <summary>The REST paths per market: spot <c>/api/v3</c>, USDⓈ-M <c>/fapi/v1</c>, COIN-M <c>/dapi/v1</c>.</summary>
public static class BinanceRestRoutes
{
    /// <summary>The path prefix of <paramref name="market"/>'s market-data endpoints.</summary>
    public static string Prefix(BinanceMarket market) => market switch
    {
        BinanceMarket.Spot => "/api/v3",
        BinanceMarket.UsdM => "/fapi/v1",
        BinanceMarket.CoinM => "/dapi/v1",
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "Unknown Binance market."),
    };

    /// <summary>The default REST base address: <c>https://api.binance.com</c>, <c>https://fapi.binance.com</c>, <c>https://dapi.binance.com</c>.</summary>
    public static Uri DefaultBaseAddress(BinanceMarket market) => market switch
    {
        BinanceMarket.Spot => new Uri("https://api.binance.com"),
        BinanceMarket.UsdM => new Uri("https://fapi.binance.com"),
        BinanceMarket.CoinM => new Uri("https://dapi.binance.com"),
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "Unknown Binance market."),
    };

    /// <summary>The path of <paramref name="endpoint"/> (e.g. <c>depth</c>) on <paramref name="market"/>.</summary>
    public static string Of(BinanceMarket market, string endpoint) => $"{Prefix(market)}/{endpoint}";

    /// <summary>The futures statistics path <c>/futures/data/openInterestHist</c> (on the USDⓈ-M and COIN-M hosts).</summary>
    public const string OpenInterestHistory = "/futures/data/openInterestHist";
}
