using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>
/// Gate.io's public REST limit: 200 requests per 10 seconds per endpoint and IP (Gate API v4 "Rate Limit"); an HTTP
/// 429 (<c>TOO_MANY_REQUESTS</c>) blocks the host for one window. Each endpoint path counts in its own pool.
/// </summary>
public static class GateIoRateLimits
{
    /// <summary>The window Gate counts public requests in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>Requests per window per public endpoint.</summary>
    public const int PublicPerEndpoint = 200;

    /// <summary>The rule of <paramref name="endpoint"/>'s pool (a <see cref="GateIoRestRoutes"/> path).</summary>
    public static RateLimitRule Rule(string endpoint) => new(endpoint, Window, PublicPerEndpoint);
}
