namespace FlowSight.Core;

/// <summary>The order is canceled at the venue (what filled before stays filled).</summary>
/// <param name="ClientOrderId">Our id.</param>
/// <param name="VenueOrderId">The venue's id.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="Timestamp">Unix ns.</param>
public readonly record struct OrderCanceled(ClientOrderId ClientOrderId, VenueOrderId VenueOrderId, InstrumentId Instrument, long Timestamp);
