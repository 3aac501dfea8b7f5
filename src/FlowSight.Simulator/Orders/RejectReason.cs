namespace FlowSight.Simulator.Orders;

/// <summary>
/// Why the simulated exchange refused an order, cancel or amend. Venue-neutral; the wire protocols map each to the
/// venue's own code and message (see <c>RejectReasonCodes</c>).
/// </summary>
public enum RejectReason : byte
{
    /// <summary>Not refused.</summary>
    None = 0,

    /// <summary>The instrument is not listed on this exchange.</summary>
    UnknownInstrument,

    /// <summary>No open order with that id or client order id.</summary>
    UnknownOrder,

    /// <summary>An open order of the account already has this client order id.</summary>
    DuplicateClientOrderId,

    /// <summary>Quantity is zero or negative.</summary>
    InvalidQuantity,

    /// <summary>Quantity below the instrument's minimum.</summary>
    QuantityBelowMinimum,

    /// <summary>Quantity above the instrument's maximum.</summary>
    QuantityAboveMaximum,

    /// <summary>Quantity is not a multiple of the step size.</summary>
    QuantityNotStepMultiple,

    /// <summary>Price is zero, negative or missing for a priced order type.</summary>
    InvalidPrice,

    /// <summary>Price is not a multiple of the tick size.</summary>
    PriceNotTickMultiple,

    /// <summary>Price × quantity below the instrument's minimum notional.</summary>
    NotionalBelowMinimum,

    /// <summary>A post-only (GTX) order would have taken liquidity.</summary>
    PostOnlyWouldTake,

    /// <summary>A fill-or-kill order could not fill completely at once.</summary>
    FillOrKillNotFillable,

    /// <summary>A stop or take-profit whose trigger is already reached.</summary>
    WouldTriggerImmediately,

    /// <summary>A reduce-only order that would open or grow a position.</summary>
    ReduceOnlyRejected,

    /// <summary>Not enough free balance (spot).</summary>
    InsufficientBalance,

    /// <summary>Not enough available margin (derivatives).</summary>
    InsufficientMargin,

    /// <summary>A market order found nothing to trade against.</summary>
    NoLiquidity,

    /// <summary>Leverage above the instrument's maximum or the bracket's.</summary>
    LeverageTooHigh,

    /// <summary>The position side does not fit the account's position mode (e.g. LONG in one-way mode).</summary>
    PositionSideMismatch,

    /// <summary>Too many open orders on the account or instrument.</summary>
    TooManyOpenOrders,

    /// <summary>The order type or time in force does not apply (e.g. GTX on a market order).</summary>
    InvalidOrderType,

    /// <summary>The order is already filled, canceled or expired.</summary>
    OrderAlreadyClosed,

    /// <summary>Expired by self-trade prevention (Binance <c>EXPIRED_IN_MATCH</c>): it would have traded with the same account.</summary>
    SelfTradePrevented,
}
