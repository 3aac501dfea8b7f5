using FlowSight.Core;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>Asks for one page of candlesticks: either a time range (<c>from</c>/<c>to</c>) or the latest <see cref="Limit"/> (Gate refuses both together).</summary>
/// <param name="Market">Spot or USDT futures.</param>
/// <param name="Name">The currency pair or contract.</param>
/// <param name="Interval">The candle length (<see cref="GateIoIntervals"/>).</param>
public sealed record GateIoCandlesRequest(GateIoMarket Market, string Name, CandleInterval Interval)
{
    /// <summary>The first open time wanted (inclusive), Unix nanoseconds (sent in seconds); null for none.</summary>
    public long? From { get; init; }

    /// <summary>The last open time wanted (inclusive), Unix nanoseconds; null for now.</summary>
    public long? To { get; init; }

    /// <summary>The latest candles to return when no range is given (at most 1000); null for Gate's default (100).</summary>
    public int? Limit { get; init; }
}
