namespace FlowSight.Venues.Okx.Rest;

/// <summary>Asks for a swap's settled funding rates (<c>public/funding-rate-history</c>), paging backwards.</summary>
/// <param name="InstId">The swap, e.g. <c>BTC-USDT-SWAP</c>.</param>
public sealed record OkxFundingRateHistoryRequest(string InstId)
{
    /// <summary>The first funding time wanted (inclusive), Unix nanoseconds; null for only the latest page.</summary>
    public long? StartTime { get; init; }

    /// <summary>The last funding time wanted (inclusive), Unix nanoseconds; null for up to now.</summary>
    public long? EndTime { get; init; }

    /// <summary>Rates per request, 1–100.</summary>
    public int PageSize { get; init; } = 100;
}
