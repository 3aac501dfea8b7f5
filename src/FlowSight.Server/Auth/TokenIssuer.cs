using System.Security.Claims;
using System.Security.Cryptography;
using FlowSight.Server.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FlowSight.Server.Auth;

/// <summary>Signs and describes the server's bearer tokens: HMAC-SHA256, the configured issuer as issuer and audience, a role claim.</summary>
internal sealed class TokenIssuer
{
    /// <summary>The claim holding the user's name.</summary>
    public const string NameClaim = "name";

    /// <summary>The claim holding the user's role (<c>viewer</c>, <c>trader</c>, <c>admin</c>).</summary>
    public const string RoleClaim = "role";

    private const int MinKeyBytes = 32;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _time;

    public TokenIssuer(ServerOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? TimeProvider.System;
        Issuer = options.JwtIssuer;
        Lifetime = options.TokenLifetime > TimeSpan.Zero
            ? options.TokenLifetime
            : throw new InvalidOperationException($"Server:TokenLifetime must be positive, not {options.TokenLifetime}.");
        Key = new SymmetricSecurityKey(ReadKey(options.JwtSigningKey));
        _credentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256);
    }

    /// <summary>Issuer and audience of every token.</summary>
    public string Issuer { get; }

    /// <summary>How long a new token lives.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>The signing key.</summary>
    public SymmetricSecurityKey Key { get; }

    /// <summary>A token for <paramref name="user"/> valid until now + <see cref="Lifetime"/>.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(ServerUser user)
    {
        var now = _time.GetUtcNow();
        var expires = now + Lifetime;
        return (Create(user.Name, user.Role, now, expires), expires);
    }

    /// <summary>A token with any validity window (tests sign expired ones).</summary>
    public string Create(string name, ServerRole role, DateTimeOffset notBefore, DateTimeOffset expires) =>
        _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = notBefore.UtcDateTime,
            NotBefore = notBefore.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, name),
                new Claim(NameClaim, name),
                new Claim(RoleClaim, RoleName(role)),
            ]),
        });

    /// <summary>What the bearer handler checks: signature, issuer, audience, lifetime (30 s of clock skew).</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Issuer,
        IssuerSigningKey = Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = NameClaim,
        RoleClaimType = RoleClaim,
    };

    /// <summary>The role as it appears in tokens and JSON.</summary>
    public static string RoleName(ServerRole role) => role switch
    {
        ServerRole.Admin => "admin",
        ServerRole.Trader => "trader",
        _ => "viewer",
    };

    private static byte[] ReadKey(string configured)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return RandomNumberGenerator.GetBytes(MinKeyBytes);
        }

        var bytes = new byte[configured.Length];
        if (!Convert.TryFromBase64String(configured, bytes, out var length))
        {
            throw new InvalidOperationException("Server:JwtSigningKey is not base64; generate one with `openssl rand -base64 32`.");
        }

        return length >= MinKeyBytes
            ? bytes.AsSpan(0, length).ToArray()
            : throw new InvalidOperationException($"Server:JwtSigningKey has {length} bytes; HMAC-SHA256 needs at least {MinKeyBytes}.");
    }
}
