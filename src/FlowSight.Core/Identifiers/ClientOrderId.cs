namespace FlowSight.Core;

/// <summary>
/// Our id for an order, sent to the venue so an order whose submit timed out can be found again.
/// 1–36 characters from <c>A–Z a–z 0–9 . : / _ -</c>: the intersection of what Binance (newClientOrderId),
/// OKX (clOrdId, alphanumeric up to 32) and Gate.io (text, "t-" prefix) accept is narrower, and each venue adapter
/// checks its own rule. Stored inline: no allocation to copy, compare or write.
/// </summary>
public readonly struct ClientOrderId : IEquatable<ClientOrderId>
{
    /// <summary>The longest id any supported venue accepts (Binance: 36).</summary>
    public const int MaxLength = 36;

    private readonly AsciiId _id;

    private ClientOrderId(AsciiId id) => _id = id;

    /// <summary>The id's ASCII bytes.</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public ReadOnlySpan<byte> Utf8 => _id.Span;

    /// <summary>True for <c>default(ClientOrderId)</c>.</summary>
    public bool IsDefault => _id.Length == 0;

    /// <summary>Creates an id, validating its characters and length.</summary>
    /// <exception cref="FormatException">The text is empty, too long or has a character venues refuse.</exception>
    public static ClientOrderId Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var id)
            ? id
            : throw new FormatException($"Invalid client order id '{text}': use 1-{MaxLength} characters from A-Z a-z 0-9 . : / _ -.");

    /// <summary>Creates an id without throwing.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ClientOrderId id)
    {
        var ok = AsciiId.TryCreate(text, MaxLength, IsAllowed, out var raw);
        id = new ClientOrderId(raw);
        return ok;
    }

    /// <summary>Creates an id from UTF-8 bytes (as parsed from a venue message) without allocating.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out ClientOrderId id)
    {
        var ok = AsciiId.TryCreate(utf8, MaxLength, IsAllowed, out var raw);
        id = new ClientOrderId(raw);
        return ok;
    }

    private static bool IsAllowed(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'.' or (byte)':' or (byte)'/' or (byte)'_' or (byte)'-';

    /// <inheritdoc />
    public bool Equals(ClientOrderId other) => _id.Equals(other._id);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ClientOrderId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _id.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => _id.ToString();

    public static bool operator ==(ClientOrderId left, ClientOrderId right) => left.Equals(right);

    public static bool operator !=(ClientOrderId left, ClientOrderId right) => !left.Equals(right);
}
