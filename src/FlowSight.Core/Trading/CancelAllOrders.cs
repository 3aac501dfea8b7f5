namespace FlowSight.Core;

/// <summary>Command: cancel every working order of an instrument, or of every instrument when none is given.</summary>
public readonly record struct CancelAllOrders
{
    /// <summary>The instrument (null: all instruments the engine trades).</summary>
    public InstrumentId? Instrument { get; init; }

    /// <summary>Only this side (null: both).</summary>
    public OrderSide? Side { get; init; }

    /// <summary>Who asked.</summary>
    public string? Origin { get; init; }

    /// <summary>When the command was created, Unix ns.</summary>
    public long Timestamp { get; init; }
}
