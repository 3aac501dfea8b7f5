namespace FlowSight.Core;

/// <summary>Part or all of the order executed. Counted once per <see cref="TradeId"/>.</summary>
public readonly record struct OrderFilled
{
    /// <summary>Our id.</summary>
    public required ClientOrderId ClientOrderId { get; init; }

    /// <summary>The venue's order id.</summary>
    public required VenueOrderId VenueOrderId { get; init; }

    /// <summary>The instrument.</summary>
    public required InstrumentId Instrument { get; init; }

    /// <summary>The venue's trade id.</summary>
    public required string TradeId { get; init; }

    /// <summary>Buy or sell.</summary>
    public required OrderSide Side { get; init; }

    /// <summary>Price of this execution.</summary>
    public required Price LastPrice { get; init; }

    /// <summary>Quantity of this execution.</summary>
    public required Quantity LastQuantity { get; init; }

    /// <summary>Filled so far, this execution included.</summary>
    public required Quantity FilledQuantity { get; init; }

    /// <summary>Still working after this execution.</summary>
    public required Quantity LeavesQuantity { get; init; }

    /// <summary>Fee (negative: rebate) in <see cref="FeeAsset"/>.</summary>
    public required Money Fee { get; init; }

    /// <summary>The asset of the fee.</summary>
    public required string FeeAsset { get; init; }

    /// <summary>Maker or taker.</summary>
    public FillLiquidity Liquidity { get; init; }

    /// <summary>Hedge-mode leg.</summary>
    public PositionSide PositionSide { get; init; }

    /// <summary>Venue time of the trade, Unix ns.</summary>
    public long Timestamp { get; init; }
}
