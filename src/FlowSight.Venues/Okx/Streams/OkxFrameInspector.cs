using System.Buffers.Text;
using System.Text.Json;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.Okx.Streams;

/// <summary>
/// Light looks into OKX frames for the connection layer: is it a control reply (and what it says), and the
/// de-duplication key of a push. The full parsing into events is <c>Okx/Parsing</c>'s job.
/// </summary>
internal static class OkxFrameInspector
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>The first bytes of every push.</summary>
    public static ReadOnlySpan<byte> PushPrefix => "{\"arg\":"u8;

    /// <summary>True for a push (data): OKX writes <c>arg</c> first in pushes and <c>event</c> (or <c>id</c>) first in replies.</summary>
    public static bool IsPush(ReadOnlySpan<byte> frame)
    {
        if (frame.StartsWith(PushPrefix))
        {
            return true;
        }

        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return !frame.SequenceEqual("pong"u8); // not JSON: the parser counts it as malformed
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event"u8))
            {
                return false;
            }

            if (reader.ValueTextEquals("data"u8) || reader.ValueTextEquals("arg"u8))
            {
                return true;
            }

            reader.Read();
            reader.Skip();
        }

        return true;
    }

    /// <summary>Reads a control reply. Throws <see cref="JsonException"/> when malformed.</summary>
    public static OkxControlReply ReadReply(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame);
        string? name = null;
        long? id = null;
        string? channel = null;
        string? instId = null;
        int? code = null;
        string? message = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                name = reader.GetString();
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                code = reader.TokenType switch
                {
                    JsonTokenType.String when int.TryParse(reader.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var c) => c,
                    JsonTokenType.Number when reader.TryGetInt32(out var n) => n,
                    _ => null,
                };
            }
            else if (reader.ValueTextEquals("msg"u8))
            {
                reader.Read();
                message = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("arg"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("channel"u8))
                    {
                        reader.Read();
                        channel = reader.GetString();
                    }
                    else if (reader.ValueTextEquals("instId"u8))
                    {
                        reader.Read();
                        instId = reader.GetString();
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
                reader.Read();
                reader.Skip();
            }
        }

        var topic = channel is { Length: > 0 } ? (instId is { Length: > 0 } ? channel + OkxTopics.Separator + instId : channel) : null;
        return new OkxControlReply(name ?? string.Empty, id, topic, code is 0 ? null : code, string.IsNullOrEmpty(message) ? null : message);
    }

    /// <summary>
    /// The de-duplication key of a push: the stream is the hash of <c>channel:instId</c>; the sequence is the first
    /// data element's <c>seqId</c> (book channels) or <c>tradeId</c> (trades). Other channels have no key.
    /// </summary>
    public static bool TryGetSequenceKey(ReadOnlySpan<byte> frame, out StreamSequenceKey key)
    {
        key = default;
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var stream = FnvOffset;
        var haveArg = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("arg"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isChannel = reader.ValueTextEquals("channel"u8);
                    var isInst = !isChannel && reader.ValueTextEquals("instId"u8);
                    reader.Read();
                    if ((isChannel || isInst) && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
                    {
                        stream = Hash(stream, reader.ValueSpan);
                        stream = Hash(stream, ":"u8);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                haveArg = true;
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (!haveArg || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isSeq = reader.ValueTextEquals("seqId"u8);
                    var isTrade = !isSeq && reader.ValueTextEquals("tradeId"u8);
                    reader.Read();
                    if ((isSeq || isTrade) && TryReadLong(ref reader, out var sequence))
                    {
                        key = new StreamSequenceKey((long)stream, sequence);
                        return true;
                    }

                    reader.Skip();
                }

                return false;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return false;
    }

    private static bool TryReadLong(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt64(out value),
            JsonTokenType.String => !reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out value, out var used) && used == reader.ValueSpan.Length,
            _ => false,
        };
    }

    private static ulong Hash(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        return hash;
    }
}
