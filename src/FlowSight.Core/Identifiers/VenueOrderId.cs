namespace FlowSight.Core;

/// <summary>
/// The venue's id for an order: Binance's numeric <c>orderId</c>, OKX's <c>ordId</c>, Gate.io's <c>id</c>.
/// Kept as the venue's text (up to 48 printable ASCII characters) because not every venue's ids are numbers,
/// stored inline so it costs no allocation.
/// </summary>
public readonly struct VenueOrderId : IEquatable<VenueOrderId>
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = AsciiId.Capacity;

    private readonly AsciiId _id;

    private VenueOrderId(AsciiId id) => _id = id;

    /// <summary>The id's ASCII bytes.</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public ReadOnlySpan<byte> Utf8 => _id.Span;

    /// <summary>True for <c>default(VenueOrderId)</c> (no id assigned yet).</summary>
    public bool IsDefault => _id.Length == 0;

    /// <summary>Creates an id from text.</summary>
    /// <exception cref="FormatException">The text is empty, too long or not printable ASCII.</exception>
    public static VenueOrderId Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var id)
            ? id
            : throw new FormatException($"Invalid venue order id '{text}': expected 1-{MaxLength} printable ASCII characters.");

    /// <summary>Creates an id from text without throwing.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out VenueOrderId id)
    {
        var ok = AsciiId.TryCreate(text, MaxLength, null, out var raw);
        id = new VenueOrderId(raw);
        return ok;
    }

    /// <summary>Creates an id from UTF-8 bytes without allocating.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out VenueOrderId id)
    {
        var ok = AsciiId.TryCreate(utf8, MaxLength, null, out var raw);
        id = new VenueOrderId(raw);
        return ok;
    }

    /// <summary>Creates an id from a numeric venue id (Binance <c>orderId</c>).</summary>
    public static VenueOrderId FromNumber(long id)
    {
        Span<byte> buffer = stackalloc byte[20];
        id.TryFormat(buffer, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        return TryParse(buffer[..written], out var result) ? result : throw new InvalidOperationException("Unreachable: a long always formats as ASCII digits.");
    }

    /// <inheritdoc />
    public bool Equals(VenueOrderId other) => _id.Equals(other._id);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is VenueOrderId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _id.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => _id.ToString();

    public static bool operator ==(VenueOrderId left, VenueOrderId right) => left.Equals(right);

    public static bool operator !=(VenueOrderId left, VenueOrderId right) => !left.Equals(right);
}
