namespace FlowSight.Core;

/// <summary>The best bid and offer (Binance <c>bookTicker</c>, OKX <c>bbo-tbt</c>, Gate.io <c>*.book_ticker</c>).</summary>
/// <param name="Instrument">The instrument quoted.</param>
/// <param name="BidPrice">The best bid price.</param>
/// <param name="BidSize">The quantity at the best bid.</param>
/// <param name="AskPrice">The best ask price.</param>
/// <param name="AskSize">The quantity at the best ask.</param>
/// <param name="UpdateId">The venue's book update id for this quote (Binance <c>u</c>), or 0.</param>
/// <param name="EventTime">The venue's event time, Unix nanoseconds (0 when the venue sends none).</param>
/// <param name="ReceiveTime">When we received it, Unix nanoseconds.</param>
public readonly record struct QuoteTick(
    InstrumentId Instrument,
    Price BidPrice,
    Quantity BidSize,
    Price AskPrice,
    Quantity AskSize,
    long UpdateId,
    long EventTime,
    long ReceiveTime) : IInstrumentEvent;
