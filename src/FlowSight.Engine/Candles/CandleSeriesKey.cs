using FlowSight.Core;

namespace FlowSight.Engine.Candles;

/// <summary>One candle series: an instrument at one interval.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Interval">The candle length.</param>
public readonly record struct CandleSeriesKey(InstrumentId Instrument, CandleInterval Interval);
