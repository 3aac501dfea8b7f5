using System.Numerics;
using System.Runtime.InteropServices;

namespace FlowSight.Core;

/// <summary>
/// An exact non-negative quantity (size, volume, lots): <see cref="Raw"/> = value × 10^<see cref="Precision"/>,
/// e.g. "0.00120" is (120, 5).
/// </summary>
/// <remarks>
/// Never negative: a direction belongs to the order side, not to the size, so every way to build or compute a
/// negative quantity fails. Equality, ordering and hashing are by value across precisions. The struct holds no
/// references, so it can travel in the unmanaged slots of the ring buffer. <c>default</c> is zero at precision 0.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Quantity :
    IEquatable<Quantity>, IComparable<Quantity>, IComparisonOperators<Quantity, Quantity, bool>, ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>The largest supported <see cref="Precision"/>.</summary>
    public const byte MaxPrecision = FixedPoint.MaxPrecision;

    private const string Kind = "quantity";

    private Quantity(long raw, byte precision)
    {
        Raw = raw;
        Precision = precision;
    }

    /// <summary>The value × 10^<see cref="Precision"/>.</summary>
    public long Raw { get; }

    /// <summary>Number of decimals, 0…9.</summary>
    public byte Precision { get; }

    /// <summary>The quantity whose raw value is <paramref name="raw"/> at <paramref name="precision"/> decimals.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="raw"/> is negative or <paramref name="precision"/> is above 9.</exception>
    public static Quantity FromRaw(long raw, byte precision)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(raw);
        FixedPoint.CheckPrecision(precision);
        return new Quantity(raw, precision);
    }

    /// <summary>Exact conversion; throws <see cref="ArgumentException"/> if <paramref name="value"/> is negative or has more than <paramref name="precision"/> significant decimals.</summary>
    public static Quantity FromDecimal(decimal value, byte precision) =>
        new(FixedPoint.FromDecimal(value, precision, allowNegative: false, Kind), precision);

    /// <summary>Zero at <paramref name="precision"/> decimals.</summary>
    public static Quantity Zero(byte precision) => FromRaw(0, precision);

    /// <summary>The exact value, keeping <see cref="Precision"/> as the decimal's scale.</summary>
    public decimal ToDecimal() => FixedPoint.ToDecimal(Raw, Precision);

    /// <summary>An approximation for analytics and charts; never price with it.</summary>
    public double ToDouble() => FixedPoint.ToDouble(Raw, Precision);

    // ---- parsing ----

    /// <summary>Parses UTF-8 digits (no sign: '-' is <see cref="FixedPointError.Negative"/>), keeping as many decimals as the text has, so formatting gives the same bytes back.</summary>
    /// <exception cref="FixedPointFormatException">The text is not a plain decimal number (see <see cref="FixedPointError"/>).</exception>
    public static Quantity Parse(ReadOnlySpan<byte> utf8) =>
        new(FixedPoint.Parse(utf8, FixedPoint.InferPrecision, allowNegative: false, Kind, out var precision), precision);

    /// <summary>
    /// Parses UTF-8 digits at the instrument's <paramref name="precision"/>: extra trailing zeros are dropped,
    /// an extra non-zero digit is <see cref="FixedPointError.PrecisionExceeded"/> rather than a silent truncation.
    /// </summary>
    /// <exception cref="FixedPointFormatException">The text is not a plain decimal number or needs more decimals.</exception>
    public static Quantity Parse(ReadOnlySpan<byte> utf8, byte precision) =>
        new(FixedPoint.Parse(utf8, precision, allowNegative: false, Kind, out _), precision);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static Quantity Parse(ReadOnlySpan<char> text) =>
        new(FixedPoint.Parse(text, FixedPoint.InferPrecision, allowNegative: false, Kind, out var precision), precision);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte}, byte)"/>
    public static Quantity Parse(ReadOnlySpan<char> text, byte precision) =>
        new(FixedPoint.Parse(text, precision, allowNegative: false, Kind, out _), precision);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static Quantity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan());
    }

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte}, byte)"/>
    public static Quantity Parse(string text, byte precision)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan(), precision);
    }

    /// <summary>Like <see cref="Parse(ReadOnlySpan{byte})"/> but reports the failure instead of throwing; never allocates.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Quantity value, out FixedPointError error) =>
        Make(FixedPoint.TryParse(utf8, FixedPoint.InferPrecision, allowNegative: false, out var raw, out var precision, out _), raw, precision, out value, out error);

    /// <summary>Like <see cref="Parse(ReadOnlySpan{byte}, byte)"/> but reports the failure instead of throwing; never allocates.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, byte precision, out Quantity value, out FixedPointError error) =>
        Make(FixedPoint.TryParse(utf8, precision, allowNegative: false, out var raw, out _, out _), raw, precision, out value, out error);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, out Quantity, out FixedPointError)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out Quantity value, out FixedPointError error) =>
        Make(FixedPoint.TryParse(text, FixedPoint.InferPrecision, allowNegative: false, out var raw, out var precision, out _), raw, precision, out value, out error);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, byte, out Quantity, out FixedPointError)"/>
    public static bool TryParse(ReadOnlySpan<char> text, byte precision, out Quantity value, out FixedPointError error) =>
        Make(FixedPoint.TryParse(text, precision, allowNegative: false, out var raw, out _, out _), raw, precision, out value, out error);

    private static bool Make(FixedPointError result, long raw, byte precision, out Quantity value, out FixedPointError error)
    {
        error = result;
        value = result == FixedPointError.None ? new Quantity(raw, precision) : default;
        return result == FixedPointError.None;
    }

    // ---- formatting ----

    /// <summary>Exactly <see cref="Precision"/> decimals, invariant, no exponent: "0.00120".</summary>
    public override string ToString() => FixedPoint.ToString(Raw, Precision);

    /// <summary>Same as <see cref="ToString()"/>; only the "" and "G" formats exist.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        FixedPoint.CheckFormat(format);
        return ToString();
    }

    /// <summary>Writes the <see cref="ToString()"/> text as UTF-16 without allocating.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        FixedPoint.CheckFormat(format);
        return FixedPoint.TryFormat(Raw, Precision, destination, out charsWritten);
    }

    /// <summary>Writes the <see cref="ToString()"/> text as UTF-8 without allocating.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        FixedPoint.CheckFormat(format);
        return FixedPoint.TryFormat(Raw, Precision, utf8Destination, out bytesWritten);
    }

    // ---- arithmetic ----

    /// <summary>The exact sum at the larger precision; throws <see cref="OverflowException"/> when it does not fit.</summary>
    public static Quantity operator +(Quantity left, Quantity right) =>
        new(FixedPoint.Add(left.Raw, left.Precision, right.Raw, right.Precision, out var precision), precision);

    /// <summary>The exact difference at the larger precision.</summary>
    /// <exception cref="OverflowException">The difference is negative: like checked unsigned arithmetic, a quantity cannot go below zero.</exception>
    public static Quantity operator -(Quantity left, Quantity right)
    {
        var raw = FixedPoint.Subtract(left.Raw, left.Precision, right.Raw, right.Precision, out var precision);
        return raw >= 0
            ? new Quantity(raw, precision)
            : throw new OverflowException($"Quantity {left} - {right} would be negative.");
    }

    /// <summary>This quantity × <paramref name="factor"/> (a contract multiplier or a follow ratio), at <paramref name="precision"/> decimals rounded with <paramref name="mode"/>.</summary>
    /// <exception cref="OverflowException">The product does not fit at <paramref name="precision"/>.</exception>
    public Quantity Multiply(Quantity factor, byte precision, RoundingMode mode)
    {
        FixedPoint.CheckPrecision(precision);
        return new Quantity(FixedPoint.Multiply(Raw, Precision, factor.Raw, factor.Precision, precision, mode), precision);
    }

    /// <summary>This quantity at <paramref name="precision"/> decimals; adding decimals is exact, removing them rounds with <paramref name="mode"/>.</summary>
    public Quantity RoundTo(byte precision, RoundingMode mode)
    {
        FixedPoint.CheckPrecision(precision);
        return new Quantity(FixedPoint.Rescale(Raw, Precision, precision, mode), precision);
    }

    /// <summary>The multiple of <paramref name="step"/> reached by rounding with <paramref name="mode"/>, at the larger of the two precisions.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not positive.</exception>
    public Quantity RoundToIncrement(Quantity step, RoundingMode mode) =>
        new(FixedPoint.RoundToIncrement(Raw, Precision, step.Raw, step.Precision, mode, out var precision), precision);

    /// <summary>True when this quantity is a whole number of <paramref name="increment"/>s (a valid lot size).</summary>
    public bool IsMultipleOf(Quantity increment) => FixedPoint.IsMultipleOf(Raw, Precision, increment.Raw, increment.Precision);

    // ---- equality and order (by value) ----

    /// <inheritdoc/>
    public bool Equals(Quantity other) => FixedPoint.AreEqual(Raw, Precision, other.Raw, other.Precision);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => FixedPoint.GetHashCode(Raw, Precision);

    /// <inheritdoc/>
    public int CompareTo(Quantity other) => FixedPoint.Compare(Raw, Precision, other.Raw, other.Precision);

    /// <summary>Equal by value, whatever the precisions.</summary>
    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    /// <summary>Different by value, whatever the precisions.</summary>
    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);

    /// <summary>Compares by value.</summary>
    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    /// <summary>Compares by value.</summary>
    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    /// <summary>Compares by value.</summary>
    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    /// <summary>Compares by value.</summary>
    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;
}
