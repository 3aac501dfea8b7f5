using FlowSight.Core;

namespace FlowSight.Venues.Okx.Rest;

/// <summary>Asks for every candle whose open time lies in [<paramref name="StartTime"/>, <paramref name="EndTime"/>], paging backwards from the end.</summary>
/// <param name="InstId">OKX's instrument id.</param>
/// <param name="Interval">The candle length.</param>
/// <param name="StartTime">The first open time wanted, Unix nanoseconds.</param>
/// <param name="EndTime">The last open time wanted (inclusive), Unix nanoseconds.</param>
public sealed record OkxCandleBackfillRequest(string InstId, CandleInterval Interval, long StartTime, long EndTime)
{
    /// <summary>The endpoint: <c>history-candles</c> reaches back years; <c>candles</c> only the latest 1,440 but is allowed twice the rate.</summary>
    public OkxCandleSource Source { get; init; } = OkxCandleSource.History;

    /// <summary>Candles per request, up to 300 on either endpoint (OKX's default is 100).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Keep the still-forming candle (<c>confirm</c> = 0); when false it is dropped and not counted as missing.</summary>
    public bool IncludeUnconfirmed { get; init; }
}
