namespace FlowSight.Core;

/// <summary>An OHLCV candle (Binance <c>kline</c>, OKX <c>candle*</c>, Gate.io <c>*.candlesticks</c>, or our own aggregation).</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Interval">The candle's length.</param>
/// <param name="OpenTime">Start of the candle, Unix nanoseconds.</param>
/// <param name="CloseTime">End of the candle (exclusive), Unix nanoseconds.</param>
/// <param name="Open">First trade price.</param>
/// <param name="High">Highest trade price.</param>
/// <param name="Low">Lowest trade price.</param>
/// <param name="Close">Last trade price.</param>
/// <param name="Volume">Base (or contract) volume.</param>
/// <param name="QuoteVolume">Quote-asset volume.</param>
/// <param name="TradeCount">Number of trades.</param>
/// <param name="IsClosed">True once the candle's interval is over and it will not change.</param>
/// <param name="EventTime">The venue's event time, Unix nanoseconds.</param>
/// <param name="ReceiveTime">When we received or built it, Unix nanoseconds.</param>
public readonly record struct Candle(
    InstrumentId Instrument,
    CandleInterval Interval,
    long OpenTime,
    long CloseTime,
    Price Open,
    Price High,
    Price Low,
    Price Close,
    Quantity Volume,
    Money QuoteVolume,
    long TradeCount,
    bool IsClosed,
    long EventTime,
    long ReceiveTime) : IInstrumentEvent;
