using System.Text.Json;
using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// How Binance writes values on its streams: numbers as strings (futures at the symbol's precision, spot padded to
/// 8 decimals), times in Unix milliseconds, enums in upper case.
/// </summary>
internal static class BinanceWire
{
    /// <summary>Spot pads every price and quantity to this many decimals.</summary>
    public const byte SpotDecimals = 8;

    /// <summary>Unix nanoseconds to Unix milliseconds.</summary>
    public static long Ms(long unixNs) => unixNs / 1_000_000L;

    /// <summary>Writes a fixed-point value as Binance's decimal string.</summary>
    public static void WriteFixed(Utf8JsonWriter json, long raw, byte precision, bool pad8)
    {
        Span<byte> text = stackalloc byte[40];
        var written = Format(raw, precision, pad8, text);
        json.WriteStringValue(text[..written]);
    }

    /// <summary>Writes a property holding a fixed-point value as Binance's decimal string.</summary>
    public static void WriteFixed(Utf8JsonWriter json, ReadOnlySpan<byte> name, long raw, byte precision, bool pad8)
    {
        json.WritePropertyName(name);
        WriteFixed(json, raw, precision, pad8);
    }

    /// <summary>Writes a price property.</summary>
    public static void Write(Utf8JsonWriter json, ReadOnlySpan<byte> name, Price price, bool pad8) =>
        WriteFixed(json, name, price.Raw, price.Precision, pad8);

    /// <summary>Writes a quantity property.</summary>
    public static void Write(Utf8JsonWriter json, ReadOnlySpan<byte> name, Quantity quantity, bool pad8) =>
        WriteFixed(json, name, quantity.Raw, quantity.Precision, pad8);

    /// <summary>Writes a money property.</summary>
    public static void Write(Utf8JsonWriter json, ReadOnlySpan<byte> name, Money money, bool pad8) =>
        WriteFixed(json, name, money.Raw, money.Precision, pad8);

    /// <summary>Writes a decimal property as a plain string (8 decimals at most, trailing zeros kept as Binance does for rates).</summary>
    public static void Write(Utf8JsonWriter json, ReadOnlySpan<byte> name, decimal value, int decimals)
    {
        Span<byte> text = stackalloc byte[48];
        var rounded = Math.Round(value, decimals, MidpointRounding.ToEven);
        rounded.TryFormat(text, out var written, "F" + decimals.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        json.WriteString(name, text[..written]);
    }

    /// <summary>A price/size pair as <c>["price","size"]</c>.</summary>
    public static void WriteLevel(Utf8JsonWriter json, Price price, Quantity size, bool pad8)
    {
        json.WriteStartArray();
        WriteFixed(json, price.Raw, price.Precision, pad8);
        WriteFixed(json, size.Raw, size.Precision, pad8);
        json.WriteEndArray();
    }

    /// <summary>Formats a fixed-point value (raw × 10^-precision) into <paramref name="destination"/>.</summary>
    public static int Format(long raw, byte precision, bool pad8, Span<byte> destination)
    {
        if (pad8 && precision < SpotDecimals)
        {
            var scale = 1L;
            for (var i = precision; i < SpotDecimals; i++)
            {
                scale *= 10;
            }

            raw *= scale;
            precision = SpotDecimals;
        }

        var value = Price.FromRaw(raw, precision);
        return value.TryFormat(destination, out var written) ? written : throw new InvalidOperationException("A fixed-point value did not fit its buffer.");
    }

    /// <summary>BUY or SELL.</summary>
    public static string Side(OrderSide side) => side == OrderSide.Buy ? "BUY" : "SELL";

    /// <summary>BOTH, LONG or SHORT.</summary>
    public static string PositionSide(PositionSide side) => side switch
    {
        Core.PositionSide.Long => "LONG",
        Core.PositionSide.Short => "SHORT",
        _ => "BOTH",
    };

    /// <summary>GTC, IOC, FOK or GTX.</summary>
    public static string TimeInForce(TimeInForce tif) => tif switch
    {
        Core.TimeInForce.Ioc => "IOC",
        Core.TimeInForce.Fok => "FOK",
        Core.TimeInForce.Gtx => "GTX",
        _ => "GTC",
    };

    /// <summary>The futures order type name.</summary>
    public static string FuturesOrderType(OrderType type) => type switch
    {
        OrderType.Market => "MARKET",
        OrderType.StopMarket => "STOP_MARKET",
        OrderType.StopLimit => "STOP",
        OrderType.TakeProfitMarket => "TAKE_PROFIT_MARKET",
        OrderType.TakeProfitLimit => "TAKE_PROFIT",
        OrderType.TrailingStopMarket => "TRAILING_STOP_MARKET",
        _ => "LIMIT",
    };

    /// <summary>The spot order type name (a post-only limit is LIMIT_MAKER).</summary>
    public static string SpotOrderType(OrderType type, TimeInForce tif) => type switch
    {
        OrderType.Market => "MARKET",
        OrderType.StopMarket => "STOP_LOSS",
        OrderType.StopLimit => "STOP_LOSS_LIMIT",
        OrderType.TakeProfitMarket => "TAKE_PROFIT",
        OrderType.TakeProfitLimit => "TAKE_PROFIT_LIMIT",
        _ => tif == Core.TimeInForce.Gtx ? "LIMIT_MAKER" : "LIMIT",
    };

    /// <summary>The order status name.</summary>
    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.PartiallyFilled => "PARTIALLY_FILLED",
        OrderStatus.Filled => "FILLED",
        OrderStatus.Canceled => "CANCELED",
        OrderStatus.Rejected => "REJECTED",
        OrderStatus.Expired => "EXPIRED",
        _ => "NEW",
    };

    /// <summary>The self-trade prevention mode name.</summary>
    public static string SelfTradePrevention(SelfTradePrevention mode) => mode switch
    {
        Simulator.Orders.SelfTradePrevention.ExpireTaker => "EXPIRE_TAKER",
        Simulator.Orders.SelfTradePrevention.ExpireMaker => "EXPIRE_MAKER",
        Simulator.Orders.SelfTradePrevention.ExpireBoth => "EXPIRE_BOTH",
        _ => "NONE",
    };
}
