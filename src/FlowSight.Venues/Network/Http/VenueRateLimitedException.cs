namespace FlowSight.Venues.Network.Http;

/// <summary>
/// The venue answered 429 (too many requests) or 418 (the IP is banned), or the host is still blocked by such an
/// answer for longer than the client is willing to wait. Every request to the host waits until
/// <see cref="BlockedUntil"/>.
/// </summary>
public sealed class VenueRateLimitedException : VenueRestException
{
    /// <summary>Creates an exception with a default message.</summary>
    public VenueRateLimitedException()
        : base("The venue rate-limited the request.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public VenueRateLimitedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and its cause.</summary>
    public VenueRateLimitedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long the venue asked us to wait (its <c>Retry-After</c>, or the default when it sent none).</summary>
    public TimeSpan RetryAfter { get; init; }

    /// <summary>Until when the host takes no request from us, on the client's clock.</summary>
    public DateTimeOffset BlockedUntil { get; init; }

    /// <summary>True for an IP ban (HTTP 418) rather than a warning (429).</summary>
    public bool IsIpBan { get; init; }
}
