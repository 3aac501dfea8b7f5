namespace FlowSight.Core;

/// <summary>A candle's length, as venues name them (<c>1s</c>, <c>1m</c> … <c>1M</c>).</summary>
public enum CandleInterval : byte
{
    /// <summary>One second.</summary>
    OneSecond = 1,
    /// <summary>One minute.</summary>
    OneMinute,
    /// <summary>Three minutes.</summary>
    ThreeMinutes,
    /// <summary>Five minutes.</summary>
    FiveMinutes,
    /// <summary>Fifteen minutes.</summary>
    FifteenMinutes,
    /// <summary>Thirty minutes.</summary>
    ThirtyMinutes,
    /// <summary>One hour.</summary>
    OneHour,
    /// <summary>Two hours.</summary>
    TwoHours,
    /// <summary>Four hours.</summary>
    FourHours,
    /// <summary>Six hours.</summary>
    SixHours,
    /// <summary>Eight hours.</summary>
    EightHours,
    /// <summary>Twelve hours.</summary>
    TwelveHours,
    /// <summary>One day (UTC).</summary>
    OneDay,
    /// <summary>Three days.</summary>
    ThreeDays,
    /// <summary>One week (venues start it on Monday 00:00 UTC).</summary>
    OneWeek,
    /// <summary>One calendar month (not a fixed length).</summary>
    OneMonth,
}

/// <summary>Conversions of <see cref="CandleInterval"/>.</summary>
public static class CandleIntervalExtensions
{
    private static readonly (CandleInterval Interval, string Code, long Seconds)[] Table =
    [
        (CandleInterval.OneSecond, "1s", 1),
        (CandleInterval.OneMinute, "1m", 60),
        (CandleInterval.ThreeMinutes, "3m", 180),
        (CandleInterval.FiveMinutes, "5m", 300),
        (CandleInterval.FifteenMinutes, "15m", 900),
        (CandleInterval.ThirtyMinutes, "30m", 1_800),
        (CandleInterval.OneHour, "1h", 3_600),
        (CandleInterval.TwoHours, "2h", 7_200),
        (CandleInterval.FourHours, "4h", 14_400),
        (CandleInterval.SixHours, "6h", 21_600),
        (CandleInterval.EightHours, "8h", 28_800),
        (CandleInterval.TwelveHours, "12h", 43_200),
        (CandleInterval.OneDay, "1d", 86_400),
        (CandleInterval.ThreeDays, "3d", 259_200),
        (CandleInterval.OneWeek, "1w", 604_800),
        (CandleInterval.OneMonth, "1M", 0),
    ];

    /// <summary>The Binance-style code, e.g. <c>1m</c>, <c>4h</c>, <c>1M</c>.</summary>
    public static string ToCode(this CandleInterval interval) => Entry(interval).Code;

    /// <summary>The fixed length in nanoseconds.</summary>
    /// <exception cref="InvalidOperationException">For <see cref="CandleInterval.OneMonth"/>, whose length varies.</exception>
    public static long ToNanoseconds(this CandleInterval interval)
    {
        var seconds = Entry(interval).Seconds;
        return seconds > 0
            ? seconds * UnixNanos.PerSecond
            : throw new InvalidOperationException("A calendar month has no fixed length; use the calendar to find its bounds.");
    }

    /// <summary>Parses a Binance-style code (<c>1m</c>; case matters: <c>1M</c> is a month).</summary>
    /// <exception cref="FormatException">The code is not a known interval.</exception>
    public static CandleInterval ParseCode(string code)
    {
        foreach (var entry in Table)
        {
            if (string.Equals(entry.Code, code, StringComparison.Ordinal))
            {
                return entry.Interval;
            }
        }

        throw new FormatException($"Unknown candle interval '{code}'; expected one of {string.Join(", ", Table.Select(e => e.Code))}.");
    }

    private static (CandleInterval Interval, string Code, long Seconds) Entry(CandleInterval interval)
    {
        var index = (int)interval - 1;
        return (uint)index < (uint)Table.Length
            ? Table[index]
            : throw new ArgumentOutOfRangeException(nameof(interval), interval, "Unknown candle interval.");
    }
}
