namespace FlowSight.Venues.Network.Http;

/// <summary>Candles missing from a backfilled range (OKX, Gate.io).</summary>
/// <param name="FirstMissingOpenTime">The open time of the first missing candle, Unix nanoseconds.</param>
/// <param name="End">Where the gap ends (exclusive): the next candle's open time, or the end of the range checked, Unix nanoseconds.</param>
/// <param name="MissingCandles">How many candle intervals are missing.</param>
/// <param name="Kind">Where the gap is.</param>
public readonly record struct CandleGap(long FirstMissingOpenTime, long End, long MissingCandles, CandleGapKind Kind);
