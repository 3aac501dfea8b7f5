using FlowSight.Core;

namespace FlowSight.Engine.Orders;

/// <summary>
/// Makes client order ids every venue accepts (letters and digits only: OKX's clOrdId rule; at most 6 + 8 + 12 = 26
/// characters, within OKX's 32 and Gate.io's 28 after the <c>t-</c> its adapter adds) that a restarted engine never
/// reuses: a short prefix, the
/// generator's start time as 8 base-36 digits of milliseconds since 2025-01-01 (fixed width), then a base-36 sequence.
/// A restart starts from a later time; <see cref="Recover(IEnumerable{ClientOrderId})"/> moves past any id seen at the venue in case the clock went
/// back. Thread-safe.
/// </summary>
public sealed class ClientOrderIdGenerator
{
    /// <summary>OKX's limit, the narrowest of the supported venues.</summary>
    public const int MaxLength = 32;

    /// <summary>Width of the start-time part.</summary>
    public const int EpochDigits = 8;

    /// <summary>The prefix used when none is given.</summary>
    public const string DefaultPrefix = "FS";

    private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static readonly long EpochStartMs = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long MaxEpoch = (long)Math.Pow(36, EpochDigits) - 1;

    private readonly Lock _lock = new();
    private readonly string _prefix;
    private long _epoch;
    private long _next;

    /// <summary>Creates a generator seeded from <paramref name="clock"/>.</summary>
    /// <param name="clock">The clock (the system clock when null).</param>
    /// <param name="prefix">1-6 letters or digits telling our ids from ids placed by hand or by other programs.</param>
    /// <exception cref="ArgumentException">The prefix is empty, too long or not alphanumeric.</exception>
    public ClientOrderIdGenerator(TimeProvider? clock = null, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length is < 1 or > 6 || !IsAlphanumeric(prefix))
        {
            throw new ArgumentException($"Client order id prefix '{prefix}' must be 1-6 letters or digits (OKX allows nothing else).", nameof(prefix));
        }

        _prefix = prefix;
        var nowMs = (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds();
        _epoch = Math.Clamp(nowMs - EpochStartMs, 0, MaxEpoch);
    }

    /// <summary>The prefix of our ids.</summary>
    public string Prefix => _prefix;

    /// <summary>The start-time part now in use (milliseconds since 2025-01-01).</summary>
    public long Epoch
    {
        get
        {
            lock (_lock)
            {
                return _epoch;
            }
        }
    }

    /// <summary>The next sequence number.</summary>
    public long NextSequence
    {
        get
        {
            lock (_lock)
            {
                return _next;
            }
        }
    }

    /// <summary>A new id, never returned before by this generator nor by an earlier one it recovered from.</summary>
    public ClientOrderId Next()
    {
        long epoch, seq;
        lock (_lock)
        {
            epoch = _epoch;
            seq = _next++;
        }

        Span<char> buffer = stackalloc char[MaxLength];
        _prefix.AsSpan().CopyTo(buffer);
        var at = _prefix.Length;
        for (var i = EpochDigits - 1; i >= 0; i--)
        {
            buffer[at + i] = Digits[(int)(epoch % 36)];
            epoch /= 36;
        }

        at += EpochDigits;
        at += WriteBase36(seq, buffer[at..]);
        return ClientOrderId.Parse(buffer[..at]);
    }

    /// <summary>True when <paramref name="id"/> has the form of our ids (prefix, 8 base-36 digits, a base-36 sequence).</summary>
    public bool IsOurs(ClientOrderId id) => TryParts(id, out _, out _);

    /// <summary>
    /// Moves past every id of ours in <paramref name="ids"/> (the venue's open orders and fills at reconciliation),
    /// so a generator whose clock went back never makes one of them again. Returns how many ids were ours.
    /// </summary>
    public int Recover(IEnumerable<ClientOrderId> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var ours = 0;
        foreach (var id in ids)
        {
            if (Recover(id))
            {
                ours++;
            }
        }

        return ours;
    }

    /// <summary>Moves past one id when it is ours; returns whether it was.</summary>
    public bool Recover(ClientOrderId id)
    {
        if (!TryParts(id, out var epoch, out var seq))
        {
            return false;
        }

        lock (_lock)
        {
            if (epoch > _epoch)
            {
                _epoch = epoch;
                _next = seq == long.MaxValue ? seq : seq + 1;
            }
            else if (epoch == _epoch && seq >= _next)
            {
                _next = seq == long.MaxValue ? seq : seq + 1;
            }
        }

        return true;
    }

    private bool TryParts(ClientOrderId id, out long epoch, out long seq)
    {
        epoch = 0;
        seq = 0;
        var bytes = id.Utf8;
        var p = _prefix.Length;
        if (bytes.Length < p + EpochDigits + 1 || bytes.Length > MaxLength)
        {
            return false;
        }

        for (var i = 0; i < p; i++)
        {
            if (bytes[i] != _prefix[i])
            {
                return false;
            }
        }

        for (var i = p; i < p + EpochDigits; i++)
        {
            var d = DigitValue(bytes[i]);
            if (d < 0)
            {
                return false;
            }

            epoch = (epoch * 36) + d;
        }

        var seqDigits = bytes.Length - p - EpochDigits;
        if (seqDigits > 12)
        {
            return false; // would overflow a long; not one of ours
        }

        for (var i = p + EpochDigits; i < bytes.Length; i++)
        {
            var d = DigitValue(bytes[i]);
            if (d < 0)
            {
                return false;
            }

            seq = (seq * 36) + d;
        }

        return true;
    }

    private static int DigitValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'z' => b - 'a' + 10,
        _ => -1,
    };

    private static int WriteBase36(long value, Span<char> into)
    {
        Span<char> tmp = stackalloc char[16];
        var n = 0;
        do
        {
            tmp[n++] = Digits[(int)(value % 36)];
            value /= 36;
        }
        while (value > 0);

        for (var i = 0; i < n; i++)
        {
            into[i] = tmp[n - 1 - i];
        }

        return n;
    }

    private static bool IsAlphanumeric(string text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9')))
            {
                return false;
            }
        }

        return true;
    }
}
