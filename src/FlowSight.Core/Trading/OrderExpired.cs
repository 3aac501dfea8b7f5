namespace FlowSight.Core;

/// <summary>The venue expired the order (IOC/FOK remainder, GTX that would take, GTD time).</summary>
/// <param name="ClientOrderId">Our id.</param>
/// <param name="VenueOrderId">The venue's id.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="Reason">Why, when the venue said.</param>
/// <param name="Timestamp">Unix ns.</param>
public readonly record struct OrderExpired(ClientOrderId ClientOrderId, VenueOrderId VenueOrderId, InstrumentId Instrument, string? Reason, long Timestamp);
