using FlowSight.Core;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>Asks for every candle whose open time lies in [<paramref name="StartTime"/>, <paramref name="EndTime"/>], paging as needed.</summary>
/// <param name="Symbol">Binance's symbol, e.g. <c>BTCUSDT</c>.</param>
/// <param name="Interval">The candle length.</param>
/// <param name="StartTime">The first open time wanted, Unix nanoseconds.</param>
/// <param name="EndTime">The last open time wanted (inclusive), Unix nanoseconds.</param>
public sealed record KlineBackfillRequest(string Symbol, CandleInterval Interval, long StartTime, long EndTime)
{
    /// <summary>
    /// Candles per request: spot up to 1000, futures up to 1500. The default, 1000, is the cheapest per candle on
    /// futures too (weight 5 for 1000 against 10 for 1500).
    /// </summary>
    public int PageSize { get; init; } = 1000;
}
