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
        if ((uint)exponent <= 18)
        {
            // The usual case (prices, contracts × multiplier): two 64×64 → 128-bit products, each checked to fit a long.
            // Scaling up only grows the value, so an overflow at either step is the answer.
            var high = Math.BigMul(raw, factor, out long product);
            if (high == (product >> 63))
            {
                high = Math.BigMul(product, Pow10[exponent], out long scaled);
                if (high == (scaled >> 63))
                {
                    result = scaled;
                    return true;
                }
            }

            result = 0;
            return false;
        }

        return TryScaleDown(raw, factor, exponent, out result);
    }

    private static bool TryScaleDown(long raw, long factor, int exponent, out long result)
    {
        result = 0;
        if (exponent is < -38 or > 0)
        {
            return false; // no conversion scales by 10^19 or more, or by less than 10^-38
        }

        Int128 value = (Int128)raw * factor; // |raw|, |factor| < 2^63: fits 128 bits
        var (quotient, remainder) = Int128.DivRem(value, Pow10Wide[-exponent]);
        if (remainder != Int128.Zero || quotient > long.MaxValue || quotient < long.MinValue)
        {
            return false;
        }

        result = (long)quotient;
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
