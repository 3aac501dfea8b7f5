namespace FlowSight.Core;

/// <summary>Command: place a new order. Post-only is <see cref="TimeInForce.Gtx"/>; prices absent for market orders.</summary>
public readonly record struct SubmitOrder
{
    /// <summary>An order with GTC time in force; set the required members.</summary>
    public SubmitOrder()
    {
    }

    /// <summary>Our id for the order, unique per account and recoverable after a restart.</summary>
    public required ClientOrderId ClientOrderId { get; init; }

    /// <summary>What to trade.</summary>
    public required InstrumentId Instrument { get; init; }

    /// <summary>Buy or sell.</summary>
    public required OrderSide Side { get; init; }

    /// <summary>Market, limit, stop, take-profit.</summary>
    public required OrderType Type { get; init; }

    /// <summary>Quantity in the instrument's own unit (base asset for spot and USDⓈ-M, contracts where the venue trades contracts).</summary>
    public required Quantity Quantity { get; init; }

    /// <summary>Limit price (limit, stop-limit, take-profit-limit).</summary>
    public Price? Price { get; init; }

    /// <summary>Trigger price (stop and take-profit orders).</summary>
    public Price? TriggerPrice { get; init; }

    /// <summary>Time in force; GTC unless said otherwise.</summary>
    public TimeInForce TimeInForce { get; init; } = TimeInForce.Gtc;

    /// <summary>Only reduces a position; never opens or flips one.</summary>
    public bool ReduceOnly { get; init; }

    /// <summary>Hedge-mode leg (<see cref="PositionSide.Both"/> in net mode).</summary>
    public PositionSide PositionSide { get; init; }

    /// <summary>Who asked (a strategy id, "manual", "kill-switch"), for reports and limits.</summary>
    public string? Origin { get; init; }

    /// <summary>When the command was created, Unix ns.</summary>
    public long Timestamp { get; init; }

    /// <summary>True for post-only (maker-only) orders.</summary>
    public bool IsPostOnly => TimeInForce == TimeInForce.Gtx;
}
