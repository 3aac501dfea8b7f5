namespace FlowSight.Simulator.Orders;

/// <summary>
/// Why an <see cref="OrderEvent"/> was emitted: Binance's execution type (<c>x</c> in <c>ORDER_TRADE_UPDATE</c> and
/// <c>executionReport</c>), which OKX's order channel and Gate.io's order events map onto one to one.
/// </summary>
public enum ExecutionType : byte
{
    /// <summary>The order was accepted (rests, or is about to match; a stop waits for its trigger).</summary>
    New = 1,

    /// <summary>A fill: <see cref="OrderEvent.LastQuantity"/> at <see cref="OrderEvent.LastPrice"/>.</summary>
    Trade = 2,

    /// <summary>Canceled by its owner.</summary>
    Canceled = 3,

    /// <summary>Expired: IOC/FOK remainder, post-only that would take, self-trade prevention, a reduce-only with nothing left to reduce.</summary>
    Expired = 4,

    /// <summary>Refused before it reached the book; <see cref="OrderEvent.RejectReason"/> says why.</summary>
    Rejected = 5,

    /// <summary>Price or quantity changed by an amend.</summary>
    Amended = 6,

    /// <summary>A stop or take-profit reached its trigger price and entered the book.</summary>
    Triggered = 7,

    /// <summary>A liquidation fill made by the exchange (Binance: <c>CALCULATED</c>).</summary>
    Liquidation = 8,
}
