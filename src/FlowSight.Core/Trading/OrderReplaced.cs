namespace FlowSight.Core;

/// <summary>The venue changed the order's quantity or prices.</summary>
/// <param name="ClientOrderId">Our id (the new one when the venue replaced by cancel and resubmit).</param>
/// <param name="VenueOrderId">The venue's id.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="Quantity">Total quantity now.</param>
/// <param name="Price">Limit price now.</param>
/// <param name="TriggerPrice">Trigger price now.</param>
/// <param name="Timestamp">Unix ns.</param>
public readonly record struct OrderReplaced(ClientOrderId ClientOrderId, VenueOrderId VenueOrderId, InstrumentId Instrument, Quantity Quantity, Price? Price, Price? TriggerPrice, long Timestamp);
