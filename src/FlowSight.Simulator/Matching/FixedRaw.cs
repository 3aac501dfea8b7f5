using FlowSight.Core;

namespace FlowSight.Simulator.Matching;

/// <summary>Conversions of fixed-point values to raw longs at the instrument's precisions.</summary>
internal static class FixedRaw
{
    private static readonly long[] Pow10 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
    ];

    public static long Power(int exponent) => Pow10[exponent];

    /// <summary>The raw value at <paramref name="precision"/>; false when it has more decimals or does not fit.</summary>
    public static bool TryExact(long raw, byte from, byte precision, out long result)
    {
        if (from == precision)
        {
            result = raw;
            return true;
        }

        if (from < precision)
        {
            long factor = Pow10[precision - from];
            if (raw > long.MaxValue / factor || raw < long.MinValue / factor)
            {
                result = 0;
                return false;
            }

            result = raw * factor;
            return true;
        }

        long divisor = Pow10[from - precision];
        result = raw / divisor;
        return raw % divisor == 0;
    }

    /// <summary>The quantity at <paramref name="precision"/>, rounded down, saturating at <see cref="long.MaxValue"/>.</summary>
    public static long Floor(Quantity quantity, byte precision)
    {
        if (quantity.Precision == precision)
        {
            return quantity.Raw;
        }

        if (quantity.Precision < precision)
        {
            long factor = Pow10[precision - quantity.Precision];
            return quantity.Raw > long.MaxValue / factor ? long.MaxValue : quantity.Raw * factor;
        }

        return quantity.Raw / Pow10[quantity.Precision - precision];
    }

    /// <summary>A non-negative exact value at <paramref name="from"/> decimals as a raw long at <paramref name="precision"/>, half to even.</summary>
    public static long RoundHalfEven(Int128 value, int from, byte precision)
    {
        if (from == precision)
        {
            return checked((long)value);
        }

        if (from < precision)
        {
            return checked((long)(value * Pow10[precision - from]));
        }

        Int128 divisor = Pow10[from - precision];
        Int128 quotient = Int128.DivRem(value, divisor).Quotient;
        Int128 twice = 2 * (value - (quotient * divisor));
        if (twice > divisor || (twice == divisor && (quotient & 1) == 1))
        {
            quotient++;
        }

        return checked((long)quotient);
    }
}
