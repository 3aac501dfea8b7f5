using FlowSight.Core;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>
/// Finds the candle intervals missing from a run of candles: between consecutive candles more than one interval
/// apart, before the first and after the last within the range asked for, or the whole range when there is none.
/// Candles count from the received open times (Binance aligns 1w to Mondays and 1M to calendar months), so only an
/// empty range has to assume a grid: it counts from the range's start.
/// </summary>
public static class KlineGapDetector
{
    /// <summary>
    /// The gaps in <paramref name="candles"/> (sorted by open time, no duplicates) for open times in
    /// [<paramref name="start"/>, <paramref name="end"/>]; no candle can open after <paramref name="now"/> (the venue's
    /// present), so the range is cut there.
    /// </summary>
    public static IReadOnlyList<KlineGap> Detect(IReadOnlyList<Candle> candles, CandleInterval interval, long start, long end, long now)
    {
        ArgumentNullException.ThrowIfNull(candles);
        var lastOpen = Math.Min(end, now);
        var gaps = new List<KlineGap>();
        if (candles.Count == 0)
        {
            if (start <= lastOpen)
            {
                var missing = 1 + KlineCalendar.CountAfter(interval, start, lastOpen + 1);
                gaps.Add(new KlineGap(start, KlineCalendar.Add(interval, start, missing), missing, KlineGapKind.WholeRange));
            }

            return gaps;
        }

        var first = candles[0].OpenTime;
        var leading = KlineCalendar.CountBefore(interval, first, start);
        if (leading > 0)
        {
            gaps.Add(new KlineGap(KlineCalendar.Add(interval, first, -leading), first, leading, KlineGapKind.Leading));
        }

        for (var i = 1; i < candles.Count; i++)
        {
            var previous = candles[i - 1].OpenTime;
            var missing = KlineCalendar.CountAfter(interval, previous, candles[i].OpenTime);
            if (missing > 0)
            {
                gaps.Add(new KlineGap(KlineCalendar.Add(interval, previous, 1), candles[i].OpenTime, missing, KlineGapKind.Interior));
            }
        }

        var last = candles[^1].OpenTime;
        var trailing = KlineCalendar.CountAfter(interval, last, lastOpen + 1);
        if (trailing > 0)
        {
            gaps.Add(new KlineGap(KlineCalendar.Add(interval, last, 1), KlineCalendar.Add(interval, last, trailing + 1), trailing, KlineGapKind.Trailing));
        }

        return gaps;
    }
}
