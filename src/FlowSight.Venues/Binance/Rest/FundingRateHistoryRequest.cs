namespace FlowSight.Venues.Binance.Rest;

/// <summary>Asks for a perpetual's settled funding rates (<c>fundingRate</c>), paging forward from <see cref="StartTime"/>.</summary>
/// <param name="Symbol">Binance's symbol, e.g. <c>BTCUSDT</c> or <c>BTCUSD_PERP</c>.</param>
public sealed record FundingRateHistoryRequest(string Symbol)
{
    /// <summary>The first funding time wanted (inclusive), Unix nanoseconds; null for only the latest page.</summary>
    public long? StartTime { get; init; }

    /// <summary>The last funding time wanted (inclusive), Unix nanoseconds; null for up to now.</summary>
    public long? EndTime { get; init; }

    /// <summary>Rates per request, 1–1000.</summary>
    public int PageSize { get; init; } = 1000;
}
