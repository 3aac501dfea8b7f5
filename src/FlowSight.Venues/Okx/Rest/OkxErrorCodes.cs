namespace FlowSight.Venues.Okx.Rest;

/// <summary>OKX v5 error codes the REST client treats specially (the envelope's <c>code</c>; <c>"0"</c> is success).</summary>
public static class OkxErrorCodes
{
    /// <summary>Success.</summary>
    public const string Ok = "0";

    /// <summary>Service temporarily unavailable (HTTP 503); retried.</summary>
    public const string ServiceUnavailable = "50001";

    /// <summary>Rate limit reached (HTTP 429): the client waits out the endpoint's window and retries.</summary>
    public const string RateLimited = "50011";

    /// <summary>Parameter can not be empty.</summary>
    public const string ParameterEmpty = "50014";

    /// <summary>Parameter error (e.g. a bar OKX does not offer).</summary>
    public const string ParameterError = "51000";

    /// <summary>Instrument ID does not exist.</summary>
    public const string InstrumentDoesNotExist = "51001";
}
