using FlowSight.Core;

namespace FlowSight.Engine.Candles;

/// <summary>Which candles a <see cref="CandleAggregator"/> builds.</summary>
public sealed record CandleAggregatorOptions
{
    /// <summary>The intervals built for every instrument that trades (fixed-length intervals only: not 1M).</summary>
    public IReadOnlyList<CandleInterval> Intervals { get; init; } =
    [
        CandleInterval.OneSecond,
        CandleInterval.OneMinute,
        CandleInterval.FiveMinutes,
        CandleInterval.FifteenMinutes,
        CandleInterval.OneHour,
        CandleInterval.FourHours,
        CandleInterval.OneDay,
    ];
}
