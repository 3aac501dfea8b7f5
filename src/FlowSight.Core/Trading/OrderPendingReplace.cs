namespace FlowSight.Core;

/// <summary>A replace request left for the venue.</summary>
/// <param name="ClientOrderId">Our id.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="Timestamp">Unix ns.</param>
public readonly record struct OrderPendingReplace(ClientOrderId ClientOrderId, InstrumentId Instrument, long Timestamp);
