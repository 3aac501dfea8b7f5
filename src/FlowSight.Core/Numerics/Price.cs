using System.Numerics;
using System.Runtime.InteropServices;

namespace FlowSight.Core;

/// <summary>
/// An exact decimal price: <see cref="Raw"/> = value × 10^<see cref="Precision"/>, e.g. "61800.30" is (6180030, 2).
/// </summary>
/// <remarks>
/// Equality, ordering and hashing are by value across precisions (61800.3 == 61800.30). An order book for one
/// instrument keys its levels by <see cref="Raw"/> alone because all its prices share the instrument's precision.
/// Negative prices are valid (calendar spreads, some energy futures). The struct holds no references, so it can
/// travel in the unmanaged slots of the ring buffer. <c>default</c> is zero at precision 0.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Price :
    IEquatable<Price>, IComparable<Price>, IComparisonOperators<Price, Price, bool>, ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>The largest supported <see cref="Precision"/>.</summary>
    public const byte MaxPrecision = FixedPoint.MaxPrecision;

    private const string Kind = "price";

    private Price(long raw, byte precision)
    {
        Raw = raw;
        Precision = precision;
    }

    /// <summary>The value × 10^<see cref="Precision"/>.</summary>
    public long Raw { get; }

    /// <summary>Number of decimals, 0…9.</summary>
    public byte Precision { get; }

    /// <summary>The price whose raw value is <paramref name="raw"/> at <paramref name="precision"/> decimals.</summary>
    public static Price FromRaw(long raw, byte precision)
    {
        FixedPoint.CheckPrecision(precision);
        return new Price(raw, precision);
    }

    /// <summary>Exact conversion; throws <see cref="ArgumentException"/> if <paramref name="value"/> has more than <paramref name="precision"/> significant decimals.</summary>
    public static Price FromDecimal(decimal value, byte precision) =>
        new(FixedPoint.FromDecimal(value, precision, allowNegative: true, Kind), precision);

    /// <summary>Zero at <paramref name="precision"/> decimals.</summary>
    public static Price Zero(byte precision) => FromRaw(0, precision);

    /// <summary>The exact value, keeping <see cref="Precision"/> as the decimal's scale.</summary>
    public decimal ToDecimal() => FixedPoint.ToDecimal(Raw, Precision);

    /// <summary>An approximation for analytics and charts; never price with it.</summary>
    public double ToDouble() => FixedPoint.ToDouble(Raw, Precision);

    // ---- parsing ----

    /// <summary>Parses UTF-8 digits, keeping as many decimals as the text has, so formatting gives the same bytes back.</summary>
    /// <exception cref="FixedPointFormatException">The text is not a plain decimal number (see <see cref="FixedPointError"/>).</exception>
    public static Price Parse(ReadOnlySpan<byte> utf8) =>
        new(FixedPoint.Parse(utf8, FixedPoint.InferPrecision, allowNegative: true, Kind, out var precision), precision);

    /// <summary>
    /// Parses UTF-8 digits at the instrument's <paramref name="precision"/>: extra trailing zeros are dropped,
    /// an extra non-zero digit is <see cref="FixedPointError.PrecisionExceeded"/> rather than a silent truncation.
    /// </summary>
    /// <exception cref="FixedPointFormatException">The text is not a plain decimal number or needs more decimals.</exception>
    public static Price Parse(ReadOnlySpan<byte> utf8, byte precision) =>
        new(FixedPoint.Parse(utf8, precision, allowNegative: true, Kind, out _), precision);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static Price Parse(ReadOnlySpan<char> text) =>
        new(FixedPoint.Parse(text, FixedPoint.InferPrecision, allowNegative: true, Kind, out var precision), precision);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte}, byte)"/>
    public static Price Parse(ReadOnlySpan<char> text, byte precision) =>
        new(FixedPoint.Parse(text, precision, allowNegative: true, Kind, out _), precision);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static Price Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan());
    }

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte}, byte)"/>
    public static Price Parse(string text, byte precision)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan(), precision);
    }

    /// <summary>Like <see cref="Parse(ReadOnlySpan{byte})"/> but reports the failure instead of throwing; never allocates.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Price value, out FixedPointError error) =>
        Make(FixedPoint.TryParse(utf8, FixedPoint.InferPrecision, allowNegative: true, out var raw, out var precision, out _), raw, precision, out value, out error);

    /// <summary>Like <see cref="Parse(ReadOnlySpan{byte}, byte)"/> but reports the failure instead of throwing; never allocates.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, byte precision, out Price value, out FixedPointError error) =>
        Make(FixedPoint.TryParse(utf8, precision, allowNegative: true, out var raw, out _, out _), raw, precision, out value, out error);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, out Price, out FixedPointError)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out Price value, out FixedPointError error) =>
        Make(FixedPoint.TryParse(text, FixedPoint.InferPrecision, allowNegative: true, out var raw, out var precision, out _), raw, precision, out value, out error);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, byte, out Price, out FixedPointError)"/>
    public static bool TryParse(ReadOnlySpan<char> text, byte precision, out Price value, out FixedPointError error) =>
        Make(FixedPoint.TryParse(text, precision, allowNegative: true, out var raw, out _, out _), raw, precision, out value, out error);

    private static bool Make(FixedPointError result, long raw, byte precision, out Price value, out FixedPointError error)
    {
        error = result;
        value = result == FixedPointError.None ? new Price(raw, precision) : default;
        return result == FixedPointError.None;
    }

    // ---- formatting ----

    /// <summary>Exactly <see cref="Precision"/> decimals, invariant, no exponent: "61800.30".</summary>
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
    public static Price operator +(Price left, Price right) =>
        new(FixedPoint.Add(left.Raw, left.Precision, right.Raw, right.Precision, out var precision), precision);

    /// <summary>The exact difference at the larger precision; throws <see cref="OverflowException"/> when it does not fit.</summary>
    public static Price operator -(Price left, Price right) =>
        new(FixedPoint.Subtract(left.Raw, left.Precision, right.Raw, right.Precision, out var precision), precision);

    /// <summary>The negated price; throws <see cref="OverflowException"/> for the one raw value with no opposite.</summary>
    public static Price operator -(Price value) => new(FixedPoint.Negate(value.Raw), value.Precision);

    /// <summary>Price × quantity at <paramref name="precision"/> decimals, rounded with <paramref name="mode"/>.</summary>
    /// <exception cref="OverflowException">The notional does not fit at <paramref name="precision"/>.</exception>
    public Money Notional(Quantity quantity, byte precision, RoundingMode mode)
    {
        FixedPoint.CheckPrecision(precision);
        return Money.FromRaw(FixedPoint.Multiply(Raw, Precision, quantity.Raw, quantity.Precision, precision, mode), precision);
    }

    /// <summary>This price at <paramref name="precision"/> decimals; adding decimals is exact, removing them rounds with <paramref name="mode"/>.</summary>
    public Price RoundTo(byte precision, RoundingMode mode)
    {
        FixedPoint.CheckPrecision(precision);
        return new Price(FixedPoint.Rescale(Raw, Precision, precision, mode), precision);
    }

    /// <summary>The multiple of <paramref name="tick"/> reached by rounding with <paramref name="mode"/>, at the larger of the two precisions.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tick"/> is not positive.</exception>
    public Price RoundToIncrement(Price tick, RoundingMode mode) =>
        new(FixedPoint.RoundToIncrement(Raw, Precision, tick.Raw, tick.Precision, mode, out var precision), precision);

    /// <summary>True when this price is a whole number of <paramref name="increment"/>s (a valid tick).</summary>
    public bool IsMultipleOf(Price increment) => FixedPoint.IsMultipleOf(Raw, Precision, increment.Raw, increment.Precision);

    // ---- equality and order (by value) ----

    /// <inheritdoc/>
    public bool Equals(Price other) => FixedPoint.AreEqual(Raw, Precision, other.Raw, other.Precision);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Price other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => FixedPoint.GetHashCode(Raw, Precision);

    /// <inheritdoc/>
    public int CompareTo(Price other) => FixedPoint.Compare(Raw, Precision, other.Raw, other.Precision);

    /// <summary>Equal by value, whatever the precisions.</summary>
    public static bool operator ==(Price left, Price right) => left.Equals(right);

    /// <summary>Different by value, whatever the precisions.</summary>
    public static bool operator !=(Price left, Price right) => !left.Equals(right);

    /// <summary>Compares by value.</summary>
    public static bool operator <(Price left, Price right) => left.CompareTo(right) < 0;

    /// <summary>Compares by value.</summary>
    public static bool operator >(Price left, Price right) => left.CompareTo(right) > 0;

    /// <summary>Compares by value.</summary>
    public static bool operator <=(Price left, Price right) => left.CompareTo(right) <= 0;

    /// <summary>Compares by value.</summary>
    public static bool operator >=(Price left, Price right) => left.CompareTo(right) >= 0;
}
