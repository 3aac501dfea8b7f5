namespace FlowSight.TestServers.Binance;

/// <summary>What an injected REST fault does to the request it hits.</summary>
public enum BinanceRestFaultKind
{
    /// <summary>HTTP 429 with <c>Retry-After</c> and Binance's -1003 body.</summary>
    RateLimited,

    /// <summary>HTTP 418 (IP ban) with <c>Retry-After</c> and Binance's -1003 "IP banned until" body.</summary>
    Banned,

    /// <summary>A 5xx (500 by default) with Binance's -1001 body.</summary>
    ServerError,

    /// <summary>No answer until the client gives up (the request is aborted) or the test releases it.</summary>
    Stall,

    /// <summary>HTTP 200 with a truncated, unparsable JSON body.</summary>
    MalformedJson,

    /// <summary>A Binance error body with the fault's status, code and message (e.g. 400, -1121, "Invalid symbol.").</summary>
    ErrorBody,
}
