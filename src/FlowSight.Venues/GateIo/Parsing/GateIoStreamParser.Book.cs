using System.Buffers.Text;
using System.Text.Json;
using FlowSight.Core;

namespace FlowSight.Venues.GateIo.Parsing;

/// <summary>Book messages: <c>order_book_update</c>, <c>order_book</c> and the REST <c>order_book?with_id=true</c> body.</summary>
public sealed partial class GateIoStreamParser
{
    /// <summary>
    /// Parses a REST order book fetched with <c>with_id=true</c> (spot <c>/spot/order_book</c>: levels <c>[price, amount]</c>;
    /// futures <c>/futures/usdt/order_book</c>: levels <c>{"p","s"}</c> in contracts) into <see cref="Deltas"/> as a
    /// snapshot whose <see cref="BookDeltas.LastUpdateId"/> is the body's <c>id</c>. Never throws on bad input.
    /// </summary>
    /// <param name="body">The response body.</param>
    /// <param name="instrument">The book's instrument (the body names none).</param>
    /// <param name="receiveTime">When the body was received, Unix nanoseconds.</param>
    /// <returns><see cref="GateIoMessageKind.BookSnapshot"/>, or <see cref="GateIoMessageKind.Malformed"/> (also without an <c>id</c>).</returns>
    public GateIoMessageKind ParseRestSnapshot(ReadOnlySpan<byte> body, InstrumentId instrument, long receiveTime)
    {
        _receiveTime = receiveTime;
        _reason = null;
        GateIoMessageKind kind;
        try
        {
            kind = ParseRestBody(body, instrument);
        }
        catch (JsonException)
        {
            kind = Refuse(GateIoMessageKind.Malformed, "invalid JSON");
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException or FormatException or InvalidOperationException)
        {
            kind = Refuse(GateIoMessageKind.Malformed, "a value out of range for its type");
        }

        Record(kind, body, -1);
        LastKind = kind;
        return kind;
    }

