using System.Globalization;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>Gate.io's rate-limit response headers (API v4, "Rate Limit"): the endpoint's limit, what is left, when the window resets.</summary>
public static class GateIoRateLimitHeaders
{
    /// <summary>The endpoint's requests per window.</summary>
    public const string Limit = "X-Gate-RateLimit-Limit";

    /// <summary>Requests left in the current window.</summary>
    public const string Remaining = "X-Gate-RateLimit-Requests-Remain";

    /// <summary>When the window resets, in Unix seconds.</summary>
    public const string ResetTimestamp = "X-Gate-RateLimit-Reset-Timestamp";

    /// <summary>The same header as Gate's documentation spells it in places (<c>X-Gat-</c>); read as a fallback.</summary>
    public const string ResetTimestampAsDocumented = "X-Gat-RateLimit-Reset-Timestamp";

    /// <summary>
    /// How long a 429 should block the host: until the reset timestamp plus <paramref name="guard"/> (the timestamp
    /// has whole seconds and Gate's clock is not ours), never longer than <paramref name="window"/> plus the guard
    /// (a wild clock difference must not block for minutes); null when the header is missing or unreadable.
    /// </summary>
    public static TimeSpan? WaitForReset(HttpResponseMessage response, DateTimeOffset now, TimeSpan window, TimeSpan guard)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!TryReadSeconds(response, ResetTimestamp, out var reset) && !TryReadSeconds(response, ResetTimestampAsDocumented, out reset))
        {
            return null;
        }

        var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - now;
        return (wait < TimeSpan.Zero ? TimeSpan.Zero : wait > window ? window : wait) + guard;
    }

    private static bool TryReadSeconds(HttpResponseMessage response, string header, out long seconds)
    {
        seconds = 0;
        return response.Headers.TryGetValues(header, out var values)
            && values.FirstOrDefault() is { } text
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds)
            && seconds is > 0 and < 253_402_300_800; // within DateTimeOffset's range
    }
}
