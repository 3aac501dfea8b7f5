using System.Security.Cryptography;
using System.Text;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>
/// Binance's HMAC-SHA256 request signature: the lower- or upper-case hex HMAC of <c>totalParams</c> (the query
/// string exactly as sent, immediately followed by the request body, without the <c>signature</c> parameter).
/// </summary>
public static class BinanceSignature
{
    /// <summary>The hex signature of <paramref name="payload"/> under <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string payload)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(payload);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));
    }

    /// <summary>True when <paramref name="signatureHex"/> is the signature of <paramref name="payload"/> (compared in constant time).</summary>
    public static bool Verify(string secret, string payload, string? signatureHex)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(payload);
        if (signatureHex is null || signatureHex.Length != 64)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signatureHex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload), expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
