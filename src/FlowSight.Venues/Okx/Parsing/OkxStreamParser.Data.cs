using System.Text.Json;
using FlowSight.Core;

namespace FlowSight.Venues.Okx.Parsing;

/// <summary>The channel payloads: books, trades, tickers.</summary>
public sealed partial class OkxStreamParser
{
    private const long NanosPerMillisecond = 1_000_000;

    /// <summary>
    /// Reads <c>data:[{"asks":[[px,sz,liq,n],...],"bids":[...],"ts","checksum","seqId","prevSeqId"}]</c>. A size of
    /// <c>"0"</c> deletes the level.
    /// </summary>
    private OkxMessageKind ParseBook(ref Utf8JsonReader reader, bool snapshot)
    {
        _askCount = 0;
        _bidCount = 0;
        long eventTime = 0;
        long seqId = -1;
        long prevSeqId = -1;
        int? checksum = null;
        var objects = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (++objects > 1)
            {
                return Refuse(OkxMessageKind.Malformed, "book: more than one object in data");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("asks"u8))
                {
                    if (!ReadLevels(ref reader, ref _asks, ref _askCount))
                    {
                        return Refuse(OkxMessageKind.Malformed, "book: asks are not [price, size, ...] strings");
                    }
                }
                else if (reader.ValueTextEquals("bids"u8))
                {
                    if (!ReadLevels(ref reader, ref _bids, ref _bidCount))
                    {
                        return Refuse(OkxMessageKind.Malformed, "book: bids are not [price, size, ...] strings");
                    }
                }
                else if (reader.ValueTextEquals("ts"u8))
                {
                    if (!TryReadInt64String(ref reader, out var ms))
                    {
                        return Refuse(OkxMessageKind.Malformed, "book: ts is not a time");
                    }

                    eventTime = ms * NanosPerMillisecond;
                }
                else if (reader.ValueTextEquals("checksum"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var crc))
                    {
                        return Refuse(OkxMessageKind.Malformed, "book: checksum is not a 32-bit integer");
                    }

                    checksum = crc;
                }
                else if (reader.ValueTextEquals("seqId"u8))
                {
                    if (!TryReadInt64String(ref reader, out seqId))
                    {
                        return Refuse(OkxMessageKind.Malformed, "book: seqId is not an integer");
                    }
                }
                else if (reader.ValueTextEquals("prevSeqId"u8))
                {
                    if (!TryReadInt64String(ref reader, out prevSeqId))
                    {
                        return Refuse(OkxMessageKind.Malformed, "book: prevSeqId is not an integer");
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        if (objects == 0 || reader.TokenType != JsonTokenType.EndArray)
        {
            return Refuse(OkxMessageKind.Malformed, "book: data is not one object");
        }

        FillDeltas(snapshot, eventTime, seqId, prevSeqId, checksum);
        return OkxMessageKind.Book;
    }

    private void FillDeltas(bool snapshot, long eventTime, long seqId, long prevSeqId, int? checksum)
    {
        var deltas = _deltas;
        var instrument = Instrument;
        deltas.Clear();
        deltas.Instrument = instrument;
        deltas.IsSnapshot = snapshot;
        deltas.FirstUpdateId = seqId;
        deltas.LastUpdateId = seqId;
        deltas.PreviousUpdateId = prevSeqId;
        deltas.Checksum = checksum;
        deltas.EventTime = eventTime;
        deltas.ReceiveTime = _receiveTime;
        var flags = snapshot ? BookDeltaFlags.Snapshot : BookDeltaFlags.None;
        if (snapshot)
        {
            deltas.Add(new BookDelta(instrument, BookAction.Clear, OrderSide.Buy, default, default, seqId, flags, eventTime, _receiveTime));
        }

        // Bids then asks, each in the venue's order (best first), as a snapshot load expects.
        AddSide(deltas, _bids.AsSpan(0, _bidCount), OrderSide.Buy, instrument, seqId, flags, eventTime);
        AddSide(deltas, _asks.AsSpan(0, _askCount), OrderSide.Sell, instrument, seqId, flags, eventTime);
        deltas.MarkLast();
    }

    private void AddSide(BookDeltas deltas, ReadOnlySpan<Level> levels, OrderSide side, InstrumentId instrument, long seqId, BookDeltaFlags flags, long eventTime)
    {
        foreach (var level in levels)
        {
            var action = level.Size.Raw == 0 ? BookAction.Delete : BookAction.Set;
            deltas.Add(new BookDelta(instrument, action, side, level.Price, level.Size, seqId, flags, eventTime, _receiveTime));
        }
    }

    private static bool ReadLevels(ref Utf8JsonReader reader, ref Level[] levels, ref int count)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.String || !Price.TryParse(reader.ValueSpan, out var price, out _))
            {
                return false;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.String || !Quantity.TryParse(reader.ValueSpan, out var size, out _))
            {
                return false;
            }

            // The deprecated liquidated-orders count and the order count follow; the book needs neither.
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.Skip();
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

