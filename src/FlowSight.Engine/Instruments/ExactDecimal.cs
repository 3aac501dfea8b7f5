namespace FlowSight.Engine.Instruments;

/// <summary>Powers of ten and exact scaling for the registry's fixed-point conversions (Core's helpers are internal).</summary>
internal static class ExactDecimal
{
    /// <summary>10^0 … 10^18 as longs.</summary>
    public static readonly long[] Pow10 = CreatePow10();

    /// <summary>10^0 … 10^38 as 128-bit integers.</summary>
    public static readonly Int128[] Pow10Wide = CreatePow10Wide();

    /// <summary>
    /// Splits a positive decimal into mantissa × 10^-scale with every trailing zero removed, so the scale may be
    /// negative: 0.0001 is (1, 4), 10000000 is (1, -7), 0.01 is (1, 2), 1 is (1, 0).
    /// </summary>
    public static (long Mantissa, int Scale) Decompose(decimal value)
    {
        if (value <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Must be positive.");
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = new UInt128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        var scale = (bits[3] >> 16) & 0xFF;
        while (mantissa % 10 == UInt128.Zero)
        {
            mantissa /= 10;
            scale--;
        }

        if (mantissa > (UInt128)long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Must have at most 18 significant digits.");
        }

        return ((long)mantissa, scale);
    }

    /// <summary>raw × factor × 10^exponent when exact and within a long; false otherwise (overflow, or digits lost by a negative exponent).</summary>
    public static bool TryScale(long raw, long factor, int exponent, out long result)
    {
        result = 0;
        if (exponent is < -38 or > 38)
        {
            return false;
        }

        Int128 value = (Int128)raw * factor; // |raw|, |factor| < 2^63: fits 128 bits
        if (exponent > 0)
        {
            // Scaling up only grows the value: once it is outside a long it stays there. Inside, |value| < 2^63 and
            // 10^18 < 2^60, so the product cannot wrap 128 bits.
            if (value == Int128.Zero)
            {
                result = 0;
                return true;
            }

            if (exponent > 18 || value > long.MaxValue || value < long.MinValue)
            {
                return false;
            }

            value *= Pow10Wide[exponent];
        }
        else if (exponent < 0)
        {
            var (quotient, remainder) = Int128.DivRem(value, Pow10Wide[-exponent]);
            if (remainder != Int128.Zero)
            {
                return false;
            }

            value = quotient;
        }

        if (value > long.MaxValue || value < long.MinValue)
        {
            return false;
        }

        result = (long)value;
        return true;
    }

    private static long[] CreatePow10()
    {
        var table = new long[19];
        table[0] = 1;
        for (var i = 1; i < table.Length; i++)
        {
            table[i] = table[i - 1] * 10;
        }

        return table;
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
