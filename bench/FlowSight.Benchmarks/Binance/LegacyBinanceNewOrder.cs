using System.Globalization;
using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Trading;

namespace FlowSight.Benchmarks.Binance;

/// <summary>
/// A frozen copy of the USDⓈ-M new-order encoding as it was before the order templates (commit 2eadd40: parameters in
/// declaration order, a byte-at-a-time query writer, the whole query hashed from the key's inner midstate), kept so
/// <see cref="SigningCpuTimeRunner"/> can compare before and after in one process.
/// </summary>
internal static class LegacyBinanceNewOrder
{
    public static int WriteSigned(Span<byte> buffer, BinanceRequestSigner signer, ReadOnlySpan<byte> symbol, in SubmitOrder order, long recvWindowMs, long timestampMs) =>
        signer.AppendSignature(buffer, Write(buffer, symbol, order, recvWindowMs, timestampMs));

    public static int Write(Span<byte> buffer, ReadOnlySpan<byte> symbol, in SubmitOrder order, long recvWindowMs, long timestampMs)
    {
        var writer = new Writer(buffer);
        writer.Add("symbol"u8, symbol);
        writer.Add("side"u8, BinanceOrderWire.Side(order.Side));
        if (order.PositionSide != PositionSide.Both)
        {
            writer.Add("positionSide"u8, BinanceOrderWire.PositionSideWord(order.PositionSide));
        }

        writer.Add("type"u8, BinanceOrderWire.Type(BinanceMarket.UsdM, order.Type, order.TimeInForce));
        if (BinanceOrderWire.TakesTimeInForce(BinanceMarket.UsdM, order.Type, order.TimeInForce))
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
            writer.Add("reduceOnly"u8, "true"u8);
        }

        writer.Add("newClientOrderId"u8, order.ClientOrderId.Utf8);
        writer.Add("newOrderRespType"u8, "RESULT"u8);
        writer.Add("recvWindow"u8, recvWindowMs);
        writer.Add("timestamp"u8, timestampMs);
        return writer.Length;
    }

    private ref struct Writer(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;
        private int _length;

        public readonly int Length => _length;

        public void Add(scoped ReadOnlySpan<byte> key, scoped ReadOnlySpan<byte> value)
        {
            Key(key);
            foreach (var b in value)
            {
                if (IsUnreserved(b))
                {
                    Put(b);
                }
                else
                {
                    Put((byte)'%');
                    Put(Hex(b >> 4));
                    Put(Hex(b & 0xF));
                }
            }
        }

        public void Add(scoped ReadOnlySpan<byte> key, long value)
        {
            Key(key);
            if (!value.TryFormat(_buffer[_length..], out var n, default, CultureInfo.InvariantCulture))
            {
                throw Full();
            }

            _length += n;
        }

        public void Add(scoped ReadOnlySpan<byte> key, Price value)
        {
            Key(key);
            if (!value.TryFormat(_buffer[_length..], out var n))
            {
                throw Full();
            }

            _length += n;
        }

        public void Add(scoped ReadOnlySpan<byte> key, Quantity value)
        {
            Key(key);
            if (!value.TryFormat(_buffer[_length..], out var n))
            {
                throw Full();
            }

            _length += n;
        }

        private void Key(scoped ReadOnlySpan<byte> key)
        {
            if (_length > 0)
            {
                Put((byte)'&');
            }

            if (!key.TryCopyTo(_buffer[_length..]))
            {
                throw Full();
            }

            _length += key.Length;
            Put((byte)'=');
        }

        private void Put(byte b)
        {
            if (_length >= _buffer.Length)
            {
                throw Full();
            }

            _buffer[_length++] = b;
        }

        private static bool IsUnreserved(byte b) =>
            b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

        private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

        private static InvalidOperationException Full() => new("The request parameters do not fit the buffer.");
    }
}
