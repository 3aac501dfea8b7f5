namespace FlowSight.Core;

/// <summary>The venue refused the order.</summary>
/// <param name="ClientOrderId">Our id.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="Code">The venue's error code, when it gave one.</param>
/// <param name="Reason">Why, for a person.</param>
/// <param name="Timestamp">Unix ns.</param>
public readonly record struct OrderRejected(ClientOrderId ClientOrderId, InstrumentId Instrument, string? Code, string Reason, long Timestamp);
