using FlowSight.Core;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>Asks for every candle whose open time lies in [<paramref name="StartTime"/>, <paramref name="EndTime"/>], paging forwards.</summary>
/// <param name="Market">Spot or USDT futures.</param>
/// <param name="Name">The currency pair or contract.</param>
/// <param name="Interval">The candle length.</param>
/// <param name="StartTime">The first open time wanted, Unix nanoseconds.</param>
/// <param name="EndTime">The last open time wanted (inclusive), Unix nanoseconds.</param>
public sealed record GateIoCandleBackfillRequest(GateIoMarket Market, string Name, CandleInterval Interval, long StartTime, long EndTime)
{
    /// <summary>Intervals per request; Gate returns at most 1000 points per query.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>Keep the still-forming candle; when false it is dropped and not counted as missing.</summary>
    public bool IncludeUnclosed { get; init; }
}
