namespace FlowSight.TestServers.Binance;

/// <summary>
/// A fault the REST server injects into the next <see cref="Times"/> requests that match <see cref="Market"/> and
/// <see cref="Endpoint"/> (null matches any).
/// </summary>
/// <param name="Kind">What the fault does.</param>
public sealed record BinanceRestFault(BinanceRestFaultKind Kind)
{
    /// <summary>The market it applies to; null for all.</summary>
    public BinanceServerMarket? Market { get; init; }

    /// <summary>The endpoint it applies to, e.g. <c>depth</c> or <c>klines</c>; null for all.</summary>
    public string? Endpoint { get; init; }

    /// <summary>How many matching requests it hits.</summary>
    public int Times { get; init; } = 1;

    /// <summary>The HTTP status for <see cref="BinanceRestFaultKind.ServerError"/> and <see cref="BinanceRestFaultKind.ErrorBody"/>.</summary>
    public int Status { get; init; }

    /// <summary>The <c>Retry-After</c> seconds for 429/418; null sends none.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The Binance error code for <see cref="BinanceRestFaultKind.ErrorBody"/>.</summary>
    public int Code { get; init; }

    /// <summary>The Binance error message for <see cref="BinanceRestFaultKind.ErrorBody"/>.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>429 with <c>Retry-After: seconds</c>.</summary>
    public static BinanceRestFault RateLimited(int retryAfterSeconds) => new(BinanceRestFaultKind.RateLimited) { RetryAfterSeconds = retryAfterSeconds };

    /// <summary>418 with <c>Retry-After: seconds</c>.</summary>
    public static BinanceRestFault Banned(int retryAfterSeconds) => new(BinanceRestFaultKind.Banned) { RetryAfterSeconds = retryAfterSeconds };

    /// <summary><paramref name="status"/> (5xx) for the next <paramref name="times"/> matching requests.</summary>
    public static BinanceRestFault ServerError(int times = 1, int status = 500) => new(BinanceRestFaultKind.ServerError) { Times = times, Status = status };

    /// <summary>No answer until aborted.</summary>
    public static BinanceRestFault Stall() => new(BinanceRestFaultKind.Stall);

    /// <summary>A truncated JSON body with HTTP 200.</summary>
    public static BinanceRestFault MalformedJson() => new(BinanceRestFaultKind.MalformedJson);

    /// <summary>A Binance error body.</summary>
    public static BinanceRestFault Error(int status, int code, string message) => new(BinanceRestFaultKind.ErrorBody) { Status = status, Code = code, Message = message };
}
