using FlowSight.Core;

namespace FlowSight.Simulator.Orders;

/// <summary>Cancels an open order by the exchange's id, or by client order id when <see cref="OrderId"/> is 0.</summary>
public readonly record struct SimCancelRequest(int AccountId, InstrumentId Instrument, long OrderId, ClientOrderId ClientOrderId = default);
