using FlowSight.Core;

namespace FlowSight.PaperVenue.Exchange;

/// <summary>A book level's size after the changes being published (zero: the level is gone).</summary>
public readonly record struct PaperLevelChange(OrderSide Side, Price Price, Quantity Size);
