namespace FlowSight.Simulator.Orders;

/// <summary>
/// What happens when an order would trade with a resting order of the same account (Binance's
/// <c>selfTradePreventionMode</c>; OKX's <c>stpMode</c> cancel_taker / cancel_maker / cancel_both).
/// </summary>
public enum SelfTradePrevention : byte
{
    /// <summary>The orders trade with each other.</summary>
    None = 0,

    /// <summary>The incoming order's remaining quantity expires.</summary>
    ExpireTaker = 1,

    /// <summary>The resting order expires and matching goes on.</summary>
    ExpireMaker = 2,

    /// <summary>Both expire.</summary>
    ExpireBoth = 3,
}
