namespace FlowSight.Core;

/// <summary>Command: cancel one order, by our id (the venue id when known).</summary>
public readonly record struct CancelOrder
{
    /// <summary>Our id of the order to cancel.</summary>
    public required ClientOrderId ClientOrderId { get; init; }

    /// <summary>The order's instrument.</summary>
    public required InstrumentId Instrument { get; init; }

    /// <summary>The venue's id, when known (default otherwise).</summary>
    public VenueOrderId VenueOrderId { get; init; }

    /// <summary>Who asked.</summary>
    public string? Origin { get; init; }

    /// <summary>When the command was created, Unix ns.</summary>
    public long Timestamp { get; init; }
}
