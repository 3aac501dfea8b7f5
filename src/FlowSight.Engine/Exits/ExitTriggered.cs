using FlowSight.Core;

namespace FlowSight.Engine.Exits;

/// <summary>An exit fired: a locally watched one sent its closing order, or a venue-native one filled.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="PositionSide">The leg.</param>
/// <param name="Kind">Which exit fired.</param>
/// <param name="Price">The price that fired it (null for a time stop checked by the timer without a price).</param>
/// <param name="Order">The closing order's id (the native stop or take-profit order when the venue fired it).</param>
/// <param name="Timestamp">When, Unix nanoseconds.</param>
public readonly record struct ExitTriggered(InstrumentId Instrument, PositionSide PositionSide, ExitKind Kind, Price? Price, ClientOrderId Order, long Timestamp);
