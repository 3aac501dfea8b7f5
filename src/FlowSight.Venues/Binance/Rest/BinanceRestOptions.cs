using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>How a <see cref="BinanceRestClient"/> reaches one Binance market.</summary>
/// <param name="Market">Spot, USDⓈ-M or COIN-M.</param>
public sealed record BinanceRestOptions(BinanceMarket Market)
{
    /// <summary>The REST base address; null for Binance's (<see cref="BinanceRestRoutes.DefaultBaseAddress"/>). Tests point it at 127.0.0.1.</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>Shares rate-limit windows and 429/418 blocks with other clients of the same host; null for a private registry.</summary>
    public RestHostRegistry? Hosts { get; init; }

    /// <summary>Adopt the <c>rateLimits</c> of every <c>exchangeInfo</c> read as the host's limits.</summary>
    public bool ApplyExchangeRateLimits { get; init; } = true;

    /// <summary>Adopt the offset measured by <see cref="BinanceRestClient.GetServerTimeAsync"/> to align rate-limit windows with Binance's clock.</summary>
    public bool ApplyServerClockOffset { get; init; } = true;

    /// <summary>How long one attempt may take, on the client's clock.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of idempotent requests after 5xx, timeouts, connection failures and rate limits.</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>The first retry's median delay (doubling, with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between retries.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The jitter's random source; null for Polly's. Tests pass a seeded one.</summary>
    public Func<double>? JitterRandomizer { get; init; }

    /// <summary>The longest a call waits out a 429/418 block before failing.</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Extra wait past the end of a full weight window.</summary>
    public TimeSpan WindowBoundaryGuard { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Creates the HTTP handler; null for the default pooled <see cref="System.Net.Http.SocketsHttpHandler"/>.</summary>
    public Func<HttpMessageHandler>? HandlerFactory { get; init; }

    /// <summary>The transport options these become.</summary>
    public VenueRestOptions ToVenueRestOptions() => new()
    {
        BaseAddress = BaseAddress ?? BinanceRestRoutes.DefaultBaseAddress(Market),
        VenueName = $"Binance {Market}",
        AttemptTimeout = AttemptTimeout,
        MaxRetryAttempts = MaxRetryAttempts,
        RetryBaseDelay = RetryBaseDelay,
        RetryMaxDelay = RetryMaxDelay,
        JitterRandomizer = JitterRandomizer,
        MaxRateLimitWait = MaxRateLimitWait,
        WindowBoundaryGuard = WindowBoundaryGuard,
        RateLimits = BinanceRateLimits.Defaults(Market),
        ErrorParser = BinanceErrorParser.TryParse,
        Hosts = Hosts,
        HandlerFactory = HandlerFactory,
    };
}
