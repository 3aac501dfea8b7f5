namespace FlowSight.Engine.Risk;

/// <summary>The short ids of the risk checks, as <see cref="RiskDecision.Check"/> and <c>OrderDenied.Check</c> carry them.</summary>
public static class RiskChecks
{
    /// <summary>Trading is halted (kill switch or manual): no new or changed orders.</summary>
    public const string Halted = "halted";

    /// <summary>Trading is reducing only and the order would not reduce a position.</summary>
    public const string Reducing = "reducing-only";

    /// <summary>The instrument is not one the risk engine knows.</summary>
    public const string UnknownInstrument = "unknown-instrument";

    /// <summary>The command is malformed: no quantity, a limit order without a price, a stop without a trigger.</summary>
    public const string InvalidOrder = "invalid-order";

    /// <summary>A replace names an order that is not working.</summary>
    public const string OrderNotOpen = "order-not-open";

    /// <summary>A price is not a multiple of the instrument's tick size.</summary>
    public const string TickSize = "tick-size";

    /// <summary>The quantity is not a multiple of the instrument's step size.</summary>
    public const string StepSize = "step-size";

    /// <summary>The quantity is below the instrument's minimum.</summary>
    public const string MinQuantity = "min-quantity";

    /// <summary>The quantity is above the venue's own maximum for the instrument.</summary>
    public const string VenueMaxQuantity = "venue-max-quantity";

    /// <summary>The order's value is below the instrument's minimum notional.</summary>
    public const string MinNotional = "min-notional";

    /// <summary>The order needs a mark price (market order, price band) and none has been seen.</summary>
    public const string NoMarkPrice = "no-mark-price";

    /// <summary>The quantity is above the configured maximum order quantity.</summary>
    public const string MaxQuantity = "max-quantity";

    /// <summary>The order's value is above the configured maximum order notional.</summary>
    public const string MaxNotional = "max-notional";

    /// <summary>The limit price is further from the mark price than the configured band.</summary>
    public const string PriceBand = "price-band";

    /// <summary>Position plus working orders on that side plus this order would exceed the instrument's quantity limit.</summary>
    public const string PositionQuantity = "position-quantity";

    /// <summary>Position plus working orders on that side plus this order would exceed the instrument's notional limit.</summary>
    public const string PositionNotional = "position-notional";

    /// <summary>Every position's notional, with this instrument's grown by the order, would exceed the account limit.</summary>
    public const string TotalPositionNotional = "total-position-notional";

    /// <summary>The instrument already has the maximum number of working orders.</summary>
    public const string MaxOpenOrders = "max-open-orders";

    /// <summary>The account already has the maximum number of working orders.</summary>
    public const string TotalOpenOrders = "total-open-orders";

    /// <summary>Too many orders in the last second or minute.</summary>
    public const string OrderRate = "order-rate";

    /// <summary>(Total notional + order notional) / equity would exceed the leverage cap.</summary>
    public const string Leverage = "leverage";

    /// <summary>The day's PnL has reached the daily loss limit: opening orders are refused and the kill switch trips.</summary>
    public const string DailyLoss = "daily-loss";

    /// <summary>The order's venue account is halted (its own daily loss limit, or by hand): only cancels pass on its instruments.</summary>
    public const string AccountHalted = "account-halted";
}
