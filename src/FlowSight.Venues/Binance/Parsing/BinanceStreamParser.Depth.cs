using FlowSight.Core;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Venues.Binance.Parsing;

public sealed partial class BinanceStreamParser
{
    private const int HasEventTime = 1;
    private const int HasSymbol = 2;
    private const int HasFirstId = 4;
    private const int HasLastId = 8;
    private const int HasPreviousId = 16;
    private const int HasBids = 32;
    private const int HasAsks = 64;

    /// <summary>What the deltas need before levels can be written straight into the batch.</summary>
    private const int DeltaHeader = HasEventTime | HasSymbol | HasLastId;

    /// <summary>What a <see cref="IBinanceDepthSink"/> needs before levels can go straight into its book (plus <c>pu</c> on futures).</summary>
    private const int SinkHeader = HasEventTime | HasSymbol | HasFirstId | HasLastId;

    private L2OrderBook? _sinkBook; // the book of the diff being parsed into the sink, until Parse ends
    private bool _sinkKeepsLevels;
    private bool _sinkLevelsValid;

    /// <summary>
    /// Where <c>depthUpdate</c> diffs go level by level when it takes them (the fused path; see <see cref="IBinanceDepthSink"/>).
    /// Null (the default): every diff is parsed into <see cref="Deltas"/>.
    /// </summary>
    public IBinanceDepthSink? DepthSink { get; set; }

    /// <summary>
    /// True when the last <see cref="BinanceMessageKind.DepthUpdate"/> went to <see cref="DepthSink"/>, which applied it:
    /// do not pass <see cref="Deltas"/> on again (it holds the header, and the levels only if the sink kept them).
    /// </summary>
    public bool DiffTaken { get; private set; }

