using FlowSight.Core;

namespace FlowSight.Simulator.Accounts;

/// <summary>
/// A configured rate (fee, maintenance margin rate) as an integer over a power of ten, taken apart once so the hot
/// path multiplies longs instead of decomposing a decimal per fill.
/// </summary>
internal readonly struct ScaledRate
{
    private readonly long _numerator;
    private readonly long _denominator;

    private ScaledRate(long numerator, long denominator)
    {
        _numerator = numerator;
        _denominator = denominator;
    }

    /// <summary>The rate is <see cref="Numerator"/> ÷ <see cref="Denominator"/> (a power of ten).</summary>
    public long Numerator => _numerator;

    /// <summary>A power of ten.</summary>
    public long Denominator => _denominator;

    /// <exception cref="ArgumentOutOfRangeException">More than 18 decimals or 18 significant digits.</exception>
    public static ScaledRate From(decimal rate)
    {
        rate /= 1.000000000000000000000000000000000m; // drop trailing zeros
        var scale = rate.Scale;
        var mantissa = rate * Pow10Decimal(scale);
        if (scale > 18 || Math.Abs(mantissa) > long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A rate needs at most 18 decimals and 18 significant digits.");
        }

        var denominator = 1L;
        for (var i = 0; i < scale; i++)
        {
            denominator *= 10;
        }

        return new ScaledRate((long)mantissa, denominator);
    }

    /// <summary>raw × rate, rounded with <paramref name="mode"/> (same precision as <paramref name="raw"/>).</summary>
    public long Apply(long raw, RoundingMode mode)
    {
        if (_numerator == 0)
        {
            return 0;
        }

        var high = Math.BigMul(raw, _numerator, out long low);
        if (high == (low >> 63))
        {
            return Round(low, mode); // the product fits a long: no 128-bit division
        }

        var product = (Int128)raw * _numerator;
        var quotient = product / _denominator;
        var remainder = product - (quotient * _denominator);
        if (remainder != 0)
        {
            var positive = remainder > 0;
            var twice = Int128.Abs(remainder) * 2;
            var away = mode switch
            {
                RoundingMode.Up => positive,
                RoundingMode.Down => !positive,
                RoundingMode.TowardZero => false,
                RoundingMode.AwayFromZero => twice >= _denominator,
                _ => twice > _denominator || (twice == _denominator && !Int128.IsEvenInteger(quotient)),
            };
            if (away)
            {
                quotient += positive ? 1 : -1;
            }
        }

        return checked((long)quotient);
    }

    private long Round(long product, RoundingMode mode)
    {
        var quotient = Math.DivRem(product, _denominator, out var remainder);
        if (remainder == 0)
        {
            return quotient;
        }

        var positive = remainder > 0;
        var twice = Math.Abs(remainder) * 2;
        var away = mode switch
        {
            RoundingMode.Up => positive,
            RoundingMode.Down => !positive,
            RoundingMode.TowardZero => false,
            RoundingMode.AwayFromZero => twice >= _denominator,
            _ => twice > _denominator || (twice == _denominator && (quotient & 1) != 0),
        };
        return away ? quotient + (positive ? 1 : -1) : quotient;
    }

    private static decimal Pow10Decimal(int scale)
    {
        var value = 1m;
        for (var i = 0; i < scale; i++)
        {
            value *= 10m;
        }

        return value;
    }
}
