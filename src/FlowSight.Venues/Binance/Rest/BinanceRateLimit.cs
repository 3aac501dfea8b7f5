namespace FlowSight.Venues.Binance.Rest;

/// <summary>One entry of <c>exchangeInfo</c>'s <c>rateLimits</c>, e.g. <c>REQUEST_WEIGHT</c> 2400 per 1 <c>MINUTE</c>.</summary>
/// <param name="RateLimitType"><c>REQUEST_WEIGHT</c>, <c>RAW_REQUESTS</c> or <c>ORDERS</c>.</param>
/// <param name="Interval"><c>SECOND</c>, <c>MINUTE</c>, <c>HOUR</c> or <c>DAY</c>.</param>
/// <param name="IntervalNum">How many <paramref name="Interval"/>s the window spans.</param>
/// <param name="Limit">The most units per window.</param>
public sealed record BinanceRateLimit(string RateLimitType, string Interval, int IntervalNum, int Limit)
{
    /// <summary>The window length.</summary>
    /// <exception cref="FormatException">The interval is not one Binance defines.</exception>
    public TimeSpan Window => Interval switch
    {
        "SECOND" => TimeSpan.FromSeconds(IntervalNum),
        "MINUTE" => TimeSpan.FromMinutes(IntervalNum),
        "HOUR" => TimeSpan.FromHours(IntervalNum),
        "DAY" => TimeSpan.FromDays(IntervalNum),
        _ => throw new FormatException($"Unknown Binance rate-limit interval '{Interval}'."),
    };

    /// <summary>The header letter of the interval (<c>S</c>, <c>M</c>, <c>H</c>, <c>D</c>), as in <c>X-MBX-USED-WEIGHT-1M</c>.</summary>
    public string IntervalLetter => Interval.Length > 0 ? Interval[..1] : string.Empty;
}
