using FlowSight.Core;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// The parameters of Binance's order requests, written straight into a byte buffer (no strings, no allocation) so
/// that building and signing a new order is the hot path measured by the signing benchmark.
/// </summary>
public static class BinanceOrderEncoder
{
    /// <summary>A buffer this long holds any order request with its signature.</summary>
    public const int MaxRequestLength = 1024;

    /// <summary>
    /// Writes a new order's parameters (<c>POST /fapi/v1/order</c> or <c>/api/v3/order</c>) without the timing and the
    /// signature: <c>newClientOrderId</c> is our <see cref="ClientOrderId"/>, post-only is USDⓈ-M <c>GTX</c> or spot
    /// <c>LIMIT_MAKER</c>, and the answer asked for is <c>RESULT</c> (the order's state after matching).
    /// </summary>
    /// <exception cref="NotSupportedException">The market has no such order type, or spot was asked for reduce-only.</exception>
    public static void WriteNewOrder(ref BinanceQueryWriter writer, BinanceMarket market, ReadOnlySpan<byte> symbol, in SubmitOrder order)
    {
        writer.Add("symbol"u8, symbol);
        writer.Add("side"u8, BinanceOrderWire.Side(order.Side));
        if (market != BinanceMarket.Spot && order.PositionSide != PositionSide.Both)
        {
            writer.Add("positionSide"u8, BinanceOrderWire.PositionSideWord(order.PositionSide));
        }

        writer.Add("type"u8, BinanceOrderWire.Type(market, order.Type, order.TimeInForce));
        if (BinanceOrderWire.TakesTimeInForce(market, order.Type, order.TimeInForce))
        {
            writer.Add("timeInForce"u8, BinanceOrderWire.TimeInForceWord(order.TimeInForce));
        }

        writer.Add("quantity"u8, order.Quantity);
        if (order.Price is { } price && order.Type != OrderType.Market)
        {
            writer.Add("price"u8, price);
        }

        if (order.TriggerPrice is { } trigger)
        {
            writer.Add("stopPrice"u8, trigger);
        }

        if (order.ReduceOnly)
        {
            if (market == BinanceMarket.Spot)
            {
                throw new NotSupportedException("Binance spot has no reduce-only orders.");
            }

            writer.Add("reduceOnly"u8, "true"u8);
        }

        writer.Add("newClientOrderId"u8, order.ClientOrderId.Utf8);
        writer.Add("newOrderRespType"u8, "RESULT"u8);
    }

    /// <summary>Appends <c>recvWindow</c> and <c>timestamp</c> (ms), the last parameters before the signature.</summary>
    public static void WriteTiming(ref BinanceQueryWriter writer, long recvWindowMs, long timestampMs)
    {
        writer.Add("recvWindow"u8, recvWindowMs);
        writer.Add("timestamp"u8, timestampMs);
    }

    /// <summary>
    /// Writes a complete signed new-order query (parameters, timing, <c>signature</c>) into
    /// <paramref name="buffer"/> and returns its length.
    /// </summary>
    public static int WriteSignedNewOrder(Span<byte> buffer, BinanceRequestSigner signer, BinanceMarket market, ReadOnlySpan<byte> symbol, in SubmitOrder order, long recvWindowMs, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var writer = new BinanceQueryWriter(buffer);
        WriteNewOrder(ref writer, market, symbol, order);
        WriteTiming(ref writer, recvWindowMs, timestampMs);
        return signer.AppendSignature(buffer, writer.Length);
    }
}
