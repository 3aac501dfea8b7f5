namespace FlowSight.Core.Tests.Numerics;

/// <summary>System.Decimal as the independent reference for the fixed-point arithmetic.</summary>
internal static class DecimalOracle
{
    public static MidpointRounding ToMidpointRounding(RoundingMode mode) => mode switch
    {
        RoundingMode.ToEven => MidpointRounding.ToEven,
        RoundingMode.AwayFromZero => MidpointRounding.AwayFromZero,
        RoundingMode.TowardZero => MidpointRounding.ToZero,
        RoundingMode.Down => MidpointRounding.ToNegativeInfinity,
        RoundingMode.Up => MidpointRounding.ToPositiveInfinity,
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    public static decimal Round(decimal value, byte precision, RoundingMode mode) =>
        Math.Round(value, precision, ToMidpointRounding(mode));

    /// <summary>True when <paramref name="value"/> at <paramref name="precision"/> decimals has a raw value that fits a long.</summary>
    public static bool Fits(decimal value, byte precision)
    {
        // Divide the bounds rather than multiply the value, which could leave decimal's range.
        var scale = Pow10(precision);
        return value <= long.MaxValue / scale && value >= long.MinValue / scale;
    }

    public static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
