using System.Globalization;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Binance.Streams;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>
/// How Binance's REST API writes numbers: as strings, futures prices and quantities at the symbol's precision, spot
/// ones padded to 8 decimals, account figures with 8 decimals; times as Unix milliseconds.
/// </summary>
internal static class BinanceRestFormat
{
    /// <summary>A price property.</summary>
    public static void Write(Utf8JsonWriter json, string name, Price value, bool spot) =>
        BinanceWire.WriteFixed(json, System.Text.Encoding.UTF8.GetBytes(name), value.Raw, value.Precision, spot);

    /// <summary>A quantity property.</summary>
    public static void Write(Utf8JsonWriter json, string name, Quantity value, bool spot) =>
        BinanceWire.WriteFixed(json, System.Text.Encoding.UTF8.GetBytes(name), value.Raw, value.Precision, spot);

    /// <summary>A price value.</summary>
    public static void Value(Utf8JsonWriter json, Price value, bool spot) => BinanceWire.WriteFixed(json, value.Raw, value.Precision, spot);

    /// <summary>A quantity value.</summary>
    public static void Value(Utf8JsonWriter json, Quantity value, bool spot) => BinanceWire.WriteFixed(json, value.Raw, value.Precision, spot);

    /// <summary>A decimal property with exactly <paramref name="decimals"/> decimals.</summary>
    public static void Write(Utf8JsonWriter json, string name, decimal value, int decimals = 8) =>
        json.WriteString(name, Text(value, decimals));

    /// <summary>A decimal value with exactly <paramref name="decimals"/> decimals.</summary>
    public static void Value(Utf8JsonWriter json, decimal value, int decimals = 8) => json.WriteStringValue(Text(value, decimals));

    /// <summary>A decimal as text with exactly <paramref name="decimals"/> decimals.</summary>
    public static string Text(decimal value, int decimals = 8) =>
        Math.Round(value, decimals, MidpointRounding.ToEven).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A fixed-point value at a given number of decimals (e.g. a price at a coarser precision).</summary>
    public static string Text(Price value, byte decimals) => Text(value.ToDecimal(), decimals);

    /// <summary>Unix ns to Unix ms.</summary>
    public static long Ms(long unixNs) => unixNs / 1_000_000L;
}
