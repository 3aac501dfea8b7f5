using FlowSight.Core;

namespace FlowSight.Simulator.Orders;

/// <summary>
/// Changes an open limit order's price and/or quantity (Binance <c>PUT /fapi/v1/order</c>, OKX <c>amend-order</c>):
/// the order is found by the exchange's id, or by client order id when <see cref="OrderId"/> is 0. A default
/// <see cref="NewPrice"/> or <see cref="NewQuantity"/> keeps the current value.
/// </summary>
public readonly record struct SimAmendRequest(
    int AccountId,
    InstrumentId Instrument,
    long OrderId,
    ClientOrderId ClientOrderId,
    Price NewPrice,
    Quantity NewQuantity);
