using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>How a <see cref="GateIoRestClient"/> reaches Gate.io.</summary>
public sealed record GateIoRestOptions
{
    /// <summary>The API root, path included; null for <see cref="GateIoRestRoutes.DefaultBaseAddress"/>. Tests point it at 127.0.0.1.</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>Shares rate-limit windows and 429 blocks with other clients of the same host; null for a private registry.</summary>
    public RestHostRegistry? Hosts { get; init; }

    /// <summary>How long one attempt may take, on the client's clock.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after 5xx, timeouts, connection failures and rate limits.</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>The first retry's median delay (doubling, with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between retries.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The jitter's random source; null for Polly's. Tests pass a seeded one.</summary>
    public Func<double>? JitterRandomizer { get; init; }

    /// <summary>How long an HTTP 429 without Retry-After blocks the host: one of Gate's 10-second windows.</summary>
    public TimeSpan RateLimitedWait { get; init; } = GateIoRateLimits.Window;

    /// <summary>The longest a call waits out a 429 block before failing.</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Extra wait past the end of a full window, against clock differences with Gate.</summary>
    public TimeSpan WindowBoundaryGuard { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Creates the HTTP handler; null for the default pooled <see cref="System.Net.Http.SocketsHttpHandler"/>.</summary>
    public Func<HttpMessageHandler>? HandlerFactory { get; init; }

    /// <summary>The API root in use.</summary>
    public Uri ApiRoot => BaseAddress ?? GateIoRestRoutes.DefaultBaseAddress;

    /// <summary>The transport options these become (the host; the root's path prefixes every request).</summary>
    public VenueRestOptions ToVenueRestOptions() => new()
    {
        BaseAddress = new Uri(ApiRoot.GetLeftPart(UriPartial.Authority)),
        VenueName = "Gate.io",
        AttemptTimeout = AttemptTimeout,
        MaxRetryAttempts = MaxRetryAttempts,
        RetryBaseDelay = RetryBaseDelay,
        RetryMaxDelay = RetryMaxDelay,
        JitterRandomizer = JitterRandomizer,
        DefaultRateLimitedWait = RateLimitedWait,
        RateLimitResetReader = (response, now) => GateIoRateLimitHeaders.WaitForReset(response, now, RateLimitedWait, WindowBoundaryGuard),
        DefaultBanWait = RateLimitedWait,
        MaxRateLimitWait = MaxRateLimitWait,
        WindowBoundaryGuard = WindowBoundaryGuard,
        ErrorParser = GateIoErrorParser.TryParse,
        Hosts = Hosts,
        HandlerFactory = HandlerFactory,
    };
}
