using FlowSight.Core;

namespace FlowSight.Venues.GateIo.Parsing;

/// <summary>Gate.io's candlestick intervals (<c>10s</c>, <c>1m</c> … <c>8h</c>, <c>1d</c>, <c>7d</c>, <c>30d</c>) to and from <see cref="CandleInterval"/>.</summary>
public static class GateIoCandleIntervals
{
    /// <summary>Maps a Gate interval; false for intervals FlowSight has no value for (<c>10s</c>).</summary>
    public static bool TryParse(ReadOnlySpan<byte> code, out CandleInterval interval)
    {
        interval = code switch
        {
            _ when code.SequenceEqual("1m"u8) => CandleInterval.OneMinute,
            _ when code.SequenceEqual("5m"u8) => CandleInterval.FiveMinutes,
            _ when code.SequenceEqual("15m"u8) => CandleInterval.FifteenMinutes,
            _ when code.SequenceEqual("30m"u8) => CandleInterval.ThirtyMinutes,
            _ when code.SequenceEqual("1h"u8) => CandleInterval.OneHour,
            _ when code.SequenceEqual("4h"u8) => CandleInterval.FourHours,
            _ when code.SequenceEqual("8h"u8) => CandleInterval.EightHours,
            _ when code.SequenceEqual("1d"u8) => CandleInterval.OneDay,
            _ when code.SequenceEqual("7d"u8) => CandleInterval.OneWeek,
            _ when code.SequenceEqual("30d"u8) => CandleInterval.OneMonth,
            _ => default,
        };
        return interval != default;
    }

    /// <summary>The Gate code of <paramref name="interval"/> (for subscriptions).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Gate has no such interval.</exception>
    public static string ToCode(CandleInterval interval) => interval switch
    {
        CandleInterval.OneMinute => "1m",
        CandleInterval.FiveMinutes => "5m",
        CandleInterval.FifteenMinutes => "15m",
        CandleInterval.ThirtyMinutes => "30m",
        CandleInterval.OneHour => "1h",
        CandleInterval.FourHours => "4h",
        CandleInterval.EightHours => "8h",
        CandleInterval.OneDay => "1d",
        CandleInterval.OneWeek => "7d",
        CandleInterval.OneMonth => "30d",
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "Gate.io has no such candlestick interval."),
    };
}
