namespace FlowSight.Venues.GateIo.Trading;

/// <summary>Gate.io v4 error labels of the private trading API, as they arrive in <see cref="Core.VenueCommandFailure.Code"/>.</summary>
public static class GateIoTradingErrorLabels
{
    /// <summary>The signature does not match the request (HTTP 401).</summary>
    public const string InvalidSignature = "INVALID_SIGNATURE";

    /// <summary>The API key is unknown (HTTP 401).</summary>
    public const string InvalidKey = "INVALID_KEY";

    /// <summary>The <c>Timestamp</c> is more than 60 seconds from Gate's clock (HTTP 401... 403).</summary>
    public const string RequestExpired = "REQUEST_EXPIRED";

    /// <summary>No such order, or a text id outside the window Gate keeps them (HTTP 404).</summary>
    public const string OrderNotFound = "ORDER_NOT_FOUND";

    /// <summary>Spot: not enough balance (HTTP 400).</summary>
    public const string BalanceNotEnough = "BALANCE_NOT_ENOUGH";

    /// <summary>Futures: not enough available margin (HTTP 400).</summary>
    public const string InsufficientAvailable = "INSUFFICIENT_AVAILABLE";

    /// <summary>Futures: a reduce-only order would increase (or flip) the position (HTTP 400).</summary>
    public const string IncreasePosition = "INCREASE_POSITION";

    /// <summary>Futures: the order (or amend) is already finished (HTTP 400).</summary>
    public const string OrderFinished = "ORDER_FINISHED";

    /// <summary>Too many requests (HTTP 429): not executed; the client waits out the window and sends it again.</summary>
    public const string TooManyRequests = "TOO_MANY_REQUESTS";

    /// <summary>Futures: a post-only (<c>poc</c>) order would have taken liquidity (HTTP 400).</summary>
    public const string OrderPocImmediate = "ORDER_POC_IMMEDIATE";

    /// <summary>A parameter has a value Gate does not accept (HTTP 400).</summary>
    public const string InvalidParamValue = "INVALID_PARAM_VALUE";

    /// <summary>FlowSight's own label, refused before sending: the client order id cannot be Gate's <c>text</c> (<c>t-</c> + at most 28 characters of [0-9A-Za-z_.-]).</summary>
    public const string InvalidText = "INVALID_TEXT";

    /// <summary>Price or amount with more decimals than the market allows (HTTP 400).</summary>
    public const string InvalidPrecision = "INVALID_PRECISION";

    /// <summary>Futures price order with rule 1 (&gt;=) whose trigger is not above the last price: it would fire at once (HTTP 400).</summary>
    public const string AutoTriggerPriceGreateLast = "AUTO_TRIGGER_PRICE_GREATE_LAST";

    /// <summary>Futures price order with rule 2 (&lt;=) whose trigger is not below the last price (HTTP 400).</summary>
    public const string AutoTriggerPriceLessLast = "AUTO_TRIGGER_PRICE_LESS_LAST";

    /// <summary>As <see cref="AutoTriggerPriceGreateLast"/>, for a trigger on the mark price.</summary>
    public const string AutoTriggerPriceGreateMark = "AUTO_TRIGGER_PRICE_GREATE_MARK";

    /// <summary>As <see cref="AutoTriggerPriceLessLast"/>, for a trigger on the mark price.</summary>
    public const string AutoTriggerPriceLessMark = "AUTO_TRIGGER_PRICE_LESS_MARK";

    /// <summary>FlowSight's own label, refused before sending: a price-triggered order is not amended here; cancel it and submit a new one.</summary>
    public const string PriceOrderNotAmendable = "PRICE_ORDER_NOT_AMENDABLE";

    /// <summary>FlowSight's own label for an outcome the client could not learn (timeout or dropped connection after sending).</summary>
    public const string FateUnknown = "FATE_UNKNOWN";
}
