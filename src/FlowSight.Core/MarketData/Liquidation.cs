namespace FlowSight.Core;

/// <summary>A forced liquidation order seen on the market (Binance <c>forceOrder</c>, OKX <c>liquidation-orders</c>).</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Side">The liquidation order's side (a sell liquidates a long).</param>
/// <param name="Price">The order's price.</param>
/// <param name="AveragePrice">The average fill price.</param>
/// <param name="Quantity">The order's quantity.</param>
/// <param name="FilledQuantity">The quantity filled so far.</param>
/// <param name="Status">The order's status as the venue reports it.</param>
/// <param name="EventTime">The venue's event time, Unix nanoseconds.</param>
/// <param name="ReceiveTime">When we received it, Unix nanoseconds.</param>
public readonly record struct Liquidation(
    InstrumentId Instrument,
    OrderSide Side,
    Price Price,
    Price AveragePrice,
    Quantity Quantity,
    Quantity FilledQuantity,
    OrderStatus Status,
    long EventTime,
    long ReceiveTime) : IInstrumentEvent;
