using System.Security.Cryptography;

namespace FlowSight.PaperVenue.Hosting;

/// <summary>The paper venue's API keys, looked up by key; thread-safe (read-only after construction).</summary>
public sealed class PaperCredentials
{
    private readonly Dictionary<string, PaperCredential> _byKey = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="credentials"/>; when empty, one key for account 1 is made up (<see cref="Default"/>).</summary>
    /// <exception cref="ArgumentException">A duplicate key, an empty key or secret, or an account id below 1.</exception>
    public PaperCredentials(IEnumerable<PaperCredential> credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        foreach (var credential in credentials)
        {
            if (string.IsNullOrEmpty(credential.ApiKey) || string.IsNullOrEmpty(credential.Secret))
            {
                throw new ArgumentException("Every paper venue credential needs an API key and a secret.", nameof(credentials));
            }

            if (credential.AccountId < 1)
            {
                throw new ArgumentException($"Account ids start at 1 (got {credential.AccountId} for key {credential.ApiKey}).", nameof(credentials));
            }

            if (!_byKey.TryAdd(credential.ApiKey, credential))
            {
                throw new ArgumentException($"The API key {credential.ApiKey} is listed twice.", nameof(credentials));
            }
        }

        if (_byKey.Count == 0)
        {
            var made = Default();
            _byKey.Add(made.ApiKey, made);
        }

        All = [.. _byKey.Values];
    }

    /// <summary>Every credential, in the order given.</summary>
    public IReadOnlyList<PaperCredential> All { get; }

    /// <summary>The credential of <paramref name="apiKey"/>, if any.</summary>
    public bool TryFind(string? apiKey, out PaperCredential credential)
    {
        if (apiKey is not null && _byKey.TryGetValue(apiKey, out var found))
        {
            credential = found;
            return true;
        }

        credential = null!;
        return false;
    }

    /// <summary>A fresh random key, secret and passphrase for account 1 (printed by <c>flowsight sim</c>).</summary>
    public static PaperCredential Default() =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), "paper-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), 1);
}