    /// <summary>
    /// <c>depthUpdate</c>: a diff, or on futures a partial-depth top N (the stream name tells). Levels go straight
    /// into <see cref="Deltas"/> when <c>E</c>, <c>s</c> and <c>u</c> came first (Binance's order); otherwise the
    /// batch is rewritten once the header is complete.
    /// </summary>
    private BinanceMessageKind ParseDepthUpdate(ref JsonScanner s, bool first, scoped ReadOnlySpan<byte> stream)
    {
        var partial = IsPartialDepthStream(stream);
        var flags = partial ? BookDeltaFlags.Snapshot : BookDeltaFlags.None;
        var deltas = _deltas;
        deltas.Clear();
        long eventTime = 0;
        long firstId = 0;
        long lastId = 0;
        long previousId = -1;
        var instrument = default(InstrumentId);
        var symbolKnown = true;
        var seen = 0;
        var rewrite = false;
        var sinkAsked = false;
        L2OrderBook? book = null;
        while (s.NextKey(ref first, out var key))
        {
            if (key.Length == 1)
            {
                if (book is not null && key[0] is (byte)'E' or (byte)'s' or (byte)'U' or (byte)'u')
                {
                    return Refuse(ref s, BinanceMessageKind.Malformed, "depthUpdate repeats a header field after its levels");
                }

                switch (key[0])
                {
                    case (byte)'E':
                        eventTime = s.ReadMillisecondsAsNanos("depthUpdate: E is not a time");
                        seen |= HasEventTime;
                        continue;
                    case (byte)'s':
                        symbolKnown = TryResolve(s.ReadString("depthUpdate: s is not a string"), out instrument);
                        seen |= HasSymbol;
                        continue;
                    case (byte)'U':
                        firstId = s.ReadInt64("depthUpdate: U is not an integer");
                        seen |= HasFirstId;
                        continue;
                    case (byte)'u':
                        lastId = s.ReadInt64("depthUpdate: u is not an integer");
                        seen |= HasLastId;
                        continue;
                    case (byte)'b':
                    case (byte)'a':
                        rewrite |= (seen & DeltaHeader) != DeltaHeader;
                        if (partial && (seen & (HasBids | HasAsks)) == 0)
                        {
                            deltas.Add(new BookDelta(instrument, BookAction.Clear, OrderSide.Buy, default, default, lastId, flags, eventTime, _receiveTime));
                        }

                        var side = key[0] == (byte)'b' ? OrderSide.Buy : OrderSide.Sell;
                        if (!sinkAsked && !partial && DepthSink is { } sink)
                        {
                            sinkAsked = true;
                            var header = HasEventTime | HasSymbol | HasFirstId | HasLastId | (Market.IsFutures() ? HasPreviousId : 0);
                            if ((seen & header) == header && symbolKnown)
                            {
                                book = sink.BeginDiff(new BinanceDiffHeader(instrument, firstId, lastId, previousId, eventTime, _receiveTime), out _sinkKeepsLevels);
                                _sinkBook = book;
                                _sinkLevelsValid = true;
                            }
                        }

                        if (book is null)
                        {
                            ReadLevels(ref s, deltas, side, instrument, lastId, flags, eventTime);
                        }
                        else if (side == OrderSide.Buy && !_sinkKeepsLevels && (seen & (HasBids | HasAsks)) == 0
                            && DepthSink!.TopFirstDepth is > 0 and var top
                            && TryApplyTopFirst(ref s, book, DepthSink, Math.Min(top, MaxTopFirstDepth)))
                        {
                            seen |= HasBids | HasAsks;
                            continue;
                        }
                        else
                        {
                            ReadLevelsIntoBook(ref s, book, _sinkKeepsLevels ? deltas : null, side, instrument, lastId, eventTime);
                        }

                        seen |= side == OrderSide.Buy ? HasBids : HasAsks;
                        continue;
                }
            }
            else if (key.SequenceEqual("pu"u8))
            {
                if (book is not null)
                {
                    return Refuse(ref s, BinanceMessageKind.Malformed, "depthUpdate repeats a header field after its levels");
                }

                previousId = s.ReadInt64("depthUpdate: pu is not an integer");
                seen |= HasPreviousId;
                continue;
            }

            s.SkipValue();
        }

        if (s.Failed)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        var required = HasEventTime | HasSymbol | HasFirstId | HasLastId | HasBids | HasAsks
            | (Market.IsFutures() ? HasPreviousId : 0);
        if ((seen & required) != required)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, Market.IsFutures()
                ? "depthUpdate without one of E, s, U, u, pu, b, a"
                : "depthUpdate without one of E, s, U, u, b, a");
        }

        if (!symbolKnown)
        {
            return UnknownSymbol();
        }

        if (rewrite)
        {
            RewriteHeader(deltas, instrument, lastId, eventTime);
        }

        deltas.Instrument = instrument;
        deltas.FirstUpdateId = firstId;
        deltas.LastUpdateId = lastId;
        deltas.PreviousUpdateId = previousId;
        deltas.IsSnapshot = partial;
        deltas.EventTime = eventTime;
        deltas.ReceiveTime = _receiveTime;
        deltas.MarkLast();
        Instrument = instrument;
        return partial ? BinanceMessageKind.PartialDepth : BinanceMessageKind.DepthUpdate;
    }

    /// <summary>
    /// A <c>{"lastUpdateId":..,"bids":..,"asks":..}</c> object: a REST snapshot (futures add <c>E</c>/<c>T</c>) or spot
    /// partial depth. It names no symbol: the instrument comes from the stream name, else <see cref="DefaultInstrument"/>.
    /// </summary>
    private BinanceMessageKind ParseDepthSnapshotShape(ref JsonScanner s, scoped ReadOnlySpan<byte> stream)
    {
        var kind = IsDepthStream(stream) ? BinanceMessageKind.PartialDepth : BinanceMessageKind.DepthSnapshot;
        var instrument = DefaultInstrument;
        var symbol = StreamSymbol(stream);
        if (!symbol.IsEmpty && !TryResolve(symbol, out instrument))
        {
            return SkipRest(ref s, BinanceMessageKind.UnknownSymbol, _symbolFailure == BinanceSymbolLookup.Unknown ? "symbol not registered" : "symbol cannot name an instrument");
        }

        const BookDeltaFlags flags = BookDeltaFlags.Snapshot;
        var deltas = _deltas;
        deltas.Clear();
        long eventTime = 0;
        long lastId = 0;
        var seen = 0;
        var rewrite = false;
        var first = true;
        while (s.NextKey(ref first, out var key))
        {
            if (key.SequenceEqual("lastUpdateId"u8))
            {
                lastId = s.ReadInt64("depth snapshot: lastUpdateId is not an integer");
                seen |= HasLastId;
            }
            else if (key.SequenceEqual("bids"u8) || key.SequenceEqual("asks"u8))
            {
                // E comes after lastUpdateId in futures snapshots; spot sends no E at all.
                rewrite |= (seen & HasLastId) == 0;
                if ((seen & (HasBids | HasAsks)) == 0)
                {
                    deltas.Add(new BookDelta(instrument, BookAction.Clear, OrderSide.Buy, default, default, lastId, flags, eventTime, _receiveTime));
                }

                var side = key[0] == (byte)'b' ? OrderSide.Buy : OrderSide.Sell;
                ReadLevels(ref s, deltas, side, instrument, lastId, flags, eventTime);
                seen |= side == OrderSide.Buy ? HasBids : HasAsks;
            }
            else if (key.SequenceEqual("E"u8))
            {
                eventTime = s.ReadMillisecondsAsNanos("depth snapshot: E is not a time");
                rewrite |= (seen & (HasBids | HasAsks)) != 0;
                seen |= HasEventTime;
            }
            else
            {
                s.SkipValue();
            }
        }

        if (s.Failed)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        const int required = HasLastId | HasBids | HasAsks;
        if ((seen & required) != required)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, "depth snapshot without one of lastUpdateId, bids, asks");
        }

        if (rewrite)
        {
            RewriteHeader(deltas, instrument, lastId, eventTime);
        }

        deltas.Instrument = instrument;
        deltas.FirstUpdateId = lastId;
        deltas.LastUpdateId = lastId;
        deltas.PreviousUpdateId = -1;
        deltas.IsSnapshot = true;
        deltas.EventTime = eventTime;
        deltas.ReceiveTime = _receiveTime;
        deltas.MarkLast();
        Instrument = instrument;
        return kind;
    }

    /// <summary>
    /// Reads <c>[["price","qty"],...]</c> into deltas: quantity zero deletes the level. This loop is the hot path of
    /// the whole parser (a 1.6 KB diff has about 68 levels), hence the scanner's fused decimal reads. Extra elements
    /// in a level (old spot snapshots had a third, ignored one) are skipped.
    /// </summary>
    private void ReadLevels(ref JsonScanner s, BookDeltas deltas, OrderSide side, InstrumentId instrument, long sequence, BookDeltaFlags flags, long eventTime)
    {
        if (!s.Expect((byte)'[', "levels are not an array"))
        {
            return;
        }

        var receiveTime = _receiveTime;
        if (s.Peek() == (byte)']')
        {
            s.Position++;
            return;
        }

        while (true)
        {
            long priceRaw, sizeRaw;
            byte pricePrecision, sizePrecision;
            var fast = s.TryReadLevel(out priceRaw, out pricePrecision, out sizeRaw, out sizePrecision);
            if (fast == 0 && !ReadLevelSlow(ref s, out priceRaw, out pricePrecision, out sizeRaw, out sizePrecision, out fast))
            {
                return;
            }

            deltas.Add(new BookDelta(
                instrument,
                sizeRaw == 0 ? BookAction.Delete : BookAction.Set,
                side,
                Price.FromRaw(priceRaw, pricePrecision),
                Quantity.FromRaw(sizeRaw, sizePrecision),
                sequence,
                flags,
                eventTime,
                receiveTime));
            if (fast == 2)
            {
                return;
            }
        }
    }

    /// <summary>
    /// <see cref="ReadLevels"/> for a diff an <see cref="IBinanceDepthSink"/> took: each level goes straight into
    /// <paramref name="book"/> (and into <paramref name="keep"/> when the sink asked for the levels too).
    /// </summary>
    private void ReadLevelsIntoBook(ref JsonScanner s, L2OrderBook book, BookDeltas? keep, OrderSide side, InstrumentId instrument, long sequence, long eventTime)
    {
        if (!s.Expect((byte)'[', "levels are not an array"))
        {
            return;
        }

        if (s.Peek() == (byte)']')
        {
            s.Position++;
            return;
        }

        ApplyLevelsIntoBook(ref s, book, keep, side, instrument, sequence, eventTime, -1);
    }

    /// <summary>
    /// The levels of <see cref="ReadLevelsIntoBook"/> from the scanner's position (a level's <c>[</c>) to the array's
    /// end, or to <paramref name="end"/> (the position after a level's <c>,</c>; -1: none) for a run of levels inside it.
    /// </summary>
    private void ApplyLevelsIntoBook(ref JsonScanner s, L2OrderBook book, BookDeltas? keep, OrderSide side, InstrumentId instrument, long sequence, long eventTime, int end)
    {
        var valid = true;
        var writer = book.GetLevelWriter(side);
        var bookPricePrecision = book.PricePrecision;
        var bookSizePrecision = book.SizePrecision;
        // Levels in Binance's layout at the book's precisions, or with more decimals that are zeros ("61800.30" in a book
        // of one price decimal), take the fixed-layout reader (all of them on futures);
        // whatever it leaves (another layout, the frame's last level or two) is read one level at a time below.
        var fixedLayout = keep is null && bookPricePrecision - 1u < 6 && bookSizePrecision - 1u < 6;
        while (true)
        {
            if (fixedLayout && s.ApplyFixedLevels(writer, bookPricePrecision, bookSizePrecision, ref valid) == 2)
            {
                break;
            }

            if (s.Position == end)
            {
                break;
            }

            long priceRaw, sizeRaw;
            byte pricePrecision, sizePrecision;
            var fast = s.TryReadLevel(out priceRaw, out pricePrecision, out sizeRaw, out sizePrecision);
            if (fast == 0)
            {
                if (!ReadLevelSlow(ref s, out priceRaw, out pricePrecision, out sizeRaw, out sizePrecision, out fast))
                {
                    break;
                }

                if (pricePrecision > Price.MaxPrecision || sizePrecision > Quantity.MaxPrecision)
                {
                    s.Fail("a value out of range for its type"); // what Price/Quantity would throw on the Deltas path
                    break;
                }
            }

            valid &= writer.Apply(priceRaw, pricePrecision, sizeRaw, sizePrecision);
            keep?.Add(new BookDelta(
                instrument,
                sizeRaw == 0 ? BookAction.Delete : BookAction.Set,
                side,
                Price.FromRaw(priceRaw, pricePrecision),
                Quantity.FromRaw(sizeRaw, sizePrecision),
                sequence,
                BookDeltaFlags.None,
                eventTime,
                _receiveTime));
            if (fast == 2 || s.Position == end)
            {
                break;
            }
        }

        _sinkLevelsValid &= valid;
    }

    /// <summary>
    /// Ends the sink's diff once <see cref="Parse"/> knows the whole frame was valid (<see cref="IBinanceDepthSink.EndDiff"/>) or not
    /// (<see cref="IBinanceDepthSink.AbortDiff"/>).
    /// </summary>
    private void FinishSinkDiff(BinanceMessageKind kind, ReadOnlySpan<byte> frame, long receiveTime)
    {
        var sink = DepthSink!;
        _sinkBook = null;
        if (kind != BinanceMessageKind.DepthUpdate)
        {
            sink.AbortDiff();
            return;
        }

        if (!sink.EndDiff(_deltas, _sinkLevelsValid))
        {
            DiffTaken = true;
            return;
        }

        // The sink failed the diff after applying it and keeps such diffs for its next snapshot: parse the levels
        // this once (a rare path: a crossed book or a refused level).
        if (!_sinkKeepsLevels)
        {
            DepthSink = null;
            try
            {
                Parse(frame, receiveTime);
            }
            finally
            {
                DepthSink = sink;
            }
        }

        sink.Retain(_deltas);
        DiffTaken = true;
    }

    /// <summary>
    /// One level in any JSON layout (whitespace, bare numbers, extra elements), then the ',' or ']' after it:
    /// <paramref name="next"/> is 1 when another level follows, 2 when the array closed.
    /// </summary>
    private static bool ReadLevelSlow(ref JsonScanner s, out long priceRaw, out byte pricePrecision, out long sizeRaw, out byte sizePrecision, out int next)
    {
        sizeRaw = 0;
        sizePrecision = 0;
        next = 0;
        priceRaw = 0;
        pricePrecision = 0;
        if (!s.Expect((byte)'[', "a level is not an array"))
        {
            return false;
        }

        if (!s.ReadDecimal(out priceRaw, out pricePrecision))
        {
            return s.Fail("a level's price is not a decimal");
        }

        if (!s.Expect((byte)',', "a level has no quantity"))
        {
            return false;
        }

        if (!s.ReadDecimal(out sizeRaw, out sizePrecision) || sizeRaw < 0)
        {
            return s.Fail("a level's quantity is not a non-negative decimal");
        }

        var c = s.Peek();
        if (c == (byte)']')
        {
            s.Position++;
        }
        else if (c != (byte)',' || !SkipLevelExtras(ref s))
        {
            return s.Fail("a level is not closed");
        }

        c = s.Peek();
        if (c == (byte)',')
        {
            s.Position++;
            next = 1;
            return true;
        }

        if (c == (byte)']')
        {
            s.Position++;
            next = 2;
            return true;
        }

        return s.Fail("expected ',' or ']' in an array");
    }

    /// <summary>Skips a level's elements after the quantity (the scanner stands on the ',') up to and including its ']'.</summary>
    private static bool SkipLevelExtras(ref JsonScanner s)
    {
        while (s.Peek() == (byte)',')
        {
            s.Position++;
            s.SkipValue();
        }

        return s.Expect((byte)']', "a level is not closed");
    }

    /// <summary>Rewrites the deltas' header fields after levels were read before <c>s</c>/<c>u</c>/<c>E</c>.</summary>
    private static void RewriteHeader(BookDeltas deltas, InstrumentId instrument, long sequence, long eventTime)
    {
        // Clear keeps the buffer, and Add writes slot i only after slot i was read: rewriting in place is safe.
        var existing = deltas.Deltas;
        var count = existing.Length;
        deltas.Clear();
        for (var i = 0; i < count; i++)
        {
            var delta = existing[i];
            deltas.Add(delta with { Instrument = instrument, Sequence = sequence, EventTime = eventTime });
        }
    }
}
