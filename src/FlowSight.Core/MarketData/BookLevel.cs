namespace FlowSight.Core;

/// <summary>A price level of an L2 book: the total quantity resting at one price.</summary>
/// <param name="Price">The level's price.</param>
/// <param name="Size">The total quantity at that price.</param>
public readonly record struct BookLevel(Price Price, Quantity Size);
