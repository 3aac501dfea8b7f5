using FlowSight.Core;

namespace FlowSight.Venues.Network.Http;

/// <summary>Open-time arithmetic for candle intervals: fixed lengths, and calendar months for <see cref="CandleInterval.OneMonth"/>.</summary>
public static class CandleCalendar
{
    /// <summary>The open time <paramref name="count"/> intervals after (or, when negative, before) <paramref name="openTime"/>.</summary>
    public static long Add(CandleInterval interval, long openTime, long count) => interval == CandleInterval.OneMonth
        ? UnixNanos.FromDateTimeOffset(UnixNanos.ToDateTimeOffset(openTime).AddMonths(checked((int)count)))
        : checked(openTime + (count * interval.ToNanoseconds()));

    /// <summary>How many open times <c>Add(anchor, k)</c> with k ≥ 1 fall before <paramref name="endExclusive"/>.</summary>
    public static long CountAfter(CandleInterval interval, long anchor, long endExclusive)
    {
        if (endExclusive <= anchor)
        {
            return 0;
        }

        if (interval != CandleInterval.OneMonth)
        {
            return (endExclusive - anchor - 1) / interval.ToNanoseconds();
        }

        long count = 0;
        while (Add(interval, anchor, count + 1) < endExclusive)
        {
            count++;
        }

        return count;
    }

    /// <summary>How many open times <c>Add(anchor, -k)</c> with k ≥ 1 fall at or after <paramref name="startInclusive"/>.</summary>
    public static long CountBefore(CandleInterval interval, long anchor, long startInclusive)
    {
        if (startInclusive >= anchor)
        {
            return 0;
        }

        if (interval != CandleInterval.OneMonth)
        {
            return (anchor - startInclusive) / interval.ToNanoseconds();
        }

        long count = 0;
        while (Add(interval, anchor, -(count + 1)) >= startInclusive)
        {
            count++;
        }

        return count;
    }
}
