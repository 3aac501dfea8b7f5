namespace FlowSight.Venues.Okx.Rest;

/// <summary>OKX v5 public REST paths (all on one host, <c>https://www.okx.com</c>).</summary>
public static class OkxRestRoutes
{
    /// <summary>OKX's REST base address.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://www.okx.com");

    /// <summary><c>GET /api/v5/public/instruments</c>.</summary>
    public const string Instruments = "/api/v5/public/instruments";

    /// <summary><c>GET /api/v5/market/books</c>.</summary>
    public const string Books = "/api/v5/market/books";

    /// <summary><c>GET /api/v5/market/candles</c>: the latest 1,440 candles.</summary>
    public const string Candles = "/api/v5/market/candles";

    /// <summary><c>GET /api/v5/market/history-candles</c>: candles from recent years.</summary>
    public const string HistoryCandles = "/api/v5/market/history-candles";

    /// <summary><c>GET /api/v5/public/funding-rate-history</c>.</summary>
    public const string FundingRateHistory = "/api/v5/public/funding-rate-history";

    /// <summary><c>GET /api/v5/public/open-interest</c>.</summary>
    public const string OpenInterest = "/api/v5/public/open-interest";

    /// <summary><c>GET /api/v5/public/time</c>.</summary>
    public const string Time = "/api/v5/public/time";
}