    private GateIoMessageKind ParseRestBody(ReadOnlySpan<byte> body, InstrumentId instrument)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Refuse(GateIoMessageKind.Malformed, "order book: not a JSON object");
        }

        _askCount = 0;
        _bidCount = 0;
        long id = -1;
        long eventTime = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                if (!TryReadInt64(ref reader, out id))
                {
                    return Refuse(GateIoMessageKind.Malformed, "order book: id is not an integer");
                }
            }
            else if (reader.ValueTextEquals("asks"u8))
            {
                if (!ReadLevels(ref reader, ref _asks, ref _askCount))
                {
                    return Refuse(GateIoMessageKind.Malformed, "order book: asks are not price/size levels");
                }
            }
            else if (reader.ValueTextEquals("bids"u8))
            {
                if (!ReadLevels(ref reader, ref _bids, ref _bidCount))
                {
                    return Refuse(GateIoMessageKind.Malformed, "order book: bids are not price/size levels");
                }
            }
            else if (reader.ValueTextEquals("update"u8))
            {
                reader.Read();
                if (!TryParseGateTime(reader.ValueSpan, out eventTime))
                {
                    return Refuse(GateIoMessageKind.Malformed, "order book: update is not a time");
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return Refuse(GateIoMessageKind.Malformed, "order book: not a JSON object");
        }

        if (id < 0)
        {
            return Refuse(GateIoMessageKind.Malformed, "order book: no id (fetch it with with_id=true)");
        }

        Instrument = instrument;
        FillDeltas(snapshot: true, id, id, eventTime);
        return GateIoMessageKind.BookSnapshot;
    }

    /// <summary>
    /// Reads an <c>order_book_update</c> result (<c>{"t","s","U","u","b","a"}</c>) or an <c>order_book</c> snapshot
    /// (spot <c>{"t","lastUpdateId","s","bids","asks"}</c>, futures <c>{"t","contract","id","asks","bids"}</c>).
    /// </summary>
    private GateIoMessageKind ParseBook(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, bool snapshot)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Refuse(GateIoMessageKind.Malformed, "book: result is not an object");
        }

        _askCount = 0;
        _bidCount = 0;
        long first = -1;
        long last = -1;
        long eventTime = 0;
        int nameStart = 0, nameLength = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = true;
            if (reader.ValueTextEquals("a"u8) || reader.ValueTextEquals("asks"u8))
            {
                ok = ReadLevels(ref reader, ref _asks, ref _askCount);
            }
            else if (reader.ValueTextEquals("b"u8) || reader.ValueTextEquals("bids"u8))
            {
                ok = ReadLevels(ref reader, ref _bids, ref _bidCount);
            }
            else if (reader.ValueTextEquals("U"u8))
            {
                ok = TryReadInt64(ref reader, out first);
            }
            else if (reader.ValueTextEquals("u"u8) || reader.ValueTextEquals("lastUpdateId"u8) || reader.ValueTextEquals("id"u8))
            {
                ok = TryReadInt64(ref reader, out last);
            }
            else if (reader.ValueTextEquals("s"u8) || reader.ValueTextEquals("contract"u8))
            {
                ok = ReadNameOffsets(ref reader, out nameStart, out nameLength);
            }
            else if (reader.ValueTextEquals("t"u8))
            {
                ok = TryReadInt64(ref reader, out var ms);
                eventTime = ms * NanosPerMillisecond;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }

            if (!ok)
            {
                return Refuse(GateIoMessageKind.Malformed, "book: a level, id, name or time is not valid");
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return Refuse(GateIoMessageKind.Malformed, "book: result is not an object");
        }

        if (!ResolveInstrument(frame, nameStart, nameLength))
        {
            return Refuse(GateIoMessageKind.Malformed, "book: s is missing or not a valid Gate.io name");
        }

        if (last < 0 || (!snapshot && first < 0))
        {
            return Refuse(GateIoMessageKind.Malformed, snapshot ? "book: the snapshot has no update id" : "book: U or u is missing");
        }

        FillDeltas(snapshot, snapshot ? last : first, last, eventTime);
        return snapshot ? GateIoMessageKind.BookSnapshot : GateIoMessageKind.BookUpdate;
    }

    private void FillDeltas(bool snapshot, long firstUpdateId, long lastUpdateId, long eventTime)
    {
        var deltas = _deltas;
        var instrument = Instrument;
        deltas.Clear();
        deltas.Instrument = instrument;
        deltas.IsSnapshot = snapshot;
        deltas.FirstUpdateId = firstUpdateId;
        deltas.LastUpdateId = lastUpdateId;
        deltas.PreviousUpdateId = -1;
        deltas.Checksum = null;
        deltas.EventTime = eventTime;
        deltas.ReceiveTime = _receiveTime;
        var flags = snapshot ? BookDeltaFlags.Snapshot : BookDeltaFlags.None;
        if (snapshot)
        {
            deltas.Add(new BookDelta(instrument, BookAction.Clear, OrderSide.Buy, default, default, lastUpdateId, flags, eventTime, _receiveTime));
        }

        // Bids then asks, each in the venue's order (best first), as a snapshot load expects.
        AddSide(deltas, _bids.AsSpan(0, _bidCount), OrderSide.Buy, instrument, lastUpdateId, flags, eventTime);
        AddSide(deltas, _asks.AsSpan(0, _askCount), OrderSide.Sell, instrument, lastUpdateId, flags, eventTime);
        deltas.MarkLast();
    }

    private void AddSide(BookDeltas deltas, ReadOnlySpan<Level> levels, OrderSide side, InstrumentId instrument, long updateId, BookDeltaFlags flags, long eventTime)
    {
        foreach (var level in levels)
        {
            // Sizes are absolute; zero removes the price.
            var action = level.Size.Raw == 0 ? BookAction.Delete : BookAction.Set;
            deltas.Add(new BookDelta(instrument, action, side, level.Price, level.Size, updateId, flags, eventTime, _receiveTime));
        }
    }

    /// <summary>Reads a list of levels, each <c>["price","amount"]</c> (spot) or <c>{"p":"price","s":contracts}</c> (futures).</summary>
    private bool ReadLevels(ref Utf8JsonReader reader, ref Level[] levels, ref int count)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read())
        {
            Price price;
            Quantity size;
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                if (!ReadPrice(ref reader, out price) || !ReadQuantity(ref reader, out size))
                {
                    return false;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    reader.Skip();
                }
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                price = default;
                size = default;
                var seen = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("p"u8))
                    {
                        if (!ReadPrice(ref reader, out price))
                        {
                            return false;
                        }

                        seen |= 1;
                    }
                    else if (reader.ValueTextEquals("s"u8))
                    {
                        if (!ReadQuantity(ref reader, out size))
                        {
                            return false;
                        }

                        seen |= 2;
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }

                if (seen != 3)
                {
                    return false;
                }
            }
            else
            {
                break;
            }

            if (price.Raw <= 0 || size.Raw < 0)
            {
                return false;
            }

            if (count == levels.Length)
            {
                // Grows only past the deepest book seen so far, so steady state allocates nothing.
                Array.Resize(ref levels, levels.Length * 2);
            }

            levels[count++] = new Level(price, size);
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>
    /// Reads a Gate time: seconds with a fraction (<c>1684930166.35</c>, futures REST), milliseconds
    /// (<c>1684930166350</c>, spot REST) or seconds, told apart by magnitude.
    /// </summary>
    private static bool TryParseGateTime(ReadOnlySpan<byte> text, out long nanos)
    {
        nanos = 0;
        var dot = text.IndexOf((byte)'.');
        var whole = dot < 0 ? text : text[..dot];
        if (!Utf8Parser.TryParse(whole, out long value, out var consumed) || consumed != whole.Length || value < 0)
        {
            return false;
        }

        if (dot < 0)
        {
            nanos = value >= 100_000_000_000 ? value * NanosPerMillisecond : value * NanosPerSecond;
            return true;
        }

        long fraction = 0;
        long scale = NanosPerSecond;
        foreach (var c in text[(dot + 1)..])
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            if (scale > 1)
            {
                scale /= 10;
                fraction += (c - '0') * scale;
            }
        }

        nanos = (value * NanosPerSecond) + fraction;
        return true;
    }
}
