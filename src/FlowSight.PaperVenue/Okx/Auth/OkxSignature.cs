using System.Security.Cryptography;
using System.Text;

namespace FlowSight.PaperVenue.Okx.Auth;

/// <summary>OKX's request signature: base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body)).</summary>
public static class OkxSignature
{
    /// <summary>The signature of <paramref name="prehash"/> with <paramref name="secret"/>.</summary>
    public static string Compute(string secret, string prehash)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(prehash);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(prehash)));
    }

    /// <summary>True when <paramref name="signature"/> is the signature of <paramref name="prehash"/> (compared in constant time).</summary>
    public static bool Verify(string secret, string prehash, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Compute(secret, prehash));
        var given = Encoding.UTF8.GetBytes(signature ?? string.Empty);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
