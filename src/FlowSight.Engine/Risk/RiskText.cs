using System.Globalization;

namespace FlowSight.Engine.Risk;

/// <summary>Number formats for refusal reasons: thousands separators, invariant culture.</summary>
internal static class RiskText
{
    /// <summary>
    /// An amount with at least two decimals and as many more as it needs (up to 8), so a value just past a limit
    /// never prints as the limit: "12,500.00", "99.9998".
    /// </summary>
    public static string Amount(decimal value)
    {
        var normalized = value / 1.000000000000000000000000000000000m;
        var decimals = Math.Clamp((int)normalized.Scale, 2, 8);
        return value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>A configured number as written, trailing zeros dropped: "10,000", "0.001".</summary>
    public static string Number(decimal value)
    {
        var normalized = value / 1.000000000000000000000000000000000m;
        return normalized.ToString("N" + normalized.Scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>A quantity: as many decimals as it has, trailing zeros dropped.</summary>
    public static string Quantity(decimal value) => Number(value);

    /// <summary>A duration for a person: "1.5 s", "2 min".</summary>
    public static string Duration(TimeSpan value) =>
        value.TotalSeconds >= 120 && value.TotalSeconds % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMinutes:0.###} min")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###} s");
}
