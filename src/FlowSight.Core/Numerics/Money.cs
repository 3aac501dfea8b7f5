using System.Numerics;
using System.Runtime.InteropServices;

namespace FlowSight.Core;

/// <summary>
/// An exact signed amount of money (notional, balance, fee, PnL): <see cref="Raw"/> = value × 10^<see cref="Precision"/>.
/// </summary>
/// <remarks>
/// The currency is not stored: it belongs to the instrument or account that holds the amount, and leaving it out
/// keeps the struct free of references for the ring buffer. Equality, ordering and hashing are by value across
/// precisions. <c>default</c> is zero at precision 0.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Money :
    IEquatable<Money>, IComparable<Money>, IComparisonOperators<Money, Money, bool>, ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>The largest supported <see cref="Precision"/>.</summary>
    public const byte MaxPrecision = FixedPoint.MaxPrecision;

    private const string Kind = "money amount";

    private Money(long raw, byte precision)
    {
        Raw = raw;
        Precision = precision;
    }

    /// <summary>The value × 10^<see cref="Precision"/>.</summary>
    public long Raw { get; }

    /// <summary>Number of decimals, 0…9.</summary>
    public byte Precision { get; }

    /// <summary>The amount whose raw value is <paramref name="raw"/> at <paramref name="precision"/> decimals.</summary>
    public static Money FromRaw(long raw, byte precision)
    {
        FixedPoint.CheckPrecision(precision);
        return new Money(raw, precision);
    }

    /// <summary>Exact conversion; throws <see cref="ArgumentException"/> if <paramref name="value"/> has more than <paramref name="precision"/> significant decimals.</summary>
    public static Money FromDecimal(decimal value, byte precision) =>
        new(FixedPoint.FromDecimal(value, precision, allowNegative: true, Kind), precision);

    /// <summary>Zero at <paramref name="precision"/> decimals.</summary>
    public static Money Zero(byte precision) => FromRaw(0, precision);

    /// <summary>The exact value, keeping <see cref="Precision"/> as the decimal's scale.</summary>
    public decimal ToDecimal() => FixedPoint.ToDecimal(Raw, Precision);

    /// <summary>An approximation for analytics and charts; never price with it.</summary>
    public double ToDouble() => FixedPoint.ToDouble(Raw, Precision);

    // ---- parsing ----

    /// <summary>Parses UTF-8 digits (a leading '-' allowed), keeping as many decimals as the text has, so formatting gives the same bytes back.</summary>
    /// <exception cref="FixedPointFormatException">The text is not a plain decimal number (see <see cref="FixedPointError"/>).</exception>
    public static Money Parse(ReadOnlySpan<byte> utf8) =>
        new(FixedPoint.Parse(utf8, FixedPoint.InferPrecision, allowNegative: true, Kind, out var precision), precision);

    /// <summary>
    /// Parses UTF-8 digits at <paramref name="precision"/>: extra trailing zeros are dropped,
    /// an extra non-zero digit is <see cref="FixedPointError.PrecisionExceeded"/> rather than a silent truncation.
    /// </summary>
    /// <exception cref="FixedPointFormatException">The text is not a plain decimal number or needs more decimals.</exception>
    public static Money Parse(ReadOnlySpan<byte> utf8, byte precision) =>
        new(FixedPoint.Parse(utf8, precision, allowNegative: true, Kind, out _), precision);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static Money Parse(ReadOnlySpan<char> text) =>
        new(FixedPoint.Parse(text, FixedPoint.InferPrecision, allowNegative: true, Kind, out var precision), precision);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte}, byte)"/>
    public static Money Parse(ReadOnlySpan<char> text, byte precision) =>
        new(FixedPoint.Parse(text, precision, allowNegative: true, Kind, out _), precision);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static Money Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan());
    }

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte}, byte)"/>
    public static Money Parse(string text, byte precision)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan(), precision);
    }

    /// <summary>Like <see cref="Parse(ReadOnlySpan{byte})"/> but reports the failure instead of throwing; never allocates.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Money value, out FixedPointError error) =>
        Make(FixedPoint.TryParse(utf8, FixedPoint.InferPrecision, allowNegative: true, out var raw, out var precision, out _), raw, precision, out value, out error);

    /// <summary>Like <see cref="Parse(ReadOnlySpan{byte}, byte)"/> but reports the failure instead of throwing; never allocates.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, byte precision, out Money value, out FixedPointError error) =>
        Make(FixedPoint.TryParse(utf8, precision, allowNegative: true, out var raw, out _, out _), raw, precision, out value, out error);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, out Money, out FixedPointError)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out Money value, out FixedPointError error) =>
        Make(FixedPoint.TryParse(text, FixedPoint.InferPrecision, allowNegative: true, out var raw, out var precision, out _), raw, precision, out value, out error);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, byte, out Money, out FixedPointError)"/>
    public static bool TryParse(ReadOnlySpan<char> text, byte precision, out Money value, out FixedPointError error) =>
        Make(FixedPoint.TryParse(text, precision, allowNegative: true, out var raw, out _, out _), raw, precision, out value, out error);

    private static bool Make(FixedPointError result, long raw, byte precision, out Money value, out FixedPointError error)
    {
        error = result;
        value = result == FixedPointError.None ? new Money(raw, precision) : default;
        return result == FixedPointError.None;
    }

    // ---- formatting ----

    /// <summary>Exactly <see cref="Precision"/> decimals, invariant, no exponent: "-12.50".</summary>
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
    public static Money operator +(Money left, Money right) =>
        new(FixedPoint.Add(left.Raw, left.Precision, right.Raw, right.Precision, out var precision), precision);

    /// <summary>The exact difference at the larger precision; throws <see cref="OverflowException"/> when it does not fit.</summary>
    public static Money operator -(Money left, Money right) =>
        new(FixedPoint.Subtract(left.Raw, left.Precision, right.Raw, right.Precision, out var precision), precision);

    /// <summary>The negated amount; throws <see cref="OverflowException"/> for the one raw value with no opposite.</summary>
    public static Money operator -(Money value) => new(FixedPoint.Negate(value.Raw), value.Precision);

    /// <summary>This amount ÷ <paramref name="quantity"/> (an average price), at <paramref name="precision"/> decimals rounded with <paramref name="mode"/>.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="quantity"/> is zero.</exception>
    /// <exception cref="OverflowException">The price does not fit at <paramref name="precision"/>.</exception>
    public Price DivideBy(Quantity quantity, byte precision, RoundingMode mode)
    {
        FixedPoint.CheckPrecision(precision);
        return Price.FromRaw(FixedPoint.Divide(Raw, Precision, quantity.Raw, quantity.Precision, precision, mode), precision);
    }

    /// <summary>
    /// This amount × <paramref name="rate"/> (a fee or funding rate from configuration), at <paramref name="precision"/>
    /// decimals rounded with <paramref name="mode"/>. The product is exact before the single rounding.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> has more than 18 significant digits.</exception>
    /// <exception cref="OverflowException">The result does not fit at <paramref name="precision"/>.</exception>
    public Money Multiply(decimal rate, byte precision, RoundingMode mode)
    {
        FixedPoint.CheckPrecision(precision);
        var rateRaw = FixedPoint.DecomposeRate(rate, out var rateScale);
        return new Money(FixedPoint.Multiply(Raw, Precision, rateRaw, rateScale, precision, mode), precision);
    }

    /// <summary>This amount at <paramref name="precision"/> decimals; adding decimals is exact, removing them rounds with <paramref name="mode"/>.</summary>
    public Money RoundTo(byte precision, RoundingMode mode)
    {
        FixedPoint.CheckPrecision(precision);
        return new Money(FixedPoint.Rescale(Raw, Precision, precision, mode), precision);
    }

    // ---- equality and order (by value) ----

    /// <inheritdoc/>
    public bool Equals(Money other) => FixedPoint.AreEqual(Raw, Precision, other.Raw, other.Precision);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => FixedPoint.GetHashCode(Raw, Precision);

    /// <inheritdoc/>
    public int CompareTo(Money other) => FixedPoint.Compare(Raw, Precision, other.Raw, other.Precision);

    /// <summary>Equal by value, whatever the precisions.</summary>
    public static bool operator ==(Money left, Money right) => left.Equals(right);

    /// <summary>Different by value, whatever the precisions.</summary>
    public static bool operator !=(Money left, Money right) => !left.Equals(right);

    /// <summary>Compares by value.</summary>
    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    /// <summary>Compares by value.</summary>
    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    /// <summary>Compares by value.</summary>
    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    /// <summary>Compares by value.</summary>
    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;
}
