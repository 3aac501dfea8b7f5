using FlowSight.Core;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// USDⓈ-M conditional orders for the algo service (<c>POST /fapi/v1/algoOrder</c>, "New Algo Order"): since
/// 2025-12-09 the regular <c>POST /fapi/v1/order</c> refuses STOP, STOP_MARKET, TAKE_PROFIT, TAKE_PROFIT_MARKET and
/// TRAILING_STOP_MARKET with -4120. The algo service takes <c>algoType=CONDITIONAL</c>, the trigger as
/// <c>triggerPrice</c> and our id as <c>clientAlgoId</c>. Spot keeps its stop types on <c>/api/v3/order</c>
/// (<see cref="BinanceOrderEncoder"/>).
/// </summary>
public static class BinanceAlgoOrderEncoder
{
    /// <summary>True when <paramref name="type"/> goes to the algo service on <paramref name="market"/> (USDⓈ-M conditional types).</summary>
    public static bool IsAlgoOrder(BinanceMarket market, OrderType type) =>
        market != BinanceMarket.Spot
        && type is OrderType.StopMarket or OrderType.StopLimit or OrderType.TakeProfitMarket or OrderType.TakeProfitLimit or OrderType.TrailingStopMarket;

    /// <summary>
    /// Writes a new algo order's parameters without the timing and the signature: <c>algoType</c>, <c>symbol</c>,
    /// <c>side</c>, <c>positionSide</c> (hedge mode), <c>type</c>, <c>timeInForce</c> (STOP / TAKE_PROFIT),
    /// <c>quantity</c>, <c>price</c> (STOP / TAKE_PROFIT), <c>triggerPrice</c>, <c>reduceOnly</c> and
    /// <c>clientAlgoId</c> (our <see cref="ClientOrderId"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">
    /// Not a conditional type, no trigger price, or a trailing stop (Binance needs a callback rate that
    /// <see cref="SubmitOrder"/> does not carry; trailing stops are managed locally by the exit manager).
    /// </exception>
    public static void WriteNewAlgoOrder(ref BinanceQueryWriter writer, ReadOnlySpan<byte> symbol, in SubmitOrder order)
    {
        if (!IsAlgoOrder(BinanceMarket.UsdM, order.Type))
        {
            throw new NotSupportedException($"Binance's algo service takes conditional orders, not {order.Type}.");
        }

        if (order.Type == OrderType.TrailingStopMarket)
        {
            throw new NotSupportedException("Binance's TRAILING_STOP_MARKET needs a callback rate, which the order does not carry; trail the stop locally.");
        }

        if (order.TriggerPrice is not { } trigger)
        {
            throw new NotSupportedException($"A {order.Type} order needs a trigger price.");
        }

        writer.Add("algoType"u8, "CONDITIONAL"u8);
        writer.Add("symbol"u8, symbol);
        writer.Add("side"u8, BinanceOrderWire.Side(order.Side));
        if (order.PositionSide != PositionSide.Both)
        {
            writer.Add("positionSide"u8, BinanceOrderWire.PositionSideWord(order.PositionSide));
        }

        writer.Add("type"u8, BinanceOrderWire.Type(BinanceMarket.UsdM, order.Type, order.TimeInForce));
        var limit = order.Type is OrderType.StopLimit or OrderType.TakeProfitLimit;
        if (limit)
        {
            // The algo service takes IOC, GTC or FOK (default GTC); post-only is not among them.
            writer.Add("timeInForce"u8, order.TimeInForce == TimeInForce.Gtx ? "GTC"u8 : BinanceOrderWire.TimeInForceWord(order.TimeInForce));
        }

        writer.Add("quantity"u8, order.Quantity);
        if (limit)
        {
            if (order.Price is not { } price)
            {
                throw new NotSupportedException($"A {order.Type} order needs a limit price.");
            }

            writer.Add("price"u8, price);
        }

        writer.Add("triggerPrice"u8, trigger);
        if (order.ReduceOnly)
        {
            writer.Add("reduceOnly"u8, "true"u8);
        }

        writer.Add("clientAlgoId"u8, order.ClientOrderId.Utf8);
    }
}
