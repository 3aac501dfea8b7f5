namespace FlowSight.Venues.Network.Http;

/// <summary>
/// The units one request reserved in its host's windows (from <see cref="HostRateLimiter.TryReserve"/>); hand it back
/// to <see cref="HostRateLimiter.Complete"/> once the request is answered or has failed.
/// </summary>
public readonly struct RateLimitLease
{
    internal static readonly RateLimitLease None = new([]);

    internal RateLimitLease((HostRateLimiter.Window Window, int Units, long Index)[] parts) => Parts = parts;

    internal (HostRateLimiter.Window Window, int Units, long Index)[] Parts { get; }
}
