namespace FlowSight.Core;

/// <summary>A cancel request left for the venue.</summary>
/// <param name="ClientOrderId">Our id.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="Timestamp">Unix ns.</param>
public readonly record struct OrderPendingCancel(ClientOrderId ClientOrderId, InstrumentId Instrument, long Timestamp);
