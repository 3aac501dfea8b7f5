namespace FlowSight.Core;

/// <summary>A funding rate, settled or predicted (Binance <c>fundingRate</c> history, OKX <c>funding-rate</c>, Gate.io funding).</summary>
/// <param name="Instrument">The perpetual.</param>
/// <param name="Rate">The rate per funding interval, e.g. 0.0001 = 0.01 %; longs pay shorts when positive.</param>
/// <param name="FundingTime">The settlement time the rate applies to, Unix nanoseconds.</param>
/// <param name="IntervalHours">The funding interval in hours (8 on most perpetuals; some use 1 or 4).</param>
/// <param name="EventTime">The venue's event time, Unix nanoseconds.</param>
/// <param name="ReceiveTime">When we received it, Unix nanoseconds.</param>
public readonly record struct FundingRate(
    InstrumentId Instrument,
    decimal Rate,
    long FundingTime,
    int IntervalHours,
    long EventTime,
    long ReceiveTime) : IInstrumentEvent;
