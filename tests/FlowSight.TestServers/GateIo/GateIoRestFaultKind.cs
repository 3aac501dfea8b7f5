namespace FlowSight.TestServers.GateIo;

/// <summary>What an injected fault does to the next matching Gate.io REST request.</summary>
public enum GateIoRestFaultKind
{
    /// <summary>HTTP 500 with Gate's <c>{"label":"SERVER_ERROR",…}</c>.</summary>
    ServerError = 1,

    /// <summary>HTTP 429 with Gate's <c>{"label":"TOO_MANY_REQUESTS",…}</c>.</summary>
    RateLimited = 2,

    /// <summary>HTTP 200 with a body cut in the middle (malformed JSON).</summary>
    Malformed = 3,
}
