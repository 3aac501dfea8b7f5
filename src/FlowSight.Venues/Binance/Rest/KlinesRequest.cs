using FlowSight.Core;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>Asks for one page of <c>klines</c>.</summary>
/// <param name="Symbol">Binance's symbol, e.g. <c>BTCUSDT</c>.</param>
/// <param name="Interval">The candle length.</param>
public sealed record KlinesRequest(string Symbol, CandleInterval Interval)
{
    /// <summary>The earliest open time wanted, Unix nanoseconds (sent in milliseconds); null for none.</summary>
    public long? StartTime { get; init; }

    /// <summary>The latest open time wanted, Unix nanoseconds; null for none.</summary>
    public long? EndTime { get; init; }

    /// <summary>The most candles returned: spot up to 1000, futures up to 1500; null for Binance's default (500).</summary>
    public int? Limit { get; init; }
}
