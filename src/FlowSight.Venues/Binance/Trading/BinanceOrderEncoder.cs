using FlowSight.Core;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// The parameters of Binance's order requests, written straight into a byte buffer (no strings, no allocation) so
/// that building and signing a new order is the hot path measured by the signing benchmark.
/// </summary>
/// <remarks>
/// A new order's parameters come in two runs: first those fixed by the order's kind (symbol, side, position side,
/// type, time in force, reduce-only, the answer asked for), then those of each order (quantity, prices, client id),
/// then <c>recvWindow</c> and <c>timestamp</c>. Binance signs the bytes sent in whatever order they come, so the fixed
/// run leads: <see cref="WriteSignedNewOrder"/> keeps it per kind (<see cref="BinanceOrderTemplates"/>) with the key's
/// SHA-256 state after its whole 64-byte blocks, and hashes only the rest of each order.
/// </remarks>
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
        WriteKind(ref writer, market, symbol, order);
        WriteOrderValues(ref writer, order);
    }

    /// <summary>Appends <c>recvWindow</c> and <c>timestamp</c> (ms), the last parameters before the signature.</summary>
    public static void WriteTiming(ref BinanceQueryWriter writer, long recvWindowMs, long timestampMs)
    {
        writer.Add("recvWindow"u8, recvWindowMs);
        writer.Add("timestamp"u8, timestampMs);
    }

    /// <summary>
    /// Writes a complete signed new-order query (parameters, timing, <c>signature</c>) into
    /// <paramref name="buffer"/> and returns its length: the same bytes as <see cref="WriteNewOrder"/>,
    /// <see cref="WriteTiming"/> and <see cref="BinanceRequestSigner.AppendSignature(Span{byte}, int)"/>, with the order kind's
    /// parameters and their hash taken from the signer's templates.
    /// </summary>
    /// <exception cref="NotSupportedException">The market has no such order type, or spot was asked for reduce-only.</exception>
    public static int WriteSignedNewOrder(Span<byte> buffer, BinanceRequestSigner signer, BinanceMarket market, ReadOnlySpan<byte> symbol, in SubmitOrder order, long recvWindowMs, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var template = signer.Templates?.Get(market, symbol, order);
        BinanceQueryWriter writer;
        if (template is null)
        {
            writer = new BinanceQueryWriter(buffer);
            WriteKind(ref writer, market, symbol, order);
        }
        else
        {
            writer = new BinanceQueryWriter(buffer);
            writer.AppendRaw(template.Parameters);
        }

        WriteOrderValues(ref writer, order);
        WriteTiming(ref writer, recvWindowMs, timestampMs);
        return template is null
            ? signer.AppendSignature(buffer, writer.Length)
            : signer.AppendSignature(buffer, writer.Length, template.Prefix);
    }

    /// <summary>The parameters fixed by the order's kind: the same for every order of one <see cref="BinanceOrderTemplates"/> entry.</summary>
    internal static void WriteKind(ref BinanceQueryWriter writer, BinanceMarket market, ReadOnlySpan<byte> symbol, in SubmitOrder order)
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

        if (order.ReduceOnly)
        {
            if (market == BinanceMarket.Spot)
            {
                throw new NotSupportedException("Binance spot has no reduce-only orders.");
            }

            writer.Add("reduceOnly"u8, "true"u8);
        }

        writer.Add("newOrderRespType"u8, "RESULT"u8);
    }

    /// <summary>The parameters of each order: quantity, price, trigger price, client order id.</summary>
    private static void WriteOrderValues(ref BinanceQueryWriter writer, in SubmitOrder order)
    {
        writer.Add("quantity"u8, order.Quantity);
        if (order.Price is { } price && order.Type != OrderType.Market)
        {
            writer.Add("price"u8, price);
        }

        if (order.TriggerPrice is { } trigger)
        {
            writer.Add("stopPrice"u8, trigger);
        }

        writer.Add("newClientOrderId"u8, order.ClientOrderId.Utf8);
    }
}
