using System.Text;
using System.Text.Json;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.GateIo.Streams;

/// <summary>
/// Reads just enough of a Gate.io frame for the connection: whether it is data, a reply (with its <c>id</c> and
/// <c>error</c>) or a pong, and the de-duplication key of an <c>order_book_update</c>. Thread-safe (stateless).
/// </summary>
public static class GateIoFrameInspector
{
    /// <summary>Classifies a frame, reading the top level only up to <c>event</c> for data (Gate writes it before <c>result</c>).</summary>
    public static GateIoFrameKind Classify(ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new Utf8JsonReader(frame);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return GateIoFrameKind.Data; // not ours to judge: the parser counts it as malformed
            }

            var pong = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("channel"u8))
                {
                    reader.Read();
                    pong = reader.ValueSpan.EndsWith(".pong"u8);
                }
                else if (reader.ValueTextEquals("event"u8))
                {
                    reader.Read();
                    if (reader.ValueTextEquals("subscribe"u8) || reader.ValueTextEquals("unsubscribe"u8))
                    {
                        return GateIoFrameKind.Reply;
                    }

                    return pong ? GateIoFrameKind.Pong : GateIoFrameKind.Data;
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        return GateIoFrameKind.Reply; // an error answers a request, whatever its event
                    }

                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return pong ? GateIoFrameKind.Pong : GateIoFrameKind.Data;
        }
        catch (JsonException)
        {
            return GateIoFrameKind.Data;
        }
    }

    /// <summary>Reads a reply's <c>id</c>, <c>event</c>, <c>channel</c> and <c>error</c> (allocates: replies are rare).</summary>
    public static GateIoReply ReadReply(ReadOnlySpan<byte> frame)
    {
        long? id = null;
        int? code = null;
        string? message = null;
        string? channel = null;
        string? eventName = null;
        var hasError = false;
        try
        {
            var reader = new Utf8JsonReader(frame);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
                    {
                        id = value;
                    }
                }
                else if (reader.ValueTextEquals("channel"u8))
                {
                    reader.Read();
                    channel = reader.GetString();
                }
                else if (reader.ValueTextEquals("event"u8))
                {
                    reader.Read();
                    eventName = reader.GetString();
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        hasError = true;
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals("code"u8))
                            {
                                reader.Read();
                                code = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var c) ? c : null;
                            }
                            else if (reader.ValueTextEquals("message"u8))
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
        }
        catch (JsonException)
        {
            hasError = true;
            message ??= "unreadable reply: " + Encoding.UTF8.GetString(frame);
        }

        return new GateIoReply(id, channel, eventName, hasError, code, message);
    }

    /// <summary>The key of an <c>order_book_update</c> (stream: a hash of channel and name; sequence: <c>u</c>); false for other frames.</summary>
    public static bool TryGetSequenceKey(ReadOnlySpan<byte> frame, out StreamSequenceKey key)
    {
        key = default;
        if (frame.IndexOf("order_book_update"u8) < 0)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(frame);
            reader.Read();
            var channelHash = 0L;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("channel"u8))
                {
                    reader.Read();
                    channelHash = Hash(reader.ValueSpan);
                }
                else if (reader.ValueTextEquals("result"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return false;
                    }

                    long name = 0, last = -1;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("s"u8))
                        {
                            reader.Read();
                            name = Hash(reader.ValueSpan);
                        }
                        else if (reader.ValueTextEquals("u"u8))
                        {
                            reader.Read();
                            if (!reader.TryGetInt64(out last))
                            {
                                return false;
                            }
                        }
                        else
                        {
                            reader.Read();
                            reader.Skip();
                        }
                    }

                    if (name == 0 || last < 0)
                    {
                        return false;
                    }

                    key = new StreamSequenceKey((channelHash * 31) ^ name, last);
                    return true;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
        }
        catch (InvalidOperationException)
        {
        }

        return false;
    }

    private static long Hash(ReadOnlySpan<byte> text)
    {
        // FNV-1a: stable across processes, unlike HashCode.
        var hash = unchecked((long)14695981039346656037UL);
        foreach (var b in text)
        {
            hash = unchecked((hash ^ b) * 1099511628211L);
        }

        return hash;
    }
}
