namespace FlowSight.Core;

/// <summary>One trade printed by the venue (Binance <c>trade</c>/<c>aggTrade</c>, OKX <c>trades</c>, Gate.io <c>*.trades</c>).</summary>
/// <param name="Instrument">The instrument traded.</param>
/// <param name="Price">The trade price.</param>
/// <param name="Size">The quantity traded (in contracts where the venue quotes contracts).</param>
/// <param name="Aggressor">Which side took liquidity.</param>
/// <param name="TradeId">The venue's trade id (for aggregated trades, the aggregate id).</param>
/// <param name="EventTime">The venue's trade time, Unix nanoseconds.</param>
/// <param name="ReceiveTime">When we received it, Unix nanoseconds.</param>
public readonly record struct TradeTick(
    InstrumentId Instrument,
    Price Price,
    Quantity Size,
    AggressorSide Aggressor,
    long TradeId,
    long EventTime,
    long ReceiveTime) : IInstrumentEvent;
