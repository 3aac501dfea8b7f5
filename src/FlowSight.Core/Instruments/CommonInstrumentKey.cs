using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FlowSight.Core;

/// <summary>
/// What an instrument is, whatever the venue: base asset, quote asset, kind (spot, perpetual, dated future with its
/// expiry date) and settlement asset. <c>BTCUSDT-PERP.BINANCE</c>, <c>BTC-USDT-SWAP.OKX</c> and
/// <c>BTC_USDT-PERP.GATEIO</c> all have the key <c>BTC/USDT-PERP</c>.
/// </summary>
/// <remarks>
/// <para>Text form (parsed case-insensitively, always formatted upper-case):</para>
/// <list type="bullet">
/// <item><c>BTC/USDT</c>: spot.</item>
/// <item><c>BTC/USDT-PERP</c>: a perpetual settled in the quote asset (linear).</item>
/// <item><c>BTC/USD-PERP:BTC</c>: a perpetual settled in another asset; settled in the base asset it is inverse
/// (coin-margined).</item>
/// <item><c>BTC/USDT-20210924</c>, <c>BTC/USD-20210924:BTC</c>: a dated future expiring on that UTC date. Venues
/// expire quarterlies at 08:00 UTC; the key keeps the date only, so the same quarterly on two venues is one key.</item>
/// </list>
/// <para>A <c>:SETTLE</c> equal to the quote asset is accepted and dropped, so each key has one canonical text.
/// Asset names are 1-20 characters A-Z and 0-9 and are the common names (<c>BTC</c>, not <c>XBT</c>; <c>SHIB</c>, not
/// Binance's <c>1000SHIB</c>): mapping venue asset names is the instrument registry's job.</para>
/// <para>The value is an interned handle (four bytes, no references), like <see cref="InstrumentId"/>, so engine events
/// can carry it and stay unmanaged; <c>default</c> is "no key".</para>
/// </remarks>
public readonly struct CommonInstrumentKey : IEquatable<CommonInstrumentKey>, IComparable<CommonInstrumentKey>
{
    /// <summary>The suffix of a perpetual in the text form.</summary>
    public const string PerpetualSuffix = "PERP";

    private const int MaxAssetLength = 20;

    private static readonly InternTable<Parts> Table = new();

    private readonly int _handle; // handle + 1, so default is distinguishable

    private CommonInstrumentKey(int handle) => _handle = handle + 1;

    /// <summary>The base asset, e.g. <c>BTC</c>.</summary>
    public string Base => _handle == 0 ? string.Empty : Table.PayloadOf(_handle - 1).Base;

    /// <summary>The quote asset, e.g. <c>USDT</c>.</summary>
    public string Quote => _handle == 0 ? string.Empty : Table.PayloadOf(_handle - 1).Quote;

    /// <summary>The settlement asset: the quote asset for spot and linear contracts, the base asset for inverse ones.</summary>
    public string Settle => _handle == 0 ? string.Empty : Table.PayloadOf(_handle - 1).Settle;

    /// <summary>Spot, perpetual or dated future.</summary>
    public InstrumentKind Kind => _handle == 0 ? default : Table.PayloadOf(_handle - 1).Kind;

    /// <summary>The expiry date (UTC) of a dated future; null otherwise.</summary>
    public DateOnly? Expiry => _handle == 0 || Table.PayloadOf(_handle - 1).ExpiryDay < 0
        ? null
        : DateOnly.FromDayNumber(Table.PayloadOf(_handle - 1).ExpiryDay);

    /// <summary>True for a contract settled in its base asset (coin-margined).</summary>
    public bool IsInverse => _handle != 0 && Kind != InstrumentKind.Spot && Settle == Base;

    /// <summary>True for <c>default</c>.</summary>
    public bool IsDefault => _handle == 0;

    /// <summary>A process-wide dense number (0, 1, 2, ... in order of first use), usable as an array index; -1 for default.</summary>
    public int Handle => _handle - 1;

    /// <summary>The canonical text, e.g. <c>BTC/USDT-PERP</c>.</summary>
    public string Value => _handle == 0 ? string.Empty : Table.NameOf(_handle - 1);

    /// <summary>A spot pair.</summary>
    public static CommonInstrumentKey Spot(string baseAsset, string quoteAsset) =>
        Of(baseAsset, quoteAsset, InstrumentKind.Spot, null, null);

    /// <summary>A perpetual; <paramref name="settleAsset"/> defaults to the quote asset (linear).</summary>
    public static CommonInstrumentKey Perpetual(string baseAsset, string quoteAsset, string? settleAsset = null) =>
        Of(baseAsset, quoteAsset, InstrumentKind.Perpetual, settleAsset, null);

    /// <summary>A dated future expiring on <paramref name="expiry"/> (UTC); <paramref name="settleAsset"/> defaults to the quote asset.</summary>
    public static CommonInstrumentKey DatedFuture(string baseAsset, string quoteAsset, DateOnly expiry, string? settleAsset = null) =>
        Of(baseAsset, quoteAsset, InstrumentKind.DatedFuture, settleAsset, expiry);

    /// <summary>Builds a key from its parts; asset names are upper-cased and validated.</summary>
    /// <exception cref="ArgumentException">An asset name is invalid, a spot key has a settle asset other than its quote, or the expiry does not match the kind.</exception>
    public static CommonInstrumentKey Of(string baseAsset, string quoteAsset, InstrumentKind kind, string? settleAsset, DateOnly? expiry)
    {
        if (!TryCreate(baseAsset, quoteAsset, kind, settleAsset, expiry, out var key, out var error))
        {
            throw new ArgumentException(error);
        }

        return key;
    }

    /// <summary>Parses the text form (see the type's remarks).</summary>
    /// <exception cref="FormatException">The text is not a key; the message says why and shows the expected forms.</exception>
    public static CommonInstrumentKey Parse(string text)
    {
        if (!TryParse(text, out var key, out var error))
        {
            throw new FormatException(error);
        }

        return key;
    }

    /// <summary>Parses the text form without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CommonInstrumentKey key) => TryParse(text, out key, out _);

    /// <summary>Parses the text form without throwing, with the reason of a failure.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CommonInstrumentKey key, [NotNullWhen(false)] out string? error)
    {
        key = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A common instrument key is empty; expected e.g. BTC/USDT, BTC/USDT-PERP, BTC/USD-PERP:BTC or BTC/USDT-20210924.";
            return false;
        }

        if (Table.TryGet(text, out var handle))
        {
            key = new CommonInstrumentKey(handle);
            error = null;
            return true;
        }

        var span = text.AsSpan().Trim();
        string? settle = null;
        var colon = span.IndexOf(':');
        if (colon >= 0)
        {
            settle = span[(colon + 1)..].ToString();
            span = span[..colon];
        }

        var slash = span.IndexOf('/');
        if (slash <= 0)
        {
            error = $"Invalid common instrument key '{text}': expected BASE/QUOTE[-PERP|-YYYYMMDD][:SETTLE], e.g. BTC/USDT-PERP.";
            return false;
        }

        var baseAsset = span[..slash].ToString();
        var rest = span[(slash + 1)..];
        var kind = InstrumentKind.Spot;
        DateOnly? expiry = null;
        var dash = rest.IndexOf('-');
        if (dash >= 0)
        {
            var suffix = rest[(dash + 1)..];
            rest = rest[..dash];
            if (suffix.Equals(PerpetualSuffix, StringComparison.OrdinalIgnoreCase))
            {
                kind = InstrumentKind.Perpetual;
            }
            else if (DateOnly.TryParseExact(suffix, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                kind = InstrumentKind.DatedFuture;
                expiry = date;
            }
            else
            {
                error = $"Invalid common instrument key '{text}': the suffix '{suffix}' is neither PERP nor an expiry date YYYYMMDD.";
                return false;
            }
        }

        if (kind == InstrumentKind.Spot && settle is not null && !settle.Equals(rest.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            error = $"Invalid common instrument key '{text}': a spot pair settles in its quote asset; ':{settle}' is only for contracts.";
            return false;
        }

        if (!TryCreate(baseAsset, rest.ToString(), kind, settle, expiry, out key, out var partError))
        {
            error = $"Invalid common instrument key '{text}': {partError}";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryCreate(
        string baseAsset, string quoteAsset, InstrumentKind kind, string? settleAsset, DateOnly? expiry,
        out CommonInstrumentKey key, [NotNullWhen(false)] out string? error)
    {
        key = default;
        var normalizedBase = NormalizeAsset(baseAsset);
        var normalizedQuote = NormalizeAsset(quoteAsset);
        var normalizedSettle = string.IsNullOrEmpty(settleAsset) ? normalizedQuote : NormalizeAsset(settleAsset);
        if (normalizedBase is null || normalizedQuote is null || normalizedSettle is null)
        {
            error = $"asset names must be 1-{MaxAssetLength} characters A-Z or 0-9 (base '{baseAsset}', quote '{quoteAsset}', settle '{settleAsset}').";
            return false;
        }

        if (normalizedBase == normalizedQuote)
        {
            error = $"the base and quote assets are both {normalizedBase}.";
            return false;
        }

        if (kind is not (InstrumentKind.Spot or InstrumentKind.Perpetual or InstrumentKind.DatedFuture))
        {
            error = $"unknown instrument kind {kind}.";
            return false;
        }

        if (kind == InstrumentKind.Spot && normalizedSettle != normalizedQuote)
        {
            error = "a spot pair settles in its quote asset.";
            return false;
        }

        if ((kind == InstrumentKind.DatedFuture) != expiry.HasValue)
        {
            error = kind == InstrumentKind.DatedFuture ? "a dated future needs an expiry date." : "only a dated future has an expiry date.";
            return false;
        }

        var expiryDay = expiry?.DayNumber ?? -1;
        var text = Format(normalizedBase, normalizedQuote, kind, normalizedSettle, expiry);
        key = new CommonInstrumentKey(Table.Intern(text, new Parts(normalizedBase, normalizedQuote, kind, normalizedSettle, expiryDay)));
        error = null;
        return true;
    }

    private static string Format(string baseAsset, string quoteAsset, InstrumentKind kind, string settle, DateOnly? expiry)
    {
        var suffix = kind switch
        {
            InstrumentKind.Perpetual => "-" + PerpetualSuffix,
            InstrumentKind.DatedFuture => "-" + expiry!.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            _ => string.Empty,
        };
        var settleSuffix = settle == quoteAsset ? string.Empty : ":" + settle;
        return $"{baseAsset}/{quoteAsset}{suffix}{settleSuffix}";
    }

    /// <summary>Upper-cases and validates an asset name; null when it is not one.</summary>
    private static string? NormalizeAsset(string? asset)
    {
        if (string.IsNullOrEmpty(asset) || asset.Length > MaxAssetLength)
        {
            return null;
        }

        foreach (var c in asset)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9')))
            {
                return null;
            }
        }

        return asset.ToUpperInvariant();
    }

    /// <inheritdoc />
    public bool Equals(CommonInstrumentKey other) => _handle == other._handle;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CommonInstrumentKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _handle;

    /// <summary>Orders by the canonical text, so listings are stable whatever the interning order.</summary>
    public int CompareTo(CommonInstrumentKey other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    public static bool operator ==(CommonInstrumentKey left, CommonInstrumentKey right) => left.Equals(right);

    public static bool operator !=(CommonInstrumentKey left, CommonInstrumentKey right) => !left.Equals(right);

    public static bool operator <(CommonInstrumentKey left, CommonInstrumentKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(CommonInstrumentKey left, CommonInstrumentKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(CommonInstrumentKey left, CommonInstrumentKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(CommonInstrumentKey left, CommonInstrumentKey right) => left.CompareTo(right) >= 0;

    private readonly record struct Parts(string Base, string Quote, InstrumentKind Kind, string Settle, int ExpiryDay);
}
