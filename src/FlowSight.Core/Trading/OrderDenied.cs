namespace FlowSight.Core;

/// <summary>The risk engine refused a command before it reached the venue.</summary>
/// <param name="Command">Which command.</param>
/// <param name="ClientOrderId">The order it was about (default for cancel-all).</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="Check">The check that refused (e.g. <c>max-notional</c>).</param>
/// <param name="Reason">Why, for a person: the limit and the value that broke it.</param>
/// <param name="Timestamp">Unix ns.</param>
public readonly record struct OrderDenied(TradingCommandKind Command, ClientOrderId ClientOrderId, InstrumentId Instrument, string Check, string Reason, long Timestamp);
