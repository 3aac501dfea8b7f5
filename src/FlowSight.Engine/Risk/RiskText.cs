using System.Globalization;

namespace FlowSight.Engine.Risk;

/// <summary>Number formats for refusal reasons: thousands separators, invariant culture.</summary>
internal static class RiskText
{
    /// <summary>An amount with two decimals: "12,500.00".</summary>
    public static string Amount(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

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
