namespace FlowSight.Core;

/// <summary>The venue refused a cancel or replace; the order stays as it was.</summary>
/// <param name="Command">Cancel or replace.</param>
/// <param name="ClientOrderId">Our id.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="Code">The venue's error code.</param>
/// <param name="Reason">Why, for a person.</param>
/// <param name="Timestamp">Unix ns.</param>
public readonly record struct OrderModifyRejected(TradingCommandKind Command, ClientOrderId ClientOrderId, InstrumentId Instrument, string? Code, string Reason, long Timestamp);
