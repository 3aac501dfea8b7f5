using System.Text.Json;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.Binance.Streams;

/// <summary>
/// Light, allocation-free looks into Binance frames for the connection layer: is it a control reply, and what is its
/// de-duplication key. The full parsing into events is <c>Binance/Parsing</c>'s job.
/// </summary>
internal static class BinanceFrameInspector
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>The first bytes of every combined-stream data frame.</summary>
    public static ReadOnlySpan<byte> CombinedPrefix => "{\"stream\":"u8;

    /// <summary>What kind of frame it is, looking only at the first property.</summary>
    public static BinanceFrameKind Classify(ReadOnlySpan<byte> frame)
    {
        if (frame.StartsWith(CombinedPrefix))
        {
            return BinanceFrameKind.Data;
        }

        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
        {
            return BinanceFrameKind.Data;
        }

        if (reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("id"u8) || reader.ValueTextEquals("code"u8)
            || reader.ValueTextEquals("error"u8) || reader.ValueTextEquals("msg"u8))
        {
            return BinanceFrameKind.Reply;
        }

        if (reader.ValueTextEquals("e"u8) && reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("serverShutdown"u8))
        {
            return BinanceFrameKind.ServerShutdown;
        }

        return BinanceFrameKind.Data;
    }

    /// <summary>Reads a reply (see <see cref="BinanceControlReply"/>). Throws <see cref="JsonException"/> when malformed.</summary>
    public static BinanceControlReply ReadReply(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame);
        long? id = null;
        int? code = null;
        string? message = null;
        var isError = false;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number) ? number : null;
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                code = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var c) ? c : null;
                isError = true;
            }
            else if (reader.ValueTextEquals("msg"u8))
            {
                reader.Read();
                message = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                isError = true;
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                isError = true;
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("code"u8))
                        {
                            reader.Read();
                            code = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var c) ? c : null;
                        }
                        else if (reader.ValueTextEquals("msg"u8))
                        {
                            reader.Read();
                            message = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        }
                        else
                        {
                            reader.Read();
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new BinanceControlReply(id, isError, code, message);
    }

    /// <summary>The <c>result</c> array of a <c>LIST_SUBSCRIPTIONS</c> reply.</summary>
    public static List<string> ReadResultStrings(ReadOnlySpan<byte> reply)
    {
        var reader = new Utf8JsonReader(reply);
        var streams = new List<string>();
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isResult = reader.ValueTextEquals("result"u8);
            reader.Read();
            if (isResult && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    streams.Add(reader.GetString()!);
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return streams;
    }

    /// <summary>True when the reply's <c>result</c> is <c>null</c> (success of a non-query request).</summary>
    public static bool ResultIsNull(ReadOnlySpan<byte> reply)
    {
        var reader = new Utf8JsonReader(reply);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isResult = reader.ValueTextEquals("result"u8);
            reader.Read();
            if (isResult)
            {
                return reader.TokenType == JsonTokenType.Null;
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>
    /// The de-duplication key of a data frame: the stream (the combined envelope's <c>stream</c>, plus the symbol for
    /// all-market streams; for raw frames the event type and symbol) and a strictly increasing id: <c>u</c> for depth
    /// and book tickers, <c>t</c> for trades, <c>a</c> for aggregate trades, <c>lastUpdateId</c> for spot partial depth,
    /// otherwise the event time <c>E</c> (klines, mark price, liquidations, tickers).
    /// </summary>
    public static bool TryGetSequenceKey(ReadOnlySpan<byte> frame, out StreamSequenceKey key)
    {
        key = default;
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        if (!frame.StartsWith(CombinedPrefix))
        {
            return TryReadEvent(ref reader, 0, allMarket: true, out key);
        }

        ulong stream = 0;
        var allMarket = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                stream = Hash(FnvOffset, reader.ValueSpan);
                allMarket = reader.ValueSpan.Length > 0 && reader.ValueSpan[0] == (byte)'!';
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.StartObject && stream != 0 && TryReadEvent(ref reader, stream, allMarket, out key);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return false;
    }

    private static bool TryReadEvent(ref Utf8JsonReader reader, ulong stream, bool allMarket, out StreamSequenceKey key)
    {
        key = default;
        var type = EventType.None;
        ulong eventHash = 0;
        ulong symbol = 0;
        long? eventTime = null, u = null, t = null, a = null, lastUpdateId = null;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("e"u8))
            {
                reader.Read();
                eventHash = Hash(FnvOffset, reader.ValueSpan);
                type = reader.ValueTextEquals("depthUpdate"u8) ? EventType.Depth
                    : reader.ValueTextEquals("trade"u8) ? EventType.Trade
                    : reader.ValueTextEquals("aggTrade"u8) ? EventType.AggTrade
                    : reader.ValueTextEquals("bookTicker"u8) ? EventType.BookTicker
                    : EventType.Other;
            }
            else if (reader.ValueTextEquals("s"u8))
            {
                reader.Read();
                symbol = Hash(FnvOffset, reader.ValueSpan);
            }
            else if (reader.ValueTextEquals("E"u8))
            {
                eventTime = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("u"u8))
            {
                u = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("t"u8))
            {
                t = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("a"u8))
            {
                a = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("lastUpdateId"u8))
            {
                lastUpdateId = ReadInt64(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        var sequence = type switch
        {
            EventType.Depth or EventType.BookTicker => u,
            EventType.Trade => t,
            EventType.AggTrade => a,
            EventType.None => lastUpdateId ?? u,
            _ => eventTime,
        };
        if (sequence is not { } value)
        {
            return false;
        }

        var partition = stream == 0 ? Hash(eventHash, symbol) : stream;
        if (allMarket && stream != 0)
        {
            partition = Hash(partition, symbol);
        }

        key = new StreamSequenceKey(unchecked((long)partition), value);
        return true;
    }

    private static long? ReadInt64(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : null;
    }

    private static ulong Hash(ulong seed, ReadOnlySpan<byte> bytes)
    {
        var hash = seed;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * FnvPrime);
        }

        return hash;
    }

    private static ulong Hash(ulong seed, ulong value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BitConverter.TryWriteBytes(bytes, value);
        return Hash(seed == 0 ? FnvOffset : seed, bytes);
    }

    private enum EventType : byte
    {
        None,
        Depth,
        Trade,
        AggTrade,
        BookTicker,
        Other,
    }
}
