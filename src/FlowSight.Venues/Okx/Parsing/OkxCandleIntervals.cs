using FlowSight.Core;

namespace FlowSight.Venues.Okx.Parsing;

/// <summary>
/// OKX's candle channel suffixes (<c>candle1m</c>, <c>candle1H</c>, <c>candle1D</c>, <c>candle1Dutc</c>, <c>candle1M</c>…)
/// to <see cref="CandleInterval"/>. OKX writes hours, days and weeks in upper case and months as <c>M</c>, so case matters.
/// </summary>
public static class OkxCandleIntervals
{
    /// <summary>Maps a suffix such as <c>1H</c> or <c>1Dutc</c>; false for intervals FlowSight has no value for (2D, 5D, 3M…).</summary>
    public static bool TryParse(ReadOnlySpan<byte> suffix, out CandleInterval interval)
    {
        // The "utc" variants align 6H and longer candles to UTC instead of UTC+8; the open time carries the alignment.
        if (suffix.EndsWith("utc"u8))
        {
            suffix = suffix[..^3];
        }

        interval = suffix switch
        {
            _ when suffix.SequenceEqual("1s"u8) => CandleInterval.OneSecond,
            _ when suffix.SequenceEqual("1m"u8) => CandleInterval.OneMinute,
            _ when suffix.SequenceEqual("3m"u8) => CandleInterval.ThreeMinutes,
            _ when suffix.SequenceEqual("5m"u8) => CandleInterval.FiveMinutes,
            _ when suffix.SequenceEqual("15m"u8) => CandleInterval.FifteenMinutes,
            _ when suffix.SequenceEqual("30m"u8) => CandleInterval.ThirtyMinutes,
            _ when suffix.SequenceEqual("1H"u8) => CandleInterval.OneHour,
            _ when suffix.SequenceEqual("2H"u8) => CandleInterval.TwoHours,
            _ when suffix.SequenceEqual("4H"u8) => CandleInterval.FourHours,
            _ when suffix.SequenceEqual("6H"u8) => CandleInterval.SixHours,
            _ when suffix.SequenceEqual("12H"u8) => CandleInterval.TwelveHours,
            _ when suffix.SequenceEqual("1D"u8) => CandleInterval.OneDay,
            _ when suffix.SequenceEqual("3D"u8) => CandleInterval.ThreeDays,
            _ when suffix.SequenceEqual("1W"u8) => CandleInterval.OneWeek,
            _ when suffix.SequenceEqual("1M"u8) => CandleInterval.OneMonth,
            _ => default,
        };
        return interval != default;
    }
}
