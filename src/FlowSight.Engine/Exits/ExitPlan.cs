using FlowSight.Core;

namespace FlowSight.Engine.Exits;

/// <summary>
/// How one position (one leg in hedge mode) should be exited. Any combination of a fixed stop, a take-profit, a
/// trailing stop (by <see cref="TrailingDistance"/> or <see cref="TrailingPercent"/>) and a time stop; the first to
/// trigger closes the whole <see cref="Quantity"/>.
/// </summary>
public sealed record ExitPlan
{
    /// <summary>The instrument.</summary>
    public required InstrumentId Instrument { get; init; }

    /// <summary>True for a long position (exits sell), false for a short one (exits buy).</summary>
    public required bool IsLong { get; init; }

    /// <summary>The quantity to close (absolute, in the instrument's unit).</summary>
    public required Quantity Quantity { get; init; }

    /// <summary>The price the position was entered at: where the trailing stop starts from.</summary>
    public required Price EntryPrice { get; init; }

    /// <summary>Hedge-mode leg (<see cref="PositionSide.Both"/> in net mode).</summary>
    public PositionSide PositionSide { get; init; }

    /// <summary>Stop-loss trigger: a long exits at or below it, a short at or above it.</summary>
    public Price? StopPrice { get; init; }

    /// <summary>Take-profit trigger: a long exits at or above it, a short at or below it.</summary>
    public Price? TakeProfitPrice { get; init; }

    /// <summary>Trailing stop at this price distance from the best price since entry.</summary>
    public decimal? TrailingDistance { get; init; }

    /// <summary>Trailing stop at this fraction (0.02 = 2 %) from the best price since entry.</summary>
    public decimal? TrailingPercent { get; init; }

    /// <summary>Close after holding this long.</summary>
    public TimeSpan? MaxHoldingTime { get; init; }

    /// <summary>Checks the plan is self-consistent; returns every problem (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Quantity.Raw <= 0)
        {
            errors.Add($"Quantity must be positive, was {Quantity}.");
        }

        if (TrailingDistance is not null && TrailingPercent is not null)
        {
            errors.Add("Give a trailing distance or a trailing percent, not both.");
        }

        if (TrailingDistance is <= 0m || TrailingPercent is <= 0m or >= 1m)
        {
            errors.Add("A trailing distance must be positive and a trailing percent in (0, 1).");
        }

        if (StopPrice is { } stop && (IsLong ? stop >= EntryPrice : stop <= EntryPrice))
        {
            errors.Add($"The stop {stop} is on the wrong side of the entry {EntryPrice} for a {(IsLong ? "long" : "short")}.");
        }

        if (TakeProfitPrice is { } target && (IsLong ? target <= EntryPrice : target >= EntryPrice))
        {
            errors.Add($"The take-profit {target} is on the wrong side of the entry {EntryPrice} for a {(IsLong ? "long" : "short")}.");
        }

        if (MaxHoldingTime is { } holding && holding <= TimeSpan.Zero)
        {
            errors.Add("The maximum holding time must be positive.");
        }

        return errors;
    }
}
