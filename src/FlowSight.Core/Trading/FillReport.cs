namespace FlowSight.Core;

/// <summary>One execution at the venue. <see cref="TradeId"/> identifies it: the same fill seen twice is one fill.</summary>
public readonly record struct FillReport
{
    /// <summary>The order's instrument.</summary>
    public required InstrumentId Instrument { get; init; }

    /// <summary>Our id of the order.</summary>
    public required ClientOrderId ClientOrderId { get; init; }

    /// <summary>The venue's order id.</summary>
    public required VenueOrderId VenueOrderId { get; init; }

    /// <summary>The venue's trade id (unique per instrument).</summary>
    public required string TradeId { get; init; }

    /// <summary>Buy or sell.</summary>
    public required OrderSide Side { get; init; }

    /// <summary>Price of this execution.</summary>
    public required Price Price { get; init; }

    /// <summary>Quantity of this execution.</summary>
    public required Quantity Quantity { get; init; }

    /// <summary>Fee charged (positive) or rebate (negative), in <see cref="FeeAsset"/>.</summary>
    public required Money Fee { get; init; }

    /// <summary>The asset the fee is charged in (USDT, BNB, the base asset on a spot buy...).</summary>
    public required string FeeAsset { get; init; }

    /// <summary>Maker or taker.</summary>
    public FillLiquidity Liquidity { get; init; }

    /// <summary>Hedge-mode leg.</summary>
    public PositionSide PositionSide { get; init; }

    /// <summary>Realised PnL the venue booked for this fill, when it reports one (USDⓈ-M <c>rp</c>).</summary>
    public Money? VenueRealizedPnl { get; init; }

    /// <summary>Venue time of the trade, Unix ns.</summary>
    public long TradeTime { get; init; }

    /// <summary>When we received it, Unix ns.</summary>
    public long Timestamp { get; init; }
}
