using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Okx.Rest;

/// <summary>
/// OKX's per-endpoint public REST limits, from the v5 documentation ("Rate Limit: n requests per 2 seconds",
/// "Rate limit rule: IP", "IP + instrumentType", "IP + Instrument ID"). Each endpoint counts in its own pool; the
/// scoped ones get one pool per instrument type or instrument, created on first use. OKX reports no used count in
/// headers, so the client counts alone; an HTTP 429 (code 50011) blocks the host for one window.
/// </summary>
public static class OkxRateLimits
{
    /// <summary>Every OKX public limit counts in windows of 2 seconds.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary><c>public/instruments</c>: 20 per 2 s per IP and instrument type.</summary>
    public const int Instruments = 20;

    /// <summary><c>market/books</c>: 40 per 2 s per IP.</summary>
    public const int Books = 40;

    /// <summary><c>market/candles</c>: 40 per 2 s per IP.</summary>
    public const int Candles = 40;

    /// <summary><c>market/history-candles</c>: 20 per 2 s per IP.</summary>
    public const int HistoryCandles = 20;

    /// <summary><c>public/funding-rate-history</c>: 10 per 2 s per IP and instrument.</summary>
    public const int FundingRateHistory = 10;

    /// <summary><c>public/open-interest</c>: 20 per 2 s per IP and instrument.</summary>
    public const int OpenInterest = 20;

    /// <summary><c>public/time</c>: 10 per 2 s per IP.</summary>
    public const int Time = 10;

    /// <summary>The rule of the pool for <paramref name="endpoint"/> (an <see cref="OkxRestRoutes"/> path) scoped to <paramref name="scope"/> (instrument type or instId; null for IP-wide).</summary>
    public static RateLimitRule Rule(string endpoint, string? scope) => new(Pool(endpoint, scope), Window, LimitOf(endpoint));

    /// <summary>The pool name, e.g. <c>/api/v5/market/books</c> or <c>/api/v5/public/open-interest|BTC-USDT-SWAP</c>.</summary>
    public static string Pool(string endpoint, string? scope) => scope is null ? endpoint : $"{endpoint}|{scope}";

    /// <summary>The documented limit per 2 seconds of <paramref name="endpoint"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not an endpoint this client calls.</exception>
    public static int LimitOf(string endpoint) => endpoint switch
    {
        OkxRestRoutes.Instruments => Instruments,
        OkxRestRoutes.Books => Books,
        OkxRestRoutes.Candles => Candles,
        OkxRestRoutes.HistoryCandles => HistoryCandles,
        OkxRestRoutes.FundingRateHistory => FundingRateHistory,
        OkxRestRoutes.OpenInterest => OpenInterest,
        OkxRestRoutes.Time => Time,
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "No OKX limit is known for this endpoint."),
    };

    /// <summary>The IP-wide pools, configured up front.</summary>
    public static IReadOnlyList<RateLimitRule> Defaults { get; } =
    [
        Rule(OkxRestRoutes.Books, null),
        Rule(OkxRestRoutes.Candles, null),
        Rule(OkxRestRoutes.HistoryCandles, null),
        Rule(OkxRestRoutes.Time, null),
    ];
}
