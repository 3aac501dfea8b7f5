namespace FlowSight.Venues.Binance.Rest;

/// <summary>
/// The request weights Binance documents per endpoint and market (market-data endpoints; checked against
/// developers.binance.com). A weight is charged to <see cref="BinanceRateLimits.RequestWeight"/>.
/// </summary>
public static class BinanceRequestWeights
{
    /// <summary><c>time</c>: 1 everywhere.</summary>
    public const int ServerTime = 1;

    /// <summary><c>openInterest</c>: 1 (USDⓈ-M and COIN-M).</summary>
    public const int OpenInterest = 1;

    /// <summary><c>exchangeInfo</c>: 20 on spot, 1 on USDⓈ-M and COIN-M.</summary>
    public static int ExchangeInfo(BinanceMarket market) => market == BinanceMarket.Spot ? 20 : 1;

    /// <summary>
    /// <c>depth</c> by <paramref name="limit"/>: spot 1–100 → 5, 101–500 → 25, 501–1000 → 50, 1001–5000 → 250;
    /// futures 5/10/20/50 → 2, 100 → 5, 500 → 10, 1000 → 20.
    /// </summary>
    public static int Depth(BinanceMarket market, int limit) => market == BinanceMarket.Spot
        ? limit switch
        {
            <= 100 => 5,
            <= 500 => 25,
            <= 1000 => 50,
            _ => 250,
        }
        : limit switch
        {
            <= 50 => 2,
            <= 100 => 5,
            <= 500 => 10,
            _ => 20,
        };

    /// <summary><c>klines</c>: 2 on spot; futures by limit, [1,100) → 1, [100,500) → 2, [500,1000] → 5, above → 10.</summary>
    public static int Klines(BinanceMarket market, int limit) => market == BinanceMarket.Spot
        ? 2
        : limit switch
        {
            < 100 => 1,
            < 500 => 2,
            <= 1000 => 5,
            _ => 10,
        };

    /// <summary>
    /// <c>fundingRate</c>: COIN-M 1; USDⓈ-M 0 (it draws from its own <see cref="BinanceRateLimits.FundingRate"/> pool instead).
    /// </summary>
    public static int FundingRate(BinanceMarket market) => market == BinanceMarket.CoinM ? 1 : 0;

    /// <summary><c>premiumIndex</c> for one symbol: USDⓈ-M 1, COIN-M 10.</summary>
    public static int PremiumIndex(BinanceMarket market) => market == BinanceMarket.CoinM ? 10 : 1;

    /// <summary><c>/futures/data/openInterestHist</c>: USDⓈ-M 0, COIN-M 1 (both also draw from <see cref="BinanceRateLimits.FuturesData"/>).</summary>
    public static int OpenInterestHistory(BinanceMarket market) => market == BinanceMarket.CoinM ? 1 : 0;
}
