namespace FlowSight.Venues.GateIo.Rest;

/// <summary>Asks for a USDT perpetual's settled funding rates (<c>futures/usdt/funding_rate</c>), paging backwards.</summary>
/// <param name="Contract">The contract, e.g. <c>BTC_USDT</c>.</param>
public sealed record GateIoFundingRateHistoryRequest(string Contract)
{
    /// <summary>The first funding time wanted (inclusive), Unix nanoseconds; null for only the latest page.</summary>
    public long? StartTime { get; init; }

    /// <summary>The last funding time wanted (inclusive), Unix nanoseconds; null for up to now.</summary>
    public long? EndTime { get; init; }

    /// <summary>Rates per request, 1–1000.</summary>
    public int PageSize { get; init; } = 100;
}
