using FlowSight.Core;

namespace FlowSight.Venues.Binance.Parsing;

/// <summary>
/// A rolling 24-hour window statistic (<c>24hrTicker</c>, from <c>@ticker</c> or <c>!ticker@arr</c>). Binance-specific:
/// Core has no such event. Fields spot has and futures lacks (best bid/ask, previous close) are left out.
/// </summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="PriceChange">Last price minus the window's open (<c>p</c>; may be negative).</param>
/// <param name="PriceChangePercent">The change in percent (<c>P</c>).</param>
/// <param name="WeightedAveragePrice">Volume-weighted average price (<c>w</c>).</param>
/// <param name="LastPrice">Last trade price (<c>c</c>).</param>
/// <param name="LastQuantity">Last trade quantity (<c>Q</c>).</param>
/// <param name="Open">Open price of the window (<c>o</c>).</param>
/// <param name="High">High price (<c>h</c>).</param>
/// <param name="Low">Low price (<c>l</c>).</param>
/// <param name="Volume">Base asset volume (<c>v</c>).</param>
/// <param name="QuoteVolume">Quote asset volume (<c>q</c>).</param>
/// <param name="OpenTime">Window start, Unix nanoseconds (<c>O</c>).</param>
/// <param name="CloseTime">Window end, Unix nanoseconds (<c>C</c>).</param>
/// <param name="FirstTradeId">First trade id in the window (<c>F</c>; -1 when none).</param>
/// <param name="LastTradeId">Last trade id in the window (<c>L</c>; -1 when none).</param>
/// <param name="TradeCount">Number of trades (<c>n</c>).</param>
/// <param name="EventTime">The venue's event time, Unix nanoseconds (<c>E</c>).</param>
/// <param name="ReceiveTime">When we received it, Unix nanoseconds.</param>
public readonly record struct Binance24hTicker(
    InstrumentId Instrument,
    Price PriceChange,
    Price PriceChangePercent,
    Price WeightedAveragePrice,
    Price LastPrice,
    Quantity LastQuantity,
    Price Open,
    Price High,
    Price Low,
    Quantity Volume,
    Money QuoteVolume,
    long OpenTime,
    long CloseTime,
    long FirstTradeId,
    long LastTradeId,
    long TradeCount,
    long EventTime,
    long ReceiveTime) : IInstrumentEvent;
