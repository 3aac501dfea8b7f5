namespace FlowSight.Core;

/// <summary>Open interest of a derivative (Binance <c>openInterest</c>, OKX <c>open-interest</c>, Gate.io tickers).</summary>
/// <param name="Instrument">The derivative.</param>
/// <param name="Quantity">Open interest in contracts (or base units where the venue reports those).</param>
/// <param name="Value">Open interest value in the quote asset, or default when the venue sends none.</param>
/// <param name="EventTime">The venue's time, Unix nanoseconds.</param>
/// <param name="ReceiveTime">When we received it, Unix nanoseconds.</param>
public readonly record struct OpenInterest(
    InstrumentId Instrument,
    Quantity Quantity,
    Money Value,
    long EventTime,
    long ReceiveTime) : IInstrumentEvent;
