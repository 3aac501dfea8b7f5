using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>
/// Binance's rate-limit pools and how <c>exchangeInfo</c>'s <c>rateLimits</c> become <see cref="RateLimitRule"/>s.
/// </summary>
/// <remarks>
/// <c>REQUEST_WEIGHT</c> counts each endpoint's weight per IP and is reported in <c>X-MBX-USED-WEIGHT-(n)(letter)</c>;
/// <c>RAW_REQUESTS</c> counts requests and has no header. <c>ORDERS</c> limits count orders per account and do not
/// apply to market data, so they are left to the order client. USDⓈ-M <c>fundingRate</c> has its own pool (500 per
/// 5 minutes per IP, shared with <c>fundingInfo</c>) and <c>/futures/data/*</c> its own (1000 per 5 minutes).
/// </remarks>
public static class BinanceRateLimits
{
    /// <summary>The weight pool.</summary>
    public const string RequestWeight = "REQUEST_WEIGHT";

    /// <summary>The request-count pool.</summary>
    public const string RawRequests = "RAW_REQUESTS";

    /// <summary>USDⓈ-M <c>fundingRate</c>/<c>fundingInfo</c>: 500 requests per 5 minutes per IP.</summary>
    public const string FundingRate = "FUNDING_RATE";

    /// <summary>The futures statistics endpoints under <c>/futures/data</c>: 1000 requests per 5 minutes per IP.</summary>
    public const string FuturesData = "FUTURES_DATA";

    /// <summary>The limits assumed until <c>exchangeInfo</c> has been read (Binance's documented defaults).</summary>
    public static IReadOnlyList<RateLimitRule> Defaults(BinanceMarket market) => market switch
    {
        BinanceMarket.Spot => ToRules(market, [new(RequestWeight, "MINUTE", 1, 6000), new(RawRequests, "MINUTE", 5, 61000)]),
        BinanceMarket.UsdM or BinanceMarket.CoinM => ToRules(market, [new(RequestWeight, "MINUTE", 1, 2400)]),
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "Unknown Binance market."),
    };

    /// <summary>
    /// The rules for <paramref name="limits"/> (as <c>exchangeInfo</c> declares them) plus the market's fixed pools.
    /// </summary>
    public static IReadOnlyList<RateLimitRule> ToRules(BinanceMarket market, IEnumerable<BinanceRateLimit> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var rules = new List<RateLimitRule>();
        foreach (var limit in limits)
        {
            switch (limit.RateLimitType)
            {
                case RequestWeight:
                    rules.Add(new RateLimitRule(RequestWeight, limit.Window, limit.Limit) { UsedHeader = UsedWeightHeader(limit) });
                    break;
                case RawRequests:
                    rules.Add(new RateLimitRule(RawRequests, limit.Window, limit.Limit));
                    break;
            }
        }

        if (market == BinanceMarket.UsdM)
        {
            rules.Add(new RateLimitRule(FundingRate, TimeSpan.FromMinutes(5), 500));
        }

        if (market.IsFutures())
        {
            rules.Add(new RateLimitRule(FuturesData, TimeSpan.FromMinutes(5), 1000));
        }

        return rules;
    }

    /// <summary>The header carrying the used weight for <paramref name="limit"/>'s window, e.g. <c>X-MBX-USED-WEIGHT-1M</c>.</summary>
    public static string UsedWeightHeader(BinanceRateLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        return $"X-MBX-USED-WEIGHT-{limit.IntervalNum}{limit.IntervalLetter}";
    }
}
