namespace FlowSight.Venues.GateIo.Rest;

/// <summary>Gate.io v4 error labels (<c>{"label":…,"message":…}</c>) the REST client meets on public endpoints.</summary>
public static class GateIoErrorLabels
{
    /// <summary>The spot currency pair does not exist (HTTP 400).</summary>
    public const string InvalidCurrencyPair = "INVALID_CURRENCY_PAIR";

    /// <summary>The futures contract does not exist (HTTP 400/404).</summary>
    public const string ContractNotFound = "CONTRACT_NOT_FOUND";

    /// <summary>A parameter has a value Gate does not accept (HTTP 400).</summary>
    public const string InvalidParamValue = "INVALID_PARAM_VALUE";

    /// <summary>Too many requests (HTTP 429).</summary>
    public const string TooManyRequests = "TOO_MANY_REQUESTS";

    /// <summary>Internal server error (HTTP 500); retried.</summary>
    public const string ServerError = "SERVER_ERROR";
}
