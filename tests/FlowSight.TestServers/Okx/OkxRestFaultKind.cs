namespace FlowSight.TestServers.Okx;

/// <summary>What an injected fault does to the next matching OKX REST request.</summary>
public enum OkxRestFaultKind
{
    /// <summary>HTTP 503 with OKX's <c>{"code":"50001","msg":"Service temporarily unavailable…"}</c>.</summary>
    ServerError = 1,

    /// <summary>HTTP 429 with OKX's <c>{"code":"50011","msg":"Rate limit reached…"}</c>.</summary>
    RateLimited = 2,

    /// <summary>HTTP 200 with a body cut in the middle (malformed JSON).</summary>
    Malformed = 3,
}
