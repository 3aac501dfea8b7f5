using System.Net;

namespace FlowSight.Venues.Network.Http;

/// <summary>
/// A REST call to a venue failed. The subclasses say how: <see cref="VenueApiException"/> (the venue refused it),
/// <see cref="VenueRateLimitedException"/> (429/418), <see cref="VenueTransientException"/> (5xx, timeout or
/// connection failure after the retries), <see cref="VenueResponseFormatException"/> (an answer we cannot read).
/// </summary>
public class VenueRestException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public VenueRestException()
        : base("A REST call to a venue failed.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public VenueRestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and its cause.</summary>
    public VenueRestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The venue's host, e.g. <c>fapi.binance.com</c>.</summary>
    public string? Host { get; init; }

    /// <summary>The endpoint's name, e.g. <c>depth</c> or <c>/api/v3/klines</c>.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The HTTP status, when a response arrived.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The venue's error code from the body (Binance <c>-1121</c>), when it sent one.</summary>
    public string? VenueCode { get; init; }

    /// <summary>The venue's error message from the body (Binance <c>Invalid symbol.</c>), when it sent one.</summary>
    public string? VenueMessage { get; init; }

    /// <summary>The venue's error code as a number when it is one (Binance codes are negative integers).</summary>
    public int? NumericVenueCode => int.TryParse(VenueCode, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null;

    /// <summary>"host endpoint: HTTP 400, venue code -1121 'Invalid symbol.'" style text for messages.</summary>
    protected internal static string Describe(string host, string endpoint, HttpStatusCode? status, VenueErrorBody? error)
    {
        var text = $"{host} {endpoint}";
        if (status is { } code)
        {
            text += $": HTTP {(int)code}";
        }

        if (error is { } body)
        {
            text += $", venue code {body.Code} '{body.Message}'";
        }

        return text;
    }
}
