namespace FlowSight.Core;

/// <summary>The venue acknowledged the order and gave it an id.</summary>
/// <param name="ClientOrderId">Our id.</param>
/// <param name="VenueOrderId">The venue's id.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="Timestamp">Unix ns.</param>
public readonly record struct OrderAccepted(ClientOrderId ClientOrderId, VenueOrderId VenueOrderId, InstrumentId Instrument, long Timestamp);
