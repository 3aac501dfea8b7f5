using System.Security.Cryptography;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// The venue's listen keys, one per account as Binance keeps them: <c>POST</c> returns the account's key while it is
/// valid (extending it) or makes a new one; <c>PUT</c> extends it by 60 minutes; <c>DELETE</c> closes it. Expiry
/// follows the wall clock (<see cref="Exchange.PaperExchange.WallClockMs"/>). Thread-safe.
/// </summary>
internal sealed class BinanceListenKeys
{
    /// <summary>How long a key lives after its creation or last keep-alive.</summary>
    public const long ValidityMs = 60 * 60 * 1000;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BinanceListenKey> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<int, BinanceListenKey> _byAccount = [];
    private BinanceListenKey[] _all = [];

    /// <summary>Every live key (exchange thread reads it without locking).</summary>
    public BinanceListenKey[] All => Volatile.Read(ref _all);

    /// <summary>The account's valid key, extended, or a new one.</summary>
    public BinanceListenKey Create(int accountId, long nowMs)
    {
        lock (_gate)
        {
            if (_byAccount.TryGetValue(accountId, out var existing) && existing.ExpiresAtMs > nowMs)
            {
                existing.ExpiresAtMs = nowMs + ValidityMs;
                return existing;
            }

            if (existing is not null)
            {
                RemoveLocked(existing);
            }

            var key = new BinanceListenKey(RandomNumberGenerator.GetString(Alphabet, 64), accountId, nowMs + ValidityMs);
            _byKey.Add(key.Key, key);
            _byAccount[accountId] = key;
            Volatile.Write(ref _all, [.. _all, key]);
            return key;
        }
    }

    /// <summary>Extends the account's key (<paramref name="key"/> null: whichever it has, as USDⓈ-M's <c>PUT</c> takes no key).</summary>
    public BinanceListenKey? KeepAlive(int accountId, string? key, long nowMs)
    {
        lock (_gate)
        {
            if (!_byAccount.TryGetValue(accountId, out var existing) || existing.ExpiresAtMs <= nowMs
                || (key is not null && !string.Equals(existing.Key, key, StringComparison.Ordinal)))
            {
                return null;
            }

            existing.ExpiresAtMs = nowMs + ValidityMs;
            return existing;
        }
    }

    /// <summary>Closes the account's key; returns it, or null when there was none.</summary>
    public BinanceListenKey? Close(int accountId, string? key)
    {
        lock (_gate)
        {
            if (!_byAccount.TryGetValue(accountId, out var existing) || (key is not null && !string.Equals(existing.Key, key, StringComparison.Ordinal)))
            {
                return null;
            }

            RemoveLocked(existing);
            return existing;
        }
    }

    /// <summary>A live key by its text.</summary>
    public bool TryGet(string key, long nowMs, out BinanceListenKey listenKey)
    {
        lock (_gate)
        {
            if (_byKey.TryGetValue(key, out var found) && found.ExpiresAtMs > nowMs)
            {
                listenKey = found;
                return true;
            }
        }

        listenKey = null!;
        return false;
    }

    /// <summary>Forgets <paramref name="key"/> if it is still expired at <paramref name="nowMs"/> (a keep-alive may just have saved it).</summary>
    public bool Expire(BinanceListenKey key, long nowMs)
    {
        lock (_gate)
        {
            if (key.ExpiresAtMs > nowMs)
            {
                return false;
            }

            RemoveLocked(key);
            return true;
        }
    }

    private void RemoveLocked(BinanceListenKey key)
    {
        _byKey.Remove(key.Key);
        if (_byAccount.TryGetValue(key.AccountId, out var current) && ReferenceEquals(current, key))
        {
            _byAccount.Remove(key.AccountId);
        }

        Volatile.Write(ref _all, Array.FindAll(_all, k => !ReferenceEquals(k, key)));
    }
}
