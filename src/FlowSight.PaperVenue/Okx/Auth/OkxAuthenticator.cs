using System.Globalization;
using FlowSight.PaperVenue.Hosting;

namespace FlowSight.PaperVenue.Okx.Auth;

/// <summary>
/// Checks OKX's private-request headers as OKX does: <c>OK-ACCESS-KEY</c>, <c>OK-ACCESS-SIGN</c>,
/// <c>OK-ACCESS-TIMESTAMP</c> (ISO 8601 UTC, within 30 seconds of the server) and <c>OK-ACCESS-PASSPHRASE</c>;
/// each failure is OKX's own code with HTTP 401.
/// </summary>
public sealed class OkxAuthenticator(PaperCredentials credentials, TimeProvider time)
{
    /// <summary>How far a request's timestamp may be from the server's clock.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(30);

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>The credential of a signed REST request.</summary>
    /// <param name="key">OK-ACCESS-KEY.</param>
    /// <param name="sign">OK-ACCESS-SIGN.</param>
    /// <param name="timestamp">OK-ACCESS-TIMESTAMP.</param>
    /// <param name="passphrase">OK-ACCESS-PASSPHRASE.</param>
    /// <param name="method">GET or POST.</param>
    /// <param name="requestPath">Path and query exactly as sent.</param>
    /// <param name="body">The body exactly as sent.</param>
    /// <exception cref="OkxApiException">The request is not authentic (HTTP 401).</exception>
    public PaperCredential Authenticate(string? key, string? sign, string? timestamp, string? passphrase, string method, string requestPath, string body)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new OkxApiException("50103", "Request header OK-ACCESS-KEY can not be empty.", 401);
        }

        if (string.IsNullOrEmpty(sign))
        {
            throw new OkxApiException("50106", "Request header OK-ACCESS-SIGN can not be empty.", 401);
        }

        if (string.IsNullOrEmpty(timestamp))
        {
            throw new OkxApiException("50107", "Request header OK-ACCESS-TIMESTAMP can not be empty.", 401);
        }

        if (string.IsNullOrEmpty(passphrase))
        {
            throw new OkxApiException("50104", "Request header OK-ACCESS-PASSPHRASE can not be empty.", 401);
        }

        if (!DateTimeOffset.TryParseExact(timestamp, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            throw new OkxApiException("50112", "Invalid OK-ACCESS-TIMESTAMP", 401);
        }

        if ((time.GetUtcNow() - at).Duration() > MaxSkew)
        {
            throw new OkxApiException("50102", "Timestamp request expired", 401);
        }

        if (!credentials.TryFind(key, out var credential))
        {
            throw new OkxApiException("50111", "Invalid OK-ACCESS-KEY", 401);
        }

        if (!string.Equals(credential.Passphrase ?? string.Empty, passphrase, StringComparison.Ordinal))
        {
            throw new OkxApiException("50105", "Request header OK-ACCESS-PASSPHRASE incorrect.", 401);
        }

        if (!OkxSignature.Verify(credential.Secret, timestamp + method + requestPath + body, sign))
        {
            throw new OkxApiException("50113", "Invalid Sign", 401);
        }

        return credential;
    }

    /// <summary>
    /// The credential of a WebSocket <c>login</c>: the same scheme over <c>timestamp + "GET" + "/users/self/verify"</c>
    /// with the timestamp in Unix seconds.
    /// </summary>
    /// <exception cref="OkxApiException">60009 login failed, 60024 wrong passphrase, 60004 stale timestamp, 60005 invalid key.</exception>
    public PaperCredential Login(string? key, string? passphrase, string? timestamp, string? sign)
    {
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(passphrase) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(sign))
        {
            throw new OkxApiException("60009", "Login failed.", 200);
        }

        if (!decimal.TryParse(timestamp, NumberStyles.Number, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new OkxApiException("60004", $"Invalid timestamp", 200);
        }

        if (Math.Abs((time.GetUtcNow().ToUnixTimeMilliseconds() / 1000m) - seconds) > (decimal)MaxSkew.TotalSeconds)
        {
            throw new OkxApiException("60004", "Invalid timestamp", 200);
        }

        if (!credentials.TryFind(key, out var credential))
        {
            throw new OkxApiException("60005", "Invalid OK-ACCESS-KEY", 200);
        }

        if (!string.Equals(credential.Passphrase ?? string.Empty, passphrase, StringComparison.Ordinal))
        {
            throw new OkxApiException("60024", "Wrong passphrase", 200);
        }

        if (!OkxSignature.Verify(credential.Secret, timestamp + "GET/users/self/verify", sign))
        {
            throw new OkxApiException("60007", "Invalid sign", 200);
        }

        return credential;
    }
}
