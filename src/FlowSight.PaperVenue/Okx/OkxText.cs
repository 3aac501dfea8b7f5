using System.Globalization;
using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Okx;

/// <summary>How OKX writes values: decimals as strings without trailing zeros, times as Unix milliseconds in strings, its enum words.</summary>
internal static class OkxText
{
    /// <summary>A decimal as OKX writes it ("60000.1", "0.5", "0").</summary>
    public static string Num(decimal value)
    {
        var text = value.ToString("0.##########################", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary>A price; empty for none (OKX leaves absent prices empty).</summary>
    public static string Px(Price price) => price.Raw == 0 ? string.Empty : Num(price.ToDecimal());

    /// <summary>A size ("0" when zero).</summary>
    public static string Sz(Quantity size) => Num(size.ToDecimal());

    /// <summary>Unix nanoseconds as OKX's millisecond string.</summary>
    public static string Ms(long unixNs) => (unixNs / 1_000_000L).ToString(CultureInfo.InvariantCulture);

    /// <summary>An integer as a string.</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>OKX's <c>side</c>.</summary>
    public static string Side(OrderSide side) => side == OrderSide.Buy ? "buy" : "sell";

    /// <summary>OKX's <c>posSide</c>.</summary>
    public static string PosSide(PositionSide side) => side switch
    {
        PositionSide.Long => "long",
        PositionSide.Short => "short",
        _ => "net",
    };

    /// <summary>OKX's <c>state</c> of an order.</summary>
    public static string State(OrderStatus status) => status switch
    {
        OrderStatus.PartiallyFilled => "partially_filled",
        OrderStatus.Filled => "filled",
        OrderStatus.Canceled or OrderStatus.Expired or OrderStatus.Rejected => "canceled",
        _ => "live",
    };

    /// <summary>OKX's <c>ordType</c> of an order of <paramref name="type"/> and <paramref name="timeInForce"/>.</summary>
    public static string OrdType(OrderType type, TimeInForce timeInForce) => type switch
    {
        OrderType.Market => "market",
        _ => timeInForce switch
        {
            TimeInForce.Gtx => "post_only",
            TimeInForce.Fok => "fok",
            TimeInForce.Ioc => "ioc",
            _ => "limit",
        },
    };

    /// <summary>OKX's <c>execType</c>: T taker, M maker, empty when no fill.</summary>
    public static string ExecType(LiquiditySide liquidity) => liquidity switch
    {
        LiquiditySide.Maker => "M",
        LiquiditySide.Taker => "T",
        _ => string.Empty,
    };

    /// <summary>OKX's underlying and instrument family of a swap (<c>BTC-USDT-SWAP</c> → <c>BTC-USDT</c>).</summary>
    public static string Underlying(Instrument instrument) => instrument.BaseAsset + "-" + instrument.QuoteAsset;
}
