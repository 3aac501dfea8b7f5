namespace FlowSight.Venues.Network.Http;

/// <summary>How a <see cref="VenueRestClient"/> talks to one venue host.</summary>
public sealed record VenueRestOptions
{
    /// <summary>The host's base address, e.g. <c>https://fapi.binance.com</c> (tests point it at 127.0.0.1).</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>The venue's name for logs and errors.</summary>
    public string VenueName { get; init; } = "venue";

    /// <summary>How long one attempt may take from sending to the last body byte, on the client's clock.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a transient failure or a rate limit (idempotent requests only).</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>The first retry's median delay; each further retry doubles it, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between retries.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The random source of the retry jitter (a value in [0, 1)); null for Polly's own. Tests pass a seeded one.</summary>
    public Func<double>? JitterRandomizer { get; init; }

    /// <summary>How long a 429 blocks the host when it carries no <c>Retry-After</c>.</summary>
    public TimeSpan DefaultRateLimitedWait { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Reads when the venue's window resets from its own headers, for a 429 without <c>Retry-After</c> (Gate.io's
    /// <c>X-Gate-RateLimit-Reset-Timestamp</c>): given the response and our time, the wait; null to use
    /// <see cref="DefaultRateLimitedWait"/>.
    /// </summary>
    public Func<HttpResponseMessage, DateTimeOffset, TimeSpan?>? RateLimitResetReader { get; init; }

    /// <summary>How long a 418 (IP ban) blocks the host when it carries no <c>Retry-After</c> (Binance bans last 2 minutes to 3 days).</summary>
    public TimeSpan DefaultBanWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The longest a call waits for a 429/418 block to end. A longer block fails the call with
    /// <see cref="VenueRateLimitedException"/> at once rather than leave it hanging for hours.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Extra time waited past the end of a full rate-limit window, so that a small difference between our clock and
    /// the venue's does not send the next request into the old window.
    /// </summary>
    public TimeSpan WindowBoundaryGuard { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The limits to apply until the venue declares its own (applied when the host has no rules yet).</summary>
    public IReadOnlyList<RateLimitRule> RateLimits { get; init; } = [];

    /// <summary>Reads the venue's error payload; null when the venue has none we understand.</summary>
    public VenueErrorParser? ErrorParser { get; init; }

    /// <summary>The per-host state shared with other clients of the same host; null for a private registry.</summary>
    public RestHostRegistry? Hosts { get; init; }

    /// <summary>Creates the HTTP handler; null for a <see cref="System.Net.Http.SocketsHttpHandler"/> with pooled, decompressing connections.</summary>
    public Func<HttpMessageHandler>? HandlerFactory { get; init; }
}
