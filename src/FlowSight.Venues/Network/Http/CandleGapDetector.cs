using FlowSight.Core;

namespace FlowSight.Venues.Network.Http;

/// <summary>
/// Finds the candle intervals missing from a run of candles: between consecutive candles more than one interval
/// apart, before the first and after the last within the range asked for, or the whole range when there is none.
/// Candles count from the received open times, so only an empty range has to assume a grid: it counts from the
/// range's start. Venue-neutral (OKX and Gate.io backfills use it).
/// </summary>
public static class CandleGapDetector
{
    /// <summary>
    /// The gaps in <paramref name="candles"/> (sorted by open time, no duplicates) for open times in
    /// [<paramref name="start"/>, <paramref name="end"/>]; no candle is expected to open after
    /// <paramref name="lastExpectedOpen"/> (the venue's present, or the last closed interval), so the range is cut there.
    /// </summary>
    public static IReadOnlyList<CandleGap> Detect(IReadOnlyList<Candle> candles, CandleInterval interval, long start, long end, long lastExpectedOpen)
    {
        ArgumentNullException.ThrowIfNull(candles);
        var lastOpen = Math.Min(end, lastExpectedOpen);
        var gaps = new List<CandleGap>();
        if (candles.Count == 0)
        {
            if (start <= lastOpen)
            {
                var missing = 1 + CandleCalendar.CountAfter(interval, start, lastOpen + 1);
                gaps.Add(new CandleGap(start, CandleCalendar.Add(interval, start, missing), missing, CandleGapKind.WholeRange));
            }

            return gaps;
        }

        var first = candles[0].OpenTime;
        var leading = CandleCalendar.CountBefore(interval, first, start);
        if (leading > 0)
        {
            gaps.Add(new CandleGap(CandleCalendar.Add(interval, first, -leading), first, leading, CandleGapKind.Leading));
        }

        for (var i = 1; i < candles.Count; i++)
        {
            var previous = candles[i - 1].OpenTime;
            var missing = CandleCalendar.CountAfter(interval, previous, candles[i].OpenTime);
            if (missing > 0)
            {
                gaps.Add(new CandleGap(CandleCalendar.Add(interval, previous, 1), candles[i].OpenTime, missing, CandleGapKind.Interior));
            }
        }

        var last = candles[^1].OpenTime;
        var trailing = CandleCalendar.CountAfter(interval, last, lastOpen + 1);
        if (trailing > 0)
        {
            gaps.Add(new CandleGap(CandleCalendar.Add(interval, last, 1), CandleCalendar.Add(interval, last, trailing + 1), trailing, CandleGapKind.Trailing));
        }

        return gaps;
    }
}
