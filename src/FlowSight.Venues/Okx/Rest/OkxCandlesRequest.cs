using FlowSight.Core;

namespace FlowSight.Venues.Okx.Rest;

/// <summary>Asks for one page of candles. OKX returns them newest first; pages are cut by open time with <c>after</c>/<c>before</c>.</summary>
/// <param name="InstId">OKX's instrument id.</param>
/// <param name="Interval">The candle length (6 h and longer are asked for in their UTC variant, e.g. <c>1Dutc</c>).</param>
public sealed record OkxCandlesRequest(string InstId, CandleInterval Interval)
{
    /// <summary>The endpoint.</summary>
    public OkxCandleSource Source { get; init; } = OkxCandleSource.Recent;

    /// <summary>Only candles that opened before this time (exclusive), Unix nanoseconds (sent in milliseconds); null for the newest.</summary>
    public long? OpenedBefore { get; init; }

    /// <summary>Only candles that opened after this time (exclusive), Unix nanoseconds; null for no lower bound.</summary>
    public long? OpenedAfter { get; init; }

    /// <summary>Candles per page, up to 300; null for OKX's default (100).</summary>
    public int? Limit { get; init; }
}
