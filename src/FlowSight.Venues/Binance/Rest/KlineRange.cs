namespace FlowSight.Venues.Binance.Rest;

/// <summary>A range of open times asked for, Unix nanoseconds, both ends inclusive (as Binance's startTime/endTime).</summary>
/// <param name="StartTime">The first open time.</param>
/// <param name="EndTime">The last open time.</param>
public readonly record struct KlineRange(long StartTime, long EndTime);
