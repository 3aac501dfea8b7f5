namespace FlowSight.Venues.Network.Http;

/// <summary>What a <see cref="RestHost"/> is doing at one moment, for logs, the dashboard and tests.</summary>
/// <param name="Name">The host, e.g. <c>https://fapi.binance.com</c>.</param>
/// <param name="InFlight">Requests sent and not yet answered.</param>
/// <param name="Waiting">Calls waiting for a rate-limit window or for a 429/418 block to end.</param>
/// <param name="BlockedUntil">Until when the host takes no request after a 429/418, or null when it is open.</param>
/// <param name="IsBanned">True when the block comes from a 418 IP ban.</param>
/// <param name="Windows">The rate-limit windows.</param>
/// <param name="Requests">Attempts sent since start.</param>
/// <param name="ThrottledWaits">Times a call waited for a window rather than exceed a limit.</param>
/// <param name="RateLimitedResponses">429 answers received.</param>
/// <param name="BanResponses">418 answers received.</param>
/// <param name="Retries">Attempts retried after a transient failure or a rate limit.</param>
public sealed record RestHostSnapshot(
    string Name,
    int InFlight,
    int Waiting,
    DateTimeOffset? BlockedUntil,
    bool IsBanned,
    IReadOnlyList<RateLimitWindowSnapshot> Windows,
    long Requests,
    long ThrottledWaits,
    long RateLimitedResponses,
    long BanResponses,
    long Retries);
