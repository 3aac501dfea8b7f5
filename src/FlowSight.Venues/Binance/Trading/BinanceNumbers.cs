using System.Globalization;
using FlowSight.Core;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>Binance's decimal strings as our fixed-point values, keeping the text's own precision (capped at the fixed-point maximum).</summary>
internal static class BinanceNumbers
{
    public static decimal Decimal(string? text) =>
        string.IsNullOrEmpty(text) ? 0m : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static Price Price(string? text, byte fallbackPrecision)
    {
        var value = Decimal(text);
        var precision = PrecisionOf(value, fallbackPrecision, Core.Price.MaxPrecision);
        return Core.Price.FromDecimal(Math.Round(value, precision), precision);
    }

    /// <summary>Null for an absent or zero price (Binance writes "0" for "none").</summary>
    public static Price? OptionalPrice(string? text, byte fallbackPrecision)
    {
        var value = Decimal(text);
        if (value == 0m)
        {
            return null;
        }

        var precision = PrecisionOf(value, fallbackPrecision, Core.Price.MaxPrecision);
        return Core.Price.FromDecimal(Math.Round(value, precision), precision);
    }

    public static Quantity Quantity(string? text, byte fallbackPrecision)
    {
        var value = Math.Abs(Decimal(text));
        var precision = PrecisionOf(value, fallbackPrecision, Core.Quantity.MaxPrecision);
        return Core.Quantity.FromDecimal(Math.Round(value, precision), precision);
    }

    public static Money Money(string? text, byte fallbackPrecision)
    {
        var value = Decimal(text);
        var precision = PrecisionOf(value, fallbackPrecision, Core.Money.MaxPrecision);
        return Core.Money.FromDecimal(Math.Round(value, precision), precision);
    }

    /// <summary>The fewest decimals that hold <paramref name="value"/> exactly, at least <paramref name="minimum"/>, at most <paramref name="maximum"/>.</summary>
    private static byte PrecisionOf(decimal value, byte minimum, byte maximum)
    {
        var normalized = value / 1.000000000000000000000000000000000m;
        var scale = (byte)((decimal.GetBits(normalized)[3] >> 16) & 0xFF);
        return Math.Min(Math.Max(scale, minimum), maximum);
    }
}
