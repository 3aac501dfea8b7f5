using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace FlowSight.Core;

/// <summary>
/// The arithmetic, parsing and formatting shared by <see cref="Price"/>, <see cref="Quantity"/> and <see cref="Money"/>,
/// so each of them is a thin typed wrapper over (raw, precision) where raw = value × 10^precision.
/// </summary>
/// <remarks>
/// Parsing and formatting are generic over the code unit (<see cref="byte"/> for UTF-8, <see cref="char"/> for UTF-16);
/// the JIT specialises them per type, so there is one implementation and no transcoding.
/// </remarks>
internal static class FixedPoint
{
    /// <summary>Decimals a value may carry: enough for every venue we trade, and it keeps 10^precision × raw in an Int128.</summary>
    public const byte MaxPrecision = 9;

    /// <summary>18 digits always fit a long, so a parsed value never depends on where long.MaxValue falls.</summary>
    public const int MaxSignificantDigits = 18;

    /// <summary>'-', 19 digits and '.' (a long has at most 19 digits).</summary>
    public const int MaxFormattedLength = 21;

    /// <summary>Precision argument that asks the parser to infer the precision from the number of decimals.</summary>
    public const int InferPrecision = -1;

    // Arrays rather than ReadOnlySpan properties over static data: unoptimised (Debug) code materialises those spans
    // through a field-handle lookup that allocates, and the allocation tests run in Debug.
    private static readonly long[] Pow10Table =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    ];

    private static readonly double[] Pow10DoubleTable = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    // 10^0 … 10^38: a decimal rate has up to 28 decimals on top of a value's 9.
    private static readonly Int128[] Pow10Wide = CreatePow10Wide();

    /// <summary>Throws unless <paramref name="precision"/> is 0…9.</summary>
    public static void CheckPrecision(byte precision, [CallerArgumentExpression(nameof(precision))] string? paramName = null) =>
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, MaxPrecision, paramName);

    // ---- conversion ---------------------------------------------------------------------------------------------

    public static decimal ToDecimal(long raw, byte precision)
    {
        // Built from the bits, so it is exact and keeps the scale (61800.30m, not 61800.3m).
        var magnitude = Magnitude(raw);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, raw < 0, precision);
    }

    public static double ToDouble(long raw, byte precision) => raw / Pow10DoubleTable[precision];

    /// <summary>The raw value of <paramref name="value"/> at <paramref name="precision"/>, or why there is none.</summary>
    public static FixedPointError TryFromDecimal(decimal value, byte precision, bool allowNegative, out long raw)
    {
        CheckPrecision(precision);
        raw = 0;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = new UInt128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        if (mantissa == UInt128.Zero)
        {
            return FixedPointError.None;
        }

        if (negative && !allowNegative)
        {
            return FixedPointError.Negative;
        }

        if (scale > precision)
        {
            var (quotient, remainder) = UInt128.DivRem(mantissa, (UInt128)Pow10Wide[scale - precision]);
            if (remainder != UInt128.Zero)
            {
                return FixedPointError.PrecisionExceeded;
            }

            mantissa = quotient;
        }
        else
        {
            // A 96-bit mantissa times at most 10^9 stays below 2^126.
            mantissa *= (UInt128)Pow10Table[precision - scale];
        }

        if (mantissa > (UInt128)long.MaxValue)
        {
            return FixedPointError.Overflow;
        }

        raw = negative ? -(long)mantissa : (long)mantissa;
        return FixedPointError.None;
    }

    public static long FromDecimal(decimal value, byte precision, bool allowNegative, string kind)
    {
        var error = TryFromDecimal(value, precision, allowNegative, out var raw);
        return error switch
        {
            FixedPointError.None => raw,
            FixedPointError.Overflow => throw new OverflowException($"{value} does not fit a {kind} at {precision} decimals."),
            FixedPointError.Negative => throw new ArgumentOutOfRangeException(nameof(value), value, $"A {kind} cannot be negative."),
            _ => throw new ArgumentException($"{value} needs more than {precision} decimals; round it first with the rounding mode you mean.", nameof(value)),
        };
    }

    // ---- comparison ---------------------------------------------------------------------------------------------

    public static bool AreEqual(long a, byte precisionA, long b, byte precisionB) =>
        precisionA == precisionB ? a == b : Compare(a, precisionA, b, precisionB) == 0;

    public static int Compare(long a, byte precisionA, long b, byte precisionB)
    {
        if (precisionA == precisionB)
        {
            return a.CompareTo(b);
        }

        // Scaling the coarser side up in 128 bits can neither overflow nor lose digits.
        return precisionA < precisionB
            ? ((Int128)a * Pow10Table[precisionB - precisionA]).CompareTo((Int128)b)
            : ((Int128)a).CompareTo((Int128)b * Pow10Table[precisionA - precisionB]);
    }

    /// <summary>Hashes the value at scale 9, so values equal across precisions hash alike.</summary>
    public static int GetHashCode(long raw, byte precision) =>
        ((Int128)raw * Pow10Table[MaxPrecision - precision]).GetHashCode();

    // ---- addition -----------------------------------------------------------------------------------------------

    public static long Add(long a, byte precisionA, long b, byte precisionB, out byte precision)
    {
        if (precisionA == precisionB)
        {
            precision = precisionA;
            return checked(a + b);
        }

        // In 128 bits, so an operand that overflows alone at the finer precision still gives a sum that fits.
        precision = Math.Max(precisionA, precisionB);
        return checked((long)(Widen(a, precisionA, precision) + Widen(b, precisionB, precision)));
    }

    public static long Subtract(long a, byte precisionA, long b, byte precisionB, out byte precision)
    {
        if (precisionA == precisionB)
        {
            precision = precisionA;
            return checked(a - b);
        }

        precision = Math.Max(precisionA, precisionB);
        return checked((long)(Widen(a, precisionA, precision) - Widen(b, precisionB, precision)));
    }

    public static long Negate(long raw) => checked(-raw);

    private static Int128 Widen(long raw, byte from, byte to) => (Int128)raw * Pow10Table[to - from];

    // ---- multiplication, division, rounding ---------------------------------------------------------------------

    /// <summary>a × b rounded to <paramref name="precision"/> decimals; the exact product is kept in 128 bits.</summary>
    public static long Multiply(long a, int scaleA, long b, int scaleB, byte precision, RoundingMode mode) =>
        Rescale((Int128)a * b, scaleA + scaleB, precision, mode);

    /// <summary>a ÷ b rounded to <paramref name="precision"/> decimals.</summary>
    public static long Divide(long a, byte scaleA, long b, byte scaleB, byte precision, RoundingMode mode)
    {
        if (b == 0)
        {
            throw new DivideByZeroException("Division of a fixed-point value by zero.");
        }

        // a/10^sa ÷ b/10^sb × 10^p = a × 10^(sb+p) ÷ (b × 10^sa); both sides stay below 2^124.
        var numerator = (Int128)a * Pow10Table[scaleB + precision];
        var denominator = (Int128)b * Pow10Table[scaleA];
        return checked((long)DivideRound(numerator, denominator, mode));
    }

    /// <summary>The value <paramref name="value"/>/10^<paramref name="fromScale"/> as a raw long at <paramref name="toScale"/>.</summary>
    public static long Rescale(Int128 value, int fromScale, int toScale, RoundingMode mode)
    {
        if (toScale == fromScale)
        {
            return checked((long)value);
        }

        return toScale > fromScale
            ? checked((long)checked(value * Pow10Wide[toScale - fromScale]))
            : checked((long)DivideRound(value, Pow10Wide[fromScale - toScale], mode));
    }

    /// <summary>The multiple of <paramref name="increment"/> nearest to the value in the direction of <paramref name="mode"/>.</summary>
    public static long RoundToIncrement(long raw, byte precision, long increment, byte incrementPrecision, RoundingMode mode, out byte resultPrecision)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(increment);
        resultPrecision = Math.Max(precision, incrementPrecision);
        var value = (Int128)raw * Pow10Table[resultPrecision - precision];
        var step = (Int128)increment * Pow10Table[resultPrecision - incrementPrecision];
        return checked((long)(DivideRound(value, step, mode) * step));
    }

    public static bool IsMultipleOf(long raw, byte precision, long increment, byte incrementPrecision)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(increment);
        var scale = Math.Max(precision, incrementPrecision);
        var value = (Int128)raw * Pow10Table[scale - precision];
        var step = (Int128)increment * Pow10Table[scale - incrementPrecision];
        return value % step == Int128.Zero;
    }

    /// <summary>Splits a decimal into an exact (mantissa, scale) with the mantissa in a long, for multiplying by a rate.</summary>
    public static long DecomposeRate(decimal rate, out int scale)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(rate, bits);
        var mantissa = new UInt128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        scale = (bits[3] >> 16) & 0xFF;
        while (scale > 0 && mantissa % 10 == UInt128.Zero)
        {
            mantissa /= 10;
            scale--;
        }

        if (mantissa > (UInt128)long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A rate must have at most 18 significant digits.");
        }

        return bits[3] < 0 ? -(long)mantissa : (long)mantissa;
    }

    public static Int128 DivideRound(Int128 numerator, Int128 denominator, RoundingMode mode)
    {
        // Most operands fit a long, and a 64-bit division is several times faster than a 128-bit one.
        if (numerator == (long)numerator && denominator == (long)denominator)
        {
            return DivideRound((long)numerator, (long)denominator, mode);
        }

        return DivideRound<Int128>(numerator, denominator, mode);
    }

    private static T DivideRound<T>(T numerator, T denominator, RoundingMode mode)
        where T : IBinaryInteger<T>, ISignedNumber<T>
    {
        var (quotient, remainder) = T.DivRem(numerator, denominator);
        if (T.IsZero(remainder))
        {
            return quotient;
        }

        // The exact result lies strictly between quotient and quotient ± 1 (away from zero).
        var negative = T.IsNegative(numerator) != T.IsNegative(denominator);
        var awayFromZero = negative ? quotient - T.One : quotient + T.One;
        switch (mode)
        {
            case RoundingMode.TowardZero:
                return quotient;
            case RoundingMode.Down:
                return negative ? awayFromZero : quotient;
            case RoundingMode.Up:
                return negative ? quotient : awayFromZero;
            case RoundingMode.AwayFromZero:
            case RoundingMode.ToEven:
                // Compare |remainder| with the distance to the next multiple rather than 2|remainder| with |denominator|,
                // which could overflow.
                var behind = T.Abs(remainder);
                var ahead = T.Abs(denominator) - behind;
                var order = behind.CompareTo(ahead);
                var goAway = order > 0 || (order == 0 && (mode == RoundingMode.AwayFromZero || T.IsOddInteger(quotient)));
                return goAway ? awayFromZero : quotient;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown rounding mode.");
        }
    }

    // ---- parsing ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Parses <c>-?[0-9]+(\.[0-9]+)?</c>. With <paramref name="precision"/> = <see cref="InferPrecision"/> the result
    /// keeps as many decimals as the text has; otherwise trailing zeros beyond <paramref name="precision"/> are dropped
    /// and a non-zero digit there is <see cref="FixedPointError.PrecisionExceeded"/>.
    /// <paramref name="position"/> receives the index of the offending code unit, for the error message.
    /// </summary>
    public static FixedPointError TryParse<TChar>(
        ReadOnlySpan<TChar> text, int precision, bool allowNegative, out long raw, out byte parsedPrecision, out int position)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        if (precision != InferPrecision)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(precision);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, MaxPrecision);
        }

        raw = 0;
        parsedPrecision = 0;
        position = 0;
        if (text.IsEmpty)
        {
            return FixedPointError.Empty;
        }

        var negative = uint.CreateTruncating(text[0]) == '-';
        var index = negative ? 1 : 0;
        ulong mantissa = 0;
        var significant = 0;      // digits kept since the first non-zero one
        var integerDigits = 0;
        var fractionDigits = -1;  // -1 until the '.'
        var keptDecimals = 0;
        var limit = precision == InferPrecision ? MaxPrecision : precision;
        var deferred = FixedPointError.None; // a value error, reported only if the syntax is valid
        var deferredAt = 0;
        for (; index < text.Length; index++)
        {
            var c = uint.CreateTruncating(text[index]);
            var digit = c - '0';
            if (digit <= 9)
            {
                if (fractionDigits < 0)
                {
                    integerDigits++;
                }
                else if (++fractionDigits > limit)
                {
                    // A zero beyond the instrument's precision changes nothing and is dropped; an inferred
                    // precision keeps every decimal, so there even a tenth zero is an error.
                    if (deferred == FixedPointError.None && (digit != 0 || precision == InferPrecision))
                    {
                        deferred = precision == InferPrecision ? FixedPointError.TooManyDecimals : FixedPointError.PrecisionExceeded;
                        deferredAt = index;
                    }

                    continue;
                }
                else
                {
                    keptDecimals++;
                }

                if (significant == 0 && digit == 0)
                {
                    continue;
                }

                if (++significant <= MaxSignificantDigits)
                {
                    mantissa = (mantissa * 10) + digit;
                }
            }
            else if (c == '.')
            {
                if (fractionDigits >= 0 || integerDigits == 0)
                {
                    position = index;
                    return FixedPointError.MisplacedDecimalPoint;
                }

                fractionDigits = 0;
            }
            else
            {
                position = index;
                return c is '-' or '+' ? FixedPointError.InvalidSign : FixedPointError.InvalidCharacter;
            }
        }

        if (integerDigits == 0)
        {
            position = index;
            return FixedPointError.NoDigits;
        }

        if (fractionDigits == 0)
        {
            position = index - 1;
            return FixedPointError.MisplacedDecimalPoint;
        }

        if (negative && !allowNegative)
        {
            return FixedPointError.Negative;
        }

        if (deferred != FixedPointError.None)
        {
            position = deferredAt;
            return deferred;
        }

        if (significant > MaxSignificantDigits)
        {
            return FixedPointError.TooManyDigits;
        }

        parsedPrecision = (byte)(precision == InferPrecision ? keptDecimals : precision);
        if (keptDecimals < parsedPrecision)
        {
            // At most 18 digits times 10^9: 128 bits hold it, a long may not.
            var scaled = Math.BigMul(mantissa, (ulong)Pow10Table[parsedPrecision - keptDecimals], out var low);
            if (scaled != 0 || low > long.MaxValue)
            {
                return FixedPointError.Overflow;
            }

            mantissa = low;
        }

        raw = negative ? -(long)mantissa : (long)mantissa;
        return FixedPointError.None;
    }

    /// <summary>Parses or throws a <see cref="FixedPointFormatException"/> that quotes the input.</summary>
    public static long Parse<TChar>(ReadOnlySpan<TChar> text, int precision, bool allowNegative, string kind, out byte parsedPrecision)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        var error = TryParse(text, precision, allowNegative, out var raw, out parsedPrecision, out var position);
        if (error != FixedPointError.None)
        {
            ThrowFormat(text, error, position, precision, kind);
        }

        return raw;
    }

    [DoesNotReturn]
    private static void ThrowFormat<TChar>(ReadOnlySpan<TChar> text, FixedPointError error, int position, int precision, string kind)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        var input = typeof(TChar) == typeof(byte)
            ? Encoding.UTF8.GetString(MemoryMarshal.Cast<TChar, byte>(text))
            : new string(MemoryMarshal.Cast<TChar, char>(text));
        var at = position < text.Length ? DescribeCodeUnit(uint.CreateTruncating(text[position]), typeof(TChar) == typeof(byte)) : "end";
        var reason = error switch
        {
            FixedPointError.Empty => "the text is empty",
            FixedPointError.InvalidCharacter => $"unexpected {at} at position {position}; only digits, one '.' and a leading '-' are accepted",
            FixedPointError.InvalidSign => $"misplaced sign {at} at position {position}; only a single leading '-' is accepted",
            FixedPointError.MisplacedDecimalPoint => $"misplaced '.' at position {position}; it may appear once, with digits on both sides",
            FixedPointError.NoDigits => "there are no digits",
            FixedPointError.TooManyDigits => $"it has more than {MaxSignificantDigits} significant digits",
            FixedPointError.TooManyDecimals => $"it has more than {MaxPrecision} decimals",
            FixedPointError.PrecisionExceeded => $"the non-zero digit at position {position} is beyond the {precision} decimals of the instrument, and dropping it would change the value",
            FixedPointError.Overflow => $"it does not fit a 64-bit integer at {precision} decimals",
            FixedPointError.Negative => $"a {kind} cannot be negative",
            _ => error.ToString(),
        };
        throw new FixedPointFormatException(error, input, $"'{Shorten(input)}' is not a valid {kind}: {reason}.");
    }

    private static string DescribeCodeUnit(uint c, bool utf8) =>
        c is >= 0x20 and < 0x7F ? $"character '{(char)c}'"
        : utf8 ? $"byte 0x{c:X2}"
        : $"character U+{c:X4}";

    private static string Shorten(string input) =>
        input.Length <= 64 ? input : $"{input.AsSpan(0, 64)}… ({input.Length} characters)";

    // ---- formatting ---------------------------------------------------------------------------------------------

    /// <summary>Writes the value with exactly <paramref name="precision"/> decimals; never an exponent, never "-0".</summary>
    public static bool TryFormat<TChar>(long raw, byte precision, Span<TChar> destination, out int written)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        var negative = raw < 0;
        var magnitude = Magnitude(raw);
        // The integer part has digits(magnitude) - precision digits, or a single '0'; no 64-bit division needed.
        var length = (negative ? 1 : 0)
            + Math.Max(CountDigits(magnitude) - precision, 1)
            + (precision == 0 ? 0 : precision + 1);
        if (length > destination.Length)
        {
            written = 0;
            return false;
        }

        var position = length;
        for (var i = 0; i < precision; i++)
        {
            var quotient = magnitude / 10;
            destination[--position] = TChar.CreateTruncating('0' + (uint)(magnitude - (quotient * 10)));
            magnitude = quotient;
        }

        if (precision != 0)
        {
            destination[--position] = TChar.CreateTruncating((uint)'.');
        }

        do
        {
            var quotient = magnitude / 10;
            destination[--position] = TChar.CreateTruncating('0' + (uint)(magnitude - (quotient * 10)));
            magnitude = quotient;
        }
        while (magnitude != 0);

        if (negative)
        {
            destination[0] = TChar.CreateTruncating((uint)'-');
        }

        written = length;
        return true;
    }

    public static string ToString(long raw, byte precision)
    {
        Span<char> buffer = stackalloc char[MaxFormattedLength];
        TryFormat(raw, precision, buffer, out var written);
        return new string(buffer[..written]);
    }

    /// <summary>Accepts only the general format: the output is fully determined by the precision.</summary>
    public static void CheckFormat(ReadOnlySpan<char> format)
    {
        if (!format.IsEmpty && !(format.Length == 1 && (format[0] == 'G' || format[0] == 'g')))
        {
            throw new FormatException($"Format '{format}' is not supported: fixed-point values always print exactly Precision decimals (use \"\" or \"G\").");
        }
    }

    private static ulong Magnitude(long raw) => raw < 0 ? 0UL - (ulong)raw : (ulong)raw;

    private static int CountDigits(ulong value)
    {
        // floor(log10) from the bit length (1233/4096 ≈ log10 2), corrected by one comparison. Setting the low bit
        // makes 0 count as one digit and never crosses a power of ten, since every 10^k - 1 is already odd.
        value |= 1;
        var bits = 64 - BitOperations.LeadingZeroCount(value);
        var estimate = (bits * 1233) >> 12;
        var threshold = estimate < Pow10Table.Length ? (ulong)Pow10Table[estimate] : 10_000_000_000_000_000_000UL;
        return estimate + 1 - (value < threshold ? 1 : 0);
    }

    private static Int128[] CreatePow10Wide()
    {
        var table = new Int128[39];
        table[0] = Int128.One;
        for (var i = 1; i < table.Length; i++)
        {
            table[i] = table[i - 1] * 10;
        }

        return table;
    }
}
