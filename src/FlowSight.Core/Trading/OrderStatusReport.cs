namespace FlowSight.Core;

/// <summary>The venue's view of one order: from a user-stream update, an order query or reconciliation.</summary>
public readonly record struct OrderStatusReport
{
    /// <summary>A report with GTC time in force; set the required members.</summary>
    public OrderStatusReport()
    {
    }

    /// <summary>The order's instrument.</summary>
    public required InstrumentId Instrument { get; init; }

    /// <summary>Our id (default when the order was placed outside FlowSight and carries none of ours).</summary>
    public required ClientOrderId ClientOrderId { get; init; }

    /// <summary>The venue's id.</summary>
    public required VenueOrderId VenueOrderId { get; init; }

    /// <summary>Buy or sell.</summary>
    public required OrderSide Side { get; init; }

    /// <summary>The order's type as the venue reports it.</summary>
    public required OrderType Type { get; init; }

    /// <summary>Status at the venue.</summary>
    public required OrderStatus Status { get; init; }

    /// <summary>Total quantity.</summary>
    public required Quantity Quantity { get; init; }

    /// <summary>Filled so far.</summary>
    public required Quantity FilledQuantity { get; init; }

    /// <summary>Limit price.</summary>
    public Price? Price { get; init; }

    /// <summary>Average fill price, when anything filled.</summary>
    public Price? AveragePrice { get; init; }

    /// <summary>Trigger price.</summary>
    public Price? TriggerPrice { get; init; }

    /// <summary>Time in force.</summary>
    public TimeInForce TimeInForce { get; init; } = TimeInForce.Gtc;

    /// <summary>Reduce-only.</summary>
    public bool ReduceOnly { get; init; }

    /// <summary>Hedge-mode leg.</summary>
    public PositionSide PositionSide { get; init; }

    /// <summary>The venue's reason when rejected or expired (null otherwise).</summary>
    public string? Reason { get; init; }

    /// <summary>Venue time of the last change, Unix ns.</summary>
    public long UpdateTime { get; init; }

    /// <summary>When we received it, Unix ns.</summary>
    public long Timestamp { get; init; }
}
