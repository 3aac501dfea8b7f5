namespace FlowSight.Venues.Network.Http;

/// <summary>
/// A venue's limit on one pool of request units, counted in fixed windows of <see cref="Interval"/> aligned to the
/// venue's clock (Binance's 1-minute weight counter resets at every whole minute).
/// </summary>
/// <param name="Pool">
/// The pool the limit counts, e.g. Binance <c>REQUEST_WEIGHT</c> or <c>RAW_REQUESTS</c>; requests name the pools they
/// draw from with <see cref="RateLimitCost"/>s.
/// </param>
/// <param name="Interval">The window length.</param>
/// <param name="Limit">The most units the venue accepts per window.</param>
public sealed record RateLimitRule(string Pool, TimeSpan Interval, int Limit)
{
    /// <summary>
    /// The response header in which the venue reports the units used in the current window (Binance
    /// <c>X-MBX-USED-WEIGHT-1M</c>), or null when it sends none. The venue's count replaces our estimate.
    /// </summary>
    public string? UsedHeader { get; init; }
}
