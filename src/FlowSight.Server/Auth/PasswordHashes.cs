using FlowSight.Server.Hosting;
using Microsoft.AspNetCore.Identity;

namespace FlowSight.Server.Auth;

/// <summary>
/// Password hashes in ASP.NET Core Identity's format (PBKDF2 with a random salt): what <c>Server:Users[i]:PasswordHash</c>
/// holds. <c>flowsight user hash</c> and the demo's local user make theirs here.
/// </summary>
public static class PasswordHashes
{
    private static readonly PasswordHasher<ServerUser> Hasher = new();
    private static readonly ServerUser Nobody = new();

    /// <summary>A new hash of <paramref name="password"/> (a fresh salt each call, so two hashes of one password differ).</summary>
    public static string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        return Hasher.HashPassword(Nobody, password);
    }

    /// <summary>True when <paramref name="password"/> matches <paramref name="hash"/>; the comparison is constant-time.</summary>
    public static bool Verify(string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(password);
        return Hasher.VerifyHashedPassword(Nobody, hash, password) != PasswordVerificationResult.Failed;
    }

    /// <summary>True when <paramref name="hash"/> is in a format <see cref="Verify"/> reads (configuration check at start).</summary>
    public static bool IsWellFormed(string hash)
    {
        if (string.IsNullOrEmpty(hash))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[hash.Length];
        // Identity's v2 hashes start with 0x00, v3 with 0x01; anything else never verifies.
        return Convert.TryFromBase64String(hash, bytes, out var length) && length > 13 && bytes[0] is 0x00 or 0x01;
    }
}
