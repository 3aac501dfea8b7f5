using FlowSight.Core;

namespace FlowSight.Engine.Sizing;

/// <summary>A sized quantity, or zero with the reason a person understands.</summary>
/// <param name="Quantity">The quantity, on the step grid; zero when nothing should be traded.</param>
/// <param name="Reason">Why the quantity is zero (null when it is not).</param>
public readonly record struct SizingResult(Quantity Quantity, string? Reason)
{
    /// <summary>True when nothing should be traded.</summary>
    public bool IsZero => Quantity.Raw == 0;
}
