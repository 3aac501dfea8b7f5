using FlowSight.Core;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>Binance's wire words for our order enums, both ways (USDⓈ-M and spot spell stops differently).</summary>
public static class BinanceOrderWire
{
    /// <summary><c>BUY</c> or <c>SELL</c>.</summary>
    public static ReadOnlySpan<byte> Side(OrderSide side) => side == OrderSide.Buy ? "BUY"u8 : "SELL"u8;

    /// <summary>The <c>type</c> for <paramref name="type"/>; spot post-only limits are <c>LIMIT_MAKER</c>.</summary>
    /// <exception cref="NotSupportedException">The market has no such type.</exception>
    public static ReadOnlySpan<byte> Type(BinanceMarket market, OrderType type, TimeInForce timeInForce)
    {
        if (market == BinanceMarket.Spot)
        {
            return type switch
            {
                OrderType.Market => "MARKET"u8,
                OrderType.Limit => timeInForce == TimeInForce.Gtx ? "LIMIT_MAKER"u8 : "LIMIT"u8,
                OrderType.StopMarket => "STOP_LOSS"u8,
                OrderType.StopLimit => "STOP_LOSS_LIMIT"u8,
                OrderType.TakeProfitMarket => "TAKE_PROFIT"u8,
                OrderType.TakeProfitLimit => "TAKE_PROFIT_LIMIT"u8,
                _ => throw new NotSupportedException($"Binance spot has no {type} orders."),
            };
        }

        return type switch
        {
            OrderType.Market => "MARKET"u8,
            OrderType.Limit => "LIMIT"u8,
            OrderType.StopMarket => "STOP_MARKET"u8,
            OrderType.StopLimit => "STOP"u8,
            OrderType.TakeProfitMarket => "TAKE_PROFIT_MARKET"u8,
            OrderType.TakeProfitLimit => "TAKE_PROFIT"u8,
            OrderType.TrailingStopMarket => "TRAILING_STOP_MARKET"u8,
            _ => throw new NotSupportedException($"Binance USDⓈ-M has no {type} orders."),
        };
    }

    /// <summary>True when the order type takes a <c>timeInForce</c> (limit kinds; not spot's LIMIT_MAKER).</summary>
    public static bool TakesTimeInForce(BinanceMarket market, OrderType type, TimeInForce timeInForce) =>
        type is OrderType.Limit or OrderType.StopLimit or OrderType.TakeProfitLimit
        && !(market == BinanceMarket.Spot && type == OrderType.Limit && timeInForce == TimeInForce.Gtx);

    /// <summary><c>GTC</c>, <c>IOC</c>, <c>FOK</c> or <c>GTX</c> (post-only, USDⓈ-M).</summary>
    public static ReadOnlySpan<byte> TimeInForceWord(TimeInForce timeInForce) => timeInForce switch
    {
        TimeInForce.Ioc => "IOC"u8,
        TimeInForce.Fok => "FOK"u8,
        TimeInForce.Gtx => "GTX"u8,
        _ => "GTC"u8,
    };

    /// <summary><c>BOTH</c>, <c>LONG</c> or <c>SHORT</c>.</summary>
    public static ReadOnlySpan<byte> PositionSideWord(PositionSide side) => side switch
    {
        PositionSide.Long => "LONG"u8,
        PositionSide.Short => "SHORT"u8,
        _ => "BOTH"u8,
    };

    /// <summary>Our side for Binance's word.</summary>
    public static OrderSide ParseSide(string? text) => text == "SELL" ? OrderSide.Sell : OrderSide.Buy;

    /// <summary>Our order type for Binance's word (<c>TAKE_PROFIT</c> is a limit order on USDⓈ-M, a market one on spot).</summary>
    public static OrderType ParseType(string? text, BinanceMarket market) => text switch
    {
        "MARKET" => OrderType.Market,
        "STOP_MARKET" or "STOP_LOSS" => OrderType.StopMarket,
        "STOP" or "STOP_LOSS_LIMIT" => OrderType.StopLimit,
        "TAKE_PROFIT_MARKET" => OrderType.TakeProfitMarket,
        "TAKE_PROFIT" => market == BinanceMarket.Spot ? OrderType.TakeProfitMarket : OrderType.TakeProfitLimit,
        "TAKE_PROFIT_LIMIT" => OrderType.TakeProfitLimit,
        "TRAILING_STOP_MARKET" => OrderType.TrailingStopMarket,
        _ => OrderType.Limit,
    };

    /// <summary>Our time in force for Binance's word (spot LIMIT_MAKER is post-only).</summary>
    public static TimeInForce ParseTimeInForce(string? text, string? type) => type == "LIMIT_MAKER" ? TimeInForce.Gtx : text switch
    {
        "IOC" => TimeInForce.Ioc,
        "FOK" => TimeInForce.Fok,
        "GTX" => TimeInForce.Gtx,
        _ => TimeInForce.Gtc,
    };

    /// <summary>Our status for Binance's order status.</summary>
    public static OrderStatus ParseStatus(string? text) => text switch
    {
        "NEW" => OrderStatus.Accepted,
        "PARTIALLY_FILLED" => OrderStatus.PartiallyFilled,
        "FILLED" => OrderStatus.Filled,
        "CANCELED" => OrderStatus.Canceled,
        "PENDING_CANCEL" => OrderStatus.PendingCancel,
        "REJECTED" => OrderStatus.Rejected,
        "EXPIRED" or "EXPIRED_IN_MATCH" => OrderStatus.Expired,
        "NEW_INSURANCE" or "NEW_ADL" => OrderStatus.Accepted,
        _ => OrderStatus.Accepted,
    };

    /// <summary>
    /// Our status for an algo order's <c>algoStatus</c> ("Event: Algo Order Update"): NEW (waiting for its trigger),
    /// TRIGGERING and TRIGGERED (working in the matching engine) are working, partially filled once the regular order
    /// filled some; FINISHED means the regular order was filled or canceled, told apart by the filled quantity;
    /// CANCELED, EXPIRED (canceled by the system) and REJECTED (refused by the matching engine) are final.
    /// </summary>
    public static OrderStatus ParseAlgoStatus(string? text, Quantity filled, Quantity quantity) => text switch
    {
        "CANCELED" => OrderStatus.Canceled,
        "EXPIRED" => OrderStatus.Expired,
        "REJECTED" => OrderStatus.Rejected,
        "FINISHED" => quantity.Raw != 0 && filled.ToDecimal() >= quantity.ToDecimal() ? OrderStatus.Filled : OrderStatus.Canceled,
        "TRIGGERING" or "TRIGGERED" when filled.Raw != 0 => OrderStatus.PartiallyFilled,
        _ => OrderStatus.Accepted,
    };

    /// <summary>Our position side for Binance's word.</summary>
    public static PositionSide ParsePositionSide(string? text) => text switch
    {
        "LONG" => PositionSide.Long,
        "SHORT" => PositionSide.Short,
        _ => PositionSide.Both,
    };
}