    /// <summary>Reads <c>data:[{"instId","tradeId","px","sz","side","ts"},...]</c>.</summary>
    private OkxMessageKind ParseTrades(ref Utf8JsonReader reader)
    {
        _tradeCount = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            Price price = default;
            Quantity size = default;
            var aggressor = AggressorSide.None;
            long tradeId = 0;
            long eventTime = 0;
            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("px"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || !Price.TryParse(reader.ValueSpan, out price, out _))
                    {
                        return Refuse(OkxMessageKind.Malformed, "trades: px is not a price");
                    }

                    seen |= 1;
                }
                else if (reader.ValueTextEquals("sz"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || !Quantity.TryParse(reader.ValueSpan, out size, out _))
                    {
                        return Refuse(OkxMessageKind.Malformed, "trades: sz is not a quantity");
                    }

                    seen |= 2;
                }
                else if (reader.ValueTextEquals("side"u8))
                {
                    reader.Read();
                    // side is the taker's: a "buy" lifted an ask.
                    aggressor = reader.ValueTextEquals("buy"u8) ? AggressorSide.Buyer
                        : reader.ValueTextEquals("sell"u8) ? AggressorSide.Seller
                        : AggressorSide.None;
                }
                else if (reader.ValueTextEquals("tradeId"u8))
                {
                    if (!TryReadInt64String(ref reader, out tradeId))
                    {
                        return Refuse(OkxMessageKind.Malformed, "trades: tradeId is not an integer");
                    }
                }
                else if (reader.ValueTextEquals("ts"u8))
                {
                    if (!TryReadInt64String(ref reader, out var ms))
                    {
                        return Refuse(OkxMessageKind.Malformed, "trades: ts is not a time");
                    }

                    eventTime = ms * NanosPerMillisecond;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (seen != 3)
            {
                return Refuse(OkxMessageKind.Malformed, "trades: px or sz missing");
            }

            if (_tradeCount == _trades.Length)
            {
                Array.Resize(ref _trades, _trades.Length * 2);
            }

            _trades[_tradeCount++] = new TradeTick(Instrument, price, size, aggressor, tradeId, eventTime, _receiveTime);
        }

        return reader.TokenType == JsonTokenType.EndArray && _tradeCount > 0
            ? OkxMessageKind.Trades
            : Refuse(OkxMessageKind.Malformed, "trades: data is not a list of trades");
    }

    /// <summary>Reads <c>data:[{"last","lastSz","askPx","askSz","bidPx","bidSz","ts",...}]</c>; an empty price (no level) reads as zero.</summary>
    private OkxMessageKind ParseTicker(ref Utf8JsonReader reader)
    {
        Price bidPx = default, askPx = default, last = default;
        Quantity bidSz = default, askSz = default, lastSz = default;
        long eventTime = 0;
        var objects = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            objects++;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var ok = true;
                if (reader.ValueTextEquals("bidPx"u8))
                {
                    ok = ReadPrice(ref reader, out bidPx);
                }
                else if (reader.ValueTextEquals("askPx"u8))
                {
                    ok = ReadPrice(ref reader, out askPx);
                }
                else if (reader.ValueTextEquals("last"u8))
                {
                    ok = ReadPrice(ref reader, out last);
                }
                else if (reader.ValueTextEquals("bidSz"u8))
                {
                    ok = ReadQuantity(ref reader, out bidSz);
                }
                else if (reader.ValueTextEquals("askSz"u8))
                {
                    ok = ReadQuantity(ref reader, out askSz);
                }
                else if (reader.ValueTextEquals("lastSz"u8))
                {
                    ok = ReadQuantity(ref reader, out lastSz);
                }
                else if (reader.ValueTextEquals("ts"u8))
                {
                    ok = TryReadInt64String(ref reader, out var ms);
                    eventTime = ms * NanosPerMillisecond;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }

                if (!ok)
                {
                    return Refuse(OkxMessageKind.Malformed, "tickers: a price, size or ts is not a number");
                }
            }
        }

        if (objects != 1 || reader.TokenType != JsonTokenType.EndArray)
        {
            return Refuse(OkxMessageKind.Malformed, "tickers: data is not one object");
        }

        _quote = new QuoteTick(Instrument, bidPx, bidSz, askPx, askSz, -1, eventTime, _receiveTime);
        LastPrice = last;
        LastSize = lastSz;
        return OkxMessageKind.Ticker;
    }

    private static bool ReadPrice(ref Utf8JsonReader reader, out Price value)
    {
        value = default;
        reader.Read();
        return reader.TokenType == JsonTokenType.String && (reader.ValueSpan.IsEmpty || Price.TryParse(reader.ValueSpan, out value, out _));
    }

    private static bool ReadQuantity(ref Utf8JsonReader reader, out Quantity value)
    {
        value = default;
        reader.Read();
        return reader.TokenType == JsonTokenType.String && (reader.ValueSpan.IsEmpty || Quantity.TryParse(reader.ValueSpan, out value, out _));
    }
}
