namespace FlowSight.Core;

/// <summary>The venue's view of one position.</summary>
public readonly record struct PositionStatusReport
{
    /// <summary>The instrument.</summary>
    public required InstrumentId Instrument { get; init; }

    /// <summary>Hedge-mode leg (<see cref="PositionSide.Both"/> in net mode).</summary>
    public PositionSide PositionSide { get; init; }

    /// <summary>Signed size in the instrument's unit: positive long, negative short.</summary>
    public required decimal Quantity { get; init; }

    /// <summary>Average entry price (0 when flat).</summary>
    public decimal EntryPrice { get; init; }

    /// <summary>Unrealised PnL the venue reports, in the settle asset.</summary>
    public decimal UnrealizedPnl { get; init; }

    /// <summary>Leverage setting.</summary>
    public decimal Leverage { get; init; }

    /// <summary>Isolated margin (false: cross).</summary>
    public bool Isolated { get; init; }

    /// <summary>The venue's liquidation price, when it reports one.</summary>
    public decimal? LiquidationPrice { get; init; }

    /// <summary>
    /// True for a snapshot taken at reconciliation (the truth at that moment, consistent with the fills reconciled
    /// with it); false for a streamed update, which may reach the engine before the fills it already includes.
    /// </summary>
    public bool IsSnapshot { get; init; }

    /// <summary>Venue time, Unix ns.</summary>
    public long UpdateTime { get; init; }

    /// <summary>When we received it, Unix ns.</summary>
    public long Timestamp { get; init; }
}
