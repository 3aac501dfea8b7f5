using FlowSight.Core;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>Gate.io's candlestick <c>interval</c> for a <see cref="CandleInterval"/>, per market.</summary>
public static class GateIoIntervals
{
    /// <summary>The interval code, e.g. <c>1m</c>, <c>4h</c>, <c>7d</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Gate offers no such interval on <paramref name="market"/>.</exception>
    public static string ToCode(GateIoMarket market, CandleInterval interval) => (market, interval) switch
    {
        (_, CandleInterval.OneMinute) => "1m",
        (_, CandleInterval.FiveMinutes) => "5m",
        (_, CandleInterval.FifteenMinutes) => "15m",
        (_, CandleInterval.ThirtyMinutes) => "30m",
        (_, CandleInterval.OneHour) => "1h",
        (_, CandleInterval.FourHours) => "4h",
        (_, CandleInterval.EightHours) => "8h",
        (_, CandleInterval.OneDay) => "1d",
        (_, CandleInterval.OneWeek) => "7d",
        (GateIoMarket.UsdtFutures, CandleInterval.TwoHours) => "2h",
        (GateIoMarket.UsdtFutures, CandleInterval.SixHours) => "6h",
        (GateIoMarket.UsdtFutures, CandleInterval.TwelveHours) => "12h",
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, $"Gate.io {market} offers no {interval} candlesticks."),
    };
}
