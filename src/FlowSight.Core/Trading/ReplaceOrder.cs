namespace FlowSight.Core;

/// <summary>
/// Command: change a working order's quantity and/or price. Venues that amend in place (Binance USDⓈ-M, OKX) keep
/// the order's ids; others cancel and resubmit under <see cref="NewClientOrderId"/>.
/// </summary>
public readonly record struct ReplaceOrder
{
    /// <summary>Our id of the order to change.</summary>
    public required ClientOrderId ClientOrderId { get; init; }

    /// <summary>The order's instrument.</summary>
    public required InstrumentId Instrument { get; init; }

    /// <summary>The venue's id, when known.</summary>
    public VenueOrderId VenueOrderId { get; init; }

    /// <summary>New total quantity (null keeps it).</summary>
    public Quantity? Quantity { get; init; }

    /// <summary>New limit price (null keeps it).</summary>
    public Price? Price { get; init; }

    /// <summary>New trigger price (null keeps it).</summary>
    public Price? TriggerPrice { get; init; }

    /// <summary>Id for the replacement where the venue cancels and resubmits (default: derived by the engine).</summary>
    public ClientOrderId NewClientOrderId { get; init; }

    /// <summary>Who asked.</summary>
    public string? Origin { get; init; }

    /// <summary>When the command was created, Unix ns.</summary>
    public long Timestamp { get; init; }
}
