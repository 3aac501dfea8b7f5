using FlowSight.Core;

namespace FlowSight.Venues.Okx.Rest;

/// <summary>
/// OKX's <c>bar</c> parameter for a <see cref="CandleInterval"/>. OKX aligns 6 h and longer bars to UTC+8 unless the
/// <c>utc</c> variant is asked for; FlowSight's candles are UTC, so those use <c>6Hutc</c>, <c>1Dutc</c>, <c>1Wutc</c>…
/// </summary>
public static class OkxBars
{
    /// <summary>The bar code, e.g. <c>1m</c>, <c>1H</c>, <c>1Dutc</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">OKX has no such bar (8 h).</exception>
    public static string ToBar(CandleInterval interval) => interval switch
    {
        CandleInterval.OneSecond => "1s",
        CandleInterval.OneMinute => "1m",
        CandleInterval.ThreeMinutes => "3m",
        CandleInterval.FiveMinutes => "5m",
        CandleInterval.FifteenMinutes => "15m",
        CandleInterval.ThirtyMinutes => "30m",
        CandleInterval.OneHour => "1H",
        CandleInterval.TwoHours => "2H",
        CandleInterval.FourHours => "4H",
        CandleInterval.SixHours => "6Hutc",
        CandleInterval.TwelveHours => "12Hutc",
        CandleInterval.OneDay => "1Dutc",
        CandleInterval.ThreeDays => "3Dutc",
        CandleInterval.OneWeek => "1Wutc",
        CandleInterval.OneMonth => "1Mutc",
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, $"OKX offers no {interval} bar."),
    };
}
