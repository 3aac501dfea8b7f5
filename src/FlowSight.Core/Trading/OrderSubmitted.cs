namespace FlowSight.Core;

/// <summary>The order left the engine for the venue.</summary>
/// <param name="ClientOrderId">Our id.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="Timestamp">Unix ns.</param>
public readonly record struct OrderSubmitted(ClientOrderId ClientOrderId, InstrumentId Instrument, long Timestamp);
