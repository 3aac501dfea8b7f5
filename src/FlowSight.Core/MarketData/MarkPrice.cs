namespace FlowSight.Core;

/// <summary>A perpetual's mark and index price with its current funding (Binance <c>markPriceUpdate</c>, OKX <c>mark-price</c> + <c>funding-rate</c>).</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Mark">The mark price (used for unrealised PnL and liquidation).</param>
/// <param name="Index">The index price (the spot reference).</param>
/// <param name="EstimatedSettle">The estimated settle price, or default when the venue sends none.</param>
/// <param name="FundingRate">The current funding rate for the next settlement, e.g. 0.0001 = 0.01 %.</param>
/// <param name="NextFundingTime">The next funding settlement, Unix nanoseconds.</param>
/// <param name="EventTime">The venue's event time, Unix nanoseconds.</param>
/// <param name="ReceiveTime">When we received it, Unix nanoseconds.</param>
public readonly record struct MarkPrice(
    InstrumentId Instrument,
    Price Mark,
    Price Index,
    Price EstimatedSettle,
    decimal FundingRate,
    long NextFundingTime,
    long EventTime,
    long ReceiveTime) : IInstrumentEvent;
