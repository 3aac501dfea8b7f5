namespace FlowSight.Venues.Okx.Trading;

/// <summary>OKX v5 trading codes the execution client acts on (others pass through as the venue's <c>sCode</c>).</summary>
public static class OkxTradingCodes
{
    /// <summary><c>GET trade/order</c>: the order does not exist (the query answers null).</summary>
    public const string OrderDoesNotExist = "51603";

    /// <summary>Cancel: the order does not exist.</summary>
    public const string CancelUnknownOrder = "51400";

    /// <summary>Insufficient balance or margin.</summary>
    public const string InsufficientFunds = "51008";

    /// <summary>Reduce-only: no position in this direction to reduce.</summary>
    public const string NoPositionToReduce = "51169";

    /// <summary>Size not a multiple of the lot size.</summary>
    public const string LotSize = "51121";

    /// <summary>Below the minimum order amount.</summary>
    public const string BelowMinimum = "51020";

    /// <summary>Cancel of an algo order: it has triggered and can no longer be canceled as an algo order.</summary>
    public const string AlgoTriggered = "51416";

    /// <summary>Place algo order: the <c>algoClOrdId</c> is taken by another algo order.</summary>
    public const string AlgoClientIdExists = "51065";

    /// <summary>Parameter error (price off the tick, bad value).</summary>
    public const string ParameterError = "51000";
}
