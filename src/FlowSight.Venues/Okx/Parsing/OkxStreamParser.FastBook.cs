using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Okx.Book;

namespace FlowSight.Venues.Okx.Parsing;

/// <summary>
/// The fast path for order-book pushes in OKX's own layout (no whitespace, keys in OKX's order): read by position
/// instead of token by token. <see cref="System.Text.Json.Utf8JsonReader"/> costs ~6 tokens a level, and a
/// <c>books</c> frame is almost all levels.
/// </summary>
/// <remarks>
/// It accepts only a strict subset of JSON: <c>{"arg":{"channel":"books…","instId":"…"},"action":"…","data":[{"asks":[…],"bids":[…],
/// "ts":"…","checksum":n,"prevSeqId":n,"seqId":n}]}</c> (the four trailing keys optional, in any order), strings
/// of printable ASCII without escapes, levels of two or more strings. Anything else — another layout, a key it
/// does not know, a value the general path would refuse — returns false before any output is written, and the general
/// <see cref="System.Text.Json.Utf8JsonReader"/> path parses the frame as before (with its diagnostics), so results
/// never differ.
/// </remarks>
public sealed partial class OkxStreamParser
{
    // Core's fixed-point parsing keeps at most 18 significant digits; longer texts go to the general path.
    private const int MaxDecimalDigits = 18;

    /// <summary>
    /// Whether the fused path hands the sink's checksum the parts of levels set near the touch, hashed from the
    /// frame's text (<see cref="IOkxBookSink.LevelTextChecksum"/>); on by default, off only to measure without it.
    /// </summary>
    internal bool ChecksumFromText { get; set; } = true;

    private bool TryParseBookFast(ReadOnlySpan<byte> frame)
    {
        if (!frame.StartsWith("{\"arg\":{\"channel\":\"books"u8))
        {
            return false;
        }

        var position = "{\"arg\":{\"channel\":\"".Length;
        if (!ReadPlainString(frame, ref position, out var channelName))
        {
            return false;
        }

        var channel = ChannelOf(channelName);
        if (channel is not (OkxChannel.Books or OkxChannel.BooksL2Tbt or OkxChannel.Books50L2Tbt)
            || !Expect(frame, ref position, ",\"instId\":\""u8)
            || !ReadPlainString(frame, ref position, out var instId)
            || instId.IsEmpty
            || !Expect(frame, ref position, "},\"action\":\""u8)
            || !ReadPlainString(frame, ref position, out var action)
            || !Expect(frame, ref position, ",\"data\":[{\"asks\":["u8))
        {
            return false;
        }

        var snapshot = action.SequenceEqual("snapshot"u8);
        if (!snapshot && BookSink is { } sink)
        {
            switch (TryParseUpdateIntoSink(frame, position, channel, instId, sink))
            {
                case SinkParse.Taken:
                    return true;
                case SinkParse.Failed:
                    return false; // the general path reads the frame; Parse then finishes the sink's update
                default:
                    break; // not taken: parsed into Deltas below
            }
        }

        var askCount = 0;
        var bidCount = 0;
        if (!ReadLevelsFast(frame, ref position, ref _asks, ref askCount)
            || !Expect(frame, ref position, ",\"bids\":["u8)
            || !ReadLevelsFast(frame, ref position, ref _bids, ref bidCount))
        {
            return false;
        }

        if (!ReadTrailer(frame, ref position, out var eventTime, out var seqId, out var prevSeqId, out var checksum))
        {
            return false;
        }

        if (!frame[position..].SequenceEqual("}]}"u8) || !ResolveBookInstrument(instId, out var instrument))
        {
            return false;
        }

        Channel = channel;
        Instrument = instrument;
        _controlTextLength = 0;
        _askCount = askCount;
        _bidCount = bidCount;
        FillDeltas(snapshot, eventTime, seqId, prevSeqId, checksum);
        return true;
    }

    /// <summary>
    /// The fused path (<see cref="BookSink"/>) for an update at <paramref name="position"/> (just inside <c>"asks":[</c>):
    /// the trailer first, read from the frame's end (the bids' closing bracket is the last one before <c>}]}</c>; the
    /// trailer holds none), so the sink can check the sequence before any level goes into its book.
    /// </summary>
    private SinkParse TryParseUpdateIntoSink(ReadOnlySpan<byte> frame, int position, OkxChannel channel, ReadOnlySpan<byte> instId, IOkxBookSink sink)
    {
        var end = frame.Length - 3;
        if (end <= position || !frame[end..].SequenceEqual("}]}"u8))
        {
            return SinkParse.NotTaken;
        }

        var trailerStart = frame[position..end].LastIndexOf((byte)']') + position + 1;
        var at = trailerStart;
        if (trailerStart == position
            || !ReadTrailer(frame, ref at, out var eventTime, out var seqId, out var prevSeqId, out var checksum)
            || at != end
            || !ResolveBookInstrument(instId, out var instrument))
        {
            return SinkParse.NotTaken;
        }

        var header = new OkxUpdateHeader(instrument, channel, seqId, prevSeqId, checksum, eventTime);
        var book = sink.BeginUpdate(header, out var keepLevels);
        if (book is null)
        {
            return SinkParse.NotTaken;
        }

        _sinkState = SinkOpen;
        _sinkBook = book;
        _sinkHeader = header;

        // Kept levels go into Deltas as they are read (asks first, the frame's order: an update's sides are
        // independent), with the header already known from the trailer.
        var deltas = _deltas;
        deltas.Clear();
        deltas.Instrument = instrument;
        deltas.FirstUpdateId = seqId;
        deltas.LastUpdateId = seqId;
        deltas.PreviousUpdateId = prevSeqId;
        deltas.Checksum = checksum;
        deltas.EventTime = eventTime;
        deltas.ReceiveTime = _receiveTime;
        var keep = keepLevels ? deltas : null;
        var parts = ChecksumFromText ? sink.LevelTextChecksum : null;
        var valid = true;
        if (!ReadLevelsIntoBook(frame, ref position, book.GetLevelWriter(OrderSide.Sell), keep, parts, book, ref valid)
            || !Expect(frame, ref position, ",\"bids\":["u8)
            || !ReadLevelsIntoBook(frame, ref position, book.GetLevelWriter(OrderSide.Buy), keep, parts, book, ref valid)
            || position != trailerStart)
        {
            return SinkParse.Failed;
        }

        deltas.MarkLast();
        Channel = channel;
        Instrument = instrument;
        _controlTextLength = 0;
        _askCount = 0;
        _bidCount = 0;
        _sinkState = valid ? SinkDone : SinkDoneInvalid;
        return SinkParse.Taken;
    }

    /// <summary>
    /// After the frame, for an update the sink took: its end, or, when the fast reader gave up on it part-way, what
    /// the general path made of the frame. Sets are absolute, so applying the whole update again over the levels
    /// already in leaves the book as if it had been applied once; a frame the general path refuses aborts.
    /// </summary>
    private void FinishSinkUpdate(OkxMessageKind kind)
    {
        var state = _sinkState;
        var book = _sinkBook!;
        var sink = BookSink!;
        _sinkState = SinkNone;
        _sinkBook = null;
        UpdateTaken = true;
        if (state != SinkOpen)
        {
            sink.EndUpdate(_deltas, state == SinkDone);
            return;
        }

        var deltas = _deltas;
        var header = _sinkHeader;
        if (kind == OkxMessageKind.Book && !deltas.IsSnapshot && Instrument == header.Instrument && Channel == header.Channel
            && deltas.LastUpdateId == header.SeqId && deltas.PreviousUpdateId == header.PrevSeqId
            && deltas.Checksum == header.Checksum && deltas.EventTime == header.EventTime)
        {
            sink.EndUpdate(deltas, book.Apply(deltas));
            return;
        }

        sink.AbortUpdate();
    }

    private bool ResolveBookInstrument(ReadOnlySpan<byte> instId, out InstrumentId instrument)
    {
        // Consecutive frames are usually of the same instrument: compare before the registry's lookup (hash and
        // dictionary probe), while the registry has not changed since.
        var version = _registry.Version;
        if (ReferenceEquals(version, _lastInstIdVersion) && instId.SequenceEqual(_lastInstId.AsSpan(0, _lastInstIdLength)))
        {
            instrument = _lastInstrument;
            return true;
        }

        if (!_registry.Resolve(instId, out instrument))
        {
            return false;
        }

        if (instId.Length <= _lastInstId.Length)
        {
            // The version read before the lookup: a registration since then only makes the next frame look up again.
            instId.CopyTo(_lastInstId);
            _lastInstIdLength = instId.Length;
            _lastInstrument = instrument;
            _lastInstIdVersion = version;
        }

        return true;
    }

    /// <summary>The keys after the bids (<c>ts</c>, <c>checksum</c>, <c>prevSeqId</c>, <c>seqId</c>; each optional, in any order) up to <c>}]}</c>.</summary>
    private static bool ReadTrailer(ReadOnlySpan<byte> frame, ref int position, out long eventTime, out long seqId, out long prevSeqId, out int? checksum)
    {
        eventTime = 0;
        seqId = -1;
        prevSeqId = -1;
        checksum = null;
        while (position < frame.Length && frame[position] == (byte)',')
        {
            position++;
            if (Expect(frame, ref position, "\"ts\":\""u8))
            {
                if (!ReadPlainString(frame, ref position, out var ts) || !TryParseWhole(ts, out long ms))
                {
                    return false;
                }

                eventTime = ms * NanosPerMillisecond;
            }
            else if (Expect(frame, ref position, "\"checksum\":"u8))
            {
                if (!TryParseWhole(NumberAt(frame, position), out int crc))
                {
                    return false;
                }

                position += NumberAt(frame, position).Length;
                checksum = crc;
            }
            else if (Expect(frame, ref position, "\"prevSeqId\":"u8))
            {
                if (!ReadInt64(frame, ref position, out prevSeqId))
                {
                    return false;
                }
            }
            else if (Expect(frame, ref position, "\"seqId\":"u8))
            {
                if (!ReadInt64(frame, ref position, out seqId))
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <see cref="ReadLevelsFast"/> for an update the sink took: each level goes straight into the book (and into
    /// <paramref name="keep"/> when the sink keeps the levels). False when the fast reader gives up; levels before it are in.
    /// </summary>
    private bool ReadLevelsIntoBook(ReadOnlySpan<byte> frame, ref int position, L2OrderBook.LevelWriter writer, BookDeltas? keep, OkxBookChecksum? checksum, L2OrderBook book, ref bool valid)
    {
        if (position < frame.Length && frame[position] == (byte)']')
        {
            position++;
            return true;
        }

        while (true)
        {
            var vector = TryReadLevelVector(
                frame, ref position, out var priceRaw, out var priceDecimals, out var priceText, out var priceLength,
                out var sizeRaw, out var sizeDecimals, out var sizeText, out var sizeLength);
            if (!vector && !ReadLevelBytes(frame, ref position, out priceRaw, out priceDecimals, out sizeRaw, out sizeDecimals))
            {
                return false;
            }

            valid &= writer.ApplyCoarse(priceRaw, priceDecimals, sizeRaw, sizeDecimals);
            if (vector && sizeRaw != 0 && checksum is not null && checksum.IsRanked(priceRaw, priceDecimals, writer.Side))
            {
                // The texts OKX hashes are in registers now; formatting them again from the book costs more (near the touch only).
                checksum.AddLevelText(book, priceText, priceLength, priceRaw, priceDecimals, sizeText, sizeLength, sizeRaw, sizeDecimals);
            }

            if (keep is not null)
            {
                var header = _sinkHeader;
                keep.Add(new BookDelta(
                    header.Instrument,
                    sizeRaw == 0 ? BookAction.Delete : BookAction.Set,
                    writer.Side,
                    Price.FromRaw(priceRaw, priceDecimals),
                    Quantity.FromRaw(sizeRaw, sizeDecimals),
                    header.SeqId,
                    BookDeltaFlags.None,
                    header.EventTime,
                    _receiveTime));
            }

            if (position >= frame.Length)
            {
                return false;
            }

            var next = frame[position++];
            if (next == (byte)']')
            {
                return true;
            }

            if (next != (byte)',')
            {
                return false;
            }
        }
    }

    /// <summary>One level <c>["px","sz",...]</c> by the byte loop (any number of extra strings); false when it is not in that form.</summary>
    private static bool ReadLevelBytes(ReadOnlySpan<byte> frame, ref int position, out long priceRaw, out byte priceDecimals, out long sizeRaw, out byte sizeDecimals)
    {
        sizeRaw = 0;
        sizeDecimals = 0;
        priceRaw = 0;
        priceDecimals = 0;
        if (!Expect(frame, ref position, "[\""u8)
            || !ReadDecimal(frame, ref position, out priceRaw, out priceDecimals)
            || !Expect(frame, ref position, ",\""u8)
            || !ReadDecimal(frame, ref position, out sizeRaw, out sizeDecimals))
        {
            return false;
        }

        // The deprecated liquidated-orders count and the order count: strings the book does not need.
        while (Expect(frame, ref position, ",\""u8))
        {
            if (!ReadPlainString(frame, ref position, out _))
            {
                return false;
            }
        }

        return Expect(frame, ref position, "]"u8);
    }

    /// <summary>Reads <c>["px","sz",...],...]</c> up to and including the closing bracket of the side.</summary>
    private static bool ReadLevelsFast(ReadOnlySpan<byte> frame, ref int position, ref Level[] levels, ref int count)
    {
        if (position < frame.Length && frame[position] == (byte)']')
        {
            position++;
            return true;
        }

        while (true)
        {
            if (!TryReadLevelVector(frame, ref position, out var priceRaw, out var priceDecimals, out var sizeRaw, out var sizeDecimals)
                && !ReadLevelBytes(frame, ref position, out priceRaw, out priceDecimals, out sizeRaw, out sizeDecimals))
            {
                return false;
            }

            var price = Price.FromRaw(priceRaw, priceDecimals);
            var size = Quantity.FromRaw(sizeRaw, sizeDecimals);

            if (count == levels.Length)
            {
                // Grows only past the deepest book seen so far, so steady state allocates nothing.
                Array.Resize(ref levels, levels.Length * 2);
            }

            levels[count++] = new Level(price, size);
            if (position >= frame.Length)
            {
                return false;
            }

            var next = frame[position++];
            if (next == (byte)']')
            {
                return true;
            }

            if (next != (byte)',')
            {
                return false;
            }
        }
    }

    /// <summary>
    /// One level in OKX's usual form, <c>["px","sz","0","n"]</c> with plain decimals of at most 15 characters and an
    /// order count of 1–9 digits, read with 16-byte vectors: the closing quotes found by a compare and a bit scan, the
    /// digits checked by a compare and converted by multiply-adds, so no loop whose exit depends on the text's length
    /// (a mispredicted branch per string was most of the byte loop's cost). Anything else returns false with
    /// <paramref name="position"/> unchanged and the level is read by the byte loop, which gives the same values or
    /// refuses the frame; so does a level within 64 bytes of the frame's end (the loads read past the level).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadLevelVector(ReadOnlySpan<byte> frame, ref int position, out long priceRaw, out byte priceDecimals, out long sizeRaw, out byte sizeDecimals)
        => TryReadLevelVector(frame, ref position, out priceRaw, out priceDecimals, out _, out _, out sizeRaw, out sizeDecimals, out _, out _);

    /// <summary>The same, also giving each text's first 16 bytes and length (for the checksum's parts).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadLevelVector(
        ReadOnlySpan<byte> frame, ref int position, out long priceRaw, out byte priceDecimals, out Vector128<byte> priceText, out int priceLength,
        out long sizeRaw, out byte sizeDecimals, out Vector128<byte> sizeText, out int sizeLength)
    {
        priceRaw = 0;
        priceDecimals = 0;
        sizeRaw = 0;
        sizeDecimals = 0;
        priceText = default;
        sizeText = default;
        priceLength = 0;
        sizeLength = 0;
        if (!Sse41.IsSupported || position > frame.Length - 64)
        {
            return false;
        }

        ref var start = ref Unsafe.Add(ref MemoryMarshal.GetReference(frame), position);
        if (Unsafe.ReadUnaligned<ushort>(ref start) != ('[' | ('"' << 8))
            || !ReadDecimalVector(priceText = Vector128.LoadUnsafe(ref start, 2), out priceRaw, out priceDecimals, out priceLength))
        {
            return false;
        }

        // After the price's closing quote: ,"
        var at = 2 + priceLength + 1;
        if (Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref start, at)) != (',' | ('"' << 8))
            || !ReadDecimalVector(sizeText = Vector128.LoadUnsafe(ref start, (nuint)(at + 2)), out sizeRaw, out sizeDecimals, out sizeLength))
        {
            return false;
        }

        // Then ,"0","n"] with n 1–9 digits.
        at += 2 + sizeLength + 1;
        var tail = Vector128.LoadUnsafe(ref start, (nuint)at);
        const ulong Deprecated = ',' | ('"' << 8) | ('0' << 16) | ('"' << 24) | ((ulong)',' << 32) | ((ulong)'"' << 40);
        if ((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, at)) & 0xFFFF_FFFF_FFFFUL) != Deprecated)
        {
            return false;
        }

        var quotes = Vector128.Equals(tail, Vector128.Create((byte)'"')).ExtractMostSignificantBits() >> 6;
        var digits = Vector128.LessThan(tail - Vector128.Create((byte)'0'), Vector128.Create((byte)10)).ExtractMostSignificantBits() >> 6;
        var count = BitOperations.TrailingZeroCount(quotes); // the order count's length (32 when no quote)
        if (count is 0 or > 9 || (digits & ((1u << count) - 1)) != (1u << count) - 1 || Unsafe.Add(ref start, at + 6 + count + 1) != (byte)']')
        {
            return false;
        }

        position += at + 6 + count + 2;
        return true;
    }

    /// <summary>
    /// The decimal at the start of <paramref name="text"/>, up to its closing quote within the 16 bytes: the same
    /// acceptance and values as <see cref="ReadDecimal"/> for texts up to 15 characters; false for anything else.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ReadDecimalVector(Vector128<byte> text, out long raw, out byte decimals, out int length)
    {
        raw = 0;
        decimals = 0;
        var quotes = Vector128.Equals(text, Vector128.Create((byte)'"')).ExtractMostSignificantBits();
        length = BitOperations.TrailingZeroCount(quotes | 0x1_0000);
        var before = (1u << length) - 1;
        var values = text - Vector128.Create((byte)'0');
        var digits = Vector128.LessThan(values, Vector128.Create((byte)10)).ExtractMostSignificantBits() & before;
        var dots = Vector128.Equals(text, Vector128.Create((byte)'.')).ExtractMostSignificantBits() & before;

        // Digits and at most one dot, with a digit on each side of it (ReadDecimal's rules), and a closing quote.
        if (length is 0 or 16 || (digits | dots) != before || (dots & (dots - 1)) != 0 || (dots & (1u | (1u << (length - 1)))) != 0)
        {
            return false;
        }

        var dot = dots == 0 ? 16 : BitOperations.TrailingZeroCount(dots);
        var count = dots == 0 ? length : length - 1;
        var fraction = dots == 0 ? 0 : length - 1 - dot;
        if (fraction > Price.MaxPrecision)
        {
            return false;
        }

        // Right-align the digits, skipping the dot: lane j takes digit j − (16 − count), one byte further once past
        // the dot; negative indices make the shuffle write zeros.
        var index = Vector128.Create((sbyte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) - Vector128.Create((sbyte)(16 - count));
        index -= Vector128.GreaterThanOrEqual(index, Vector128.Create((sbyte)dot));
        var aligned = Ssse3.Shuffle(values, index.AsByte());

        // Pairs, quads, then two 8-digit halves.
        var pairs = Ssse3.MultiplyAddAdjacent(aligned, Vector128.Create((sbyte)10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1));
        var quads = Sse2.MultiplyAddAdjacent(pairs, Vector128.Create((short)100, 1, 100, 1, 100, 1, 100, 1));
        var packed = Sse41.PackUnsignedSaturate(quads, quads).AsInt16();
        var halves = Sse2.MultiplyAddAdjacent(packed, Vector128.Create((short)10000, 1, 10000, 1, 10000, 1, 10000, 1));
        raw = ((long)halves.GetElement(0) * 100_000_000) + halves.GetElement(1);
        decimals = (byte)fraction;
        return true;
    }

    /// <summary>
    /// A plain decimal string (<c>digits[.digits]</c>, at most 18 digits and 9 decimals) up to its closing quote, as
    /// <see cref="Price.TryParse(ReadOnlySpan{byte}, out Price, out FixedPointError)"/> reads it with the precision
    /// inferred: the digits without the dot are the raw value, the decimals the precision. Digits are accumulated
    /// while the closing quote is searched, in one pass. Anything else (a sign, an exponent, more digits) returns
    /// false, and the frame goes to the general path.
    /// </summary>
    private static bool ReadDecimal(ReadOnlySpan<byte> frame, ref int position, out long raw, out byte decimals)
    {
        ulong mantissa = 0;
        var digits = 0;
        var dot = -1;
        for (var i = position; i < frame.Length; i++)
        {
            var b = frame[i];
            var digit = (uint)(b - '0');
            if (digit <= 9)
            {
                mantissa = (mantissa * 10) + digit;
                digits++;
            }
            else if (b == (byte)'.' && dot < 0 && digits > 0)
            {
                dot = digits;
            }
            else
            {
                if (b == (byte)'"' && digits is > 0 and <= MaxDecimalDigits && (dot < 0 || (digits > dot && digits - dot <= Price.MaxPrecision)))
                {
                    raw = (long)mantissa;
                    decimals = (byte)(dot < 0 ? 0 : digits - dot);
                    position = i + 1;
                    return true;
                }

                break;
            }
        }

        raw = 0;
        decimals = 0;
        return false;
    }

    private static bool Expect(ReadOnlySpan<byte> frame, ref int position, ReadOnlySpan<byte> literal)
    {
        if (!frame[position..].StartsWith(literal))
        {
            return false;
        }

        position += literal.Length;
        return true;
    }

    /// <summary>The string whose opening quote is just before <paramref name="position"/>; false when it has an escape or is not printable ASCII.</summary>
    private static bool ReadPlainString(ReadOnlySpan<byte> frame, ref int position, out ReadOnlySpan<byte> value)
    {
        // A byte loop: these strings are 1–20 bytes, too short for a vectorised search to pay for its set-up.
        // Printable ASCII only: control characters are invalid JSON and other bytes need UTF-8 validation; both go to the general path.
        for (var i = position; i < frame.Length; i++)
        {
            var b = frame[i];
            if (b == (byte)'"')
            {
                value = frame[position..i];
                position = i + 1;
                return true;
            }

            if (b == (byte)'\\' || (uint)(b - 0x20) > 0x7E - 0x20)
            {
                break;
            }
        }

        value = default;
        return false;
    }

    /// <summary>A JSON number or a string of digits (OKX sends ids both ways).</summary>
    private static bool ReadInt64(ReadOnlySpan<byte> frame, ref int position, out long value)
    {
        if (position < frame.Length && frame[position] == (byte)'"')
        {
            position++;
            value = 0;
            return ReadPlainString(frame, ref position, out var text) && TryParseWhole(text, out value);
        }

        var number = NumberAt(frame, position);
        position += number.Length;
        return TryParseWhole(number, out value);
    }

    /// <summary>The bytes of a plain integer at <paramref name="position"/>: an optional minus and digits.</summary>
    private static ReadOnlySpan<byte> NumberAt(ReadOnlySpan<byte> frame, int position)
    {
        // A byte loop: these are ≤ 20 bytes, too short for a vectorised search to pay for its set-up.
        var end = position < frame.Length && frame[position] == (byte)'-' ? position + 1 : position;
        while (end < frame.Length && (uint)(frame[end] - '0') <= 9)
        {
            end++;
        }

        return frame[position..end];
    }

    // Plain digits only (JSON allows no leading '+', and "1e3" or "1.0" go to the general path). What
    // Utf8Parser.TryParse accepts of such texts, by one multiply-add a digit.
    private static bool TryParseWhole(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (!TryParseMagnitude(text, 19, out var magnitude, out var negative)
            || magnitude > (negative ? (ulong)long.MaxValue + 1 : long.MaxValue))
        {
            return false;
        }

        value = negative ? unchecked((long)(0 - magnitude)) : (long)magnitude;
        return true;
    }

    private static bool TryParseWhole(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        if (!TryParseMagnitude(text, 10, out var magnitude, out var negative)
            || magnitude > (negative ? (ulong)int.MaxValue + 1 : int.MaxValue))
        {
            return false;
        }

        value = negative ? unchecked((int)(0 - magnitude)) : (int)magnitude;
        return true;
    }

    /// <summary>An optional minus and 1–<paramref name="maxDigits"/> digits without a leading zero (JSON's; "0" itself is fine); <paramref name="maxDigits"/> ≤ 19 cannot overflow.</summary>
    private static bool TryParseMagnitude(ReadOnlySpan<byte> text, int maxDigits, out ulong magnitude, out bool negative)
    {
        magnitude = 0;
        negative = text.Length > 0 && text[0] == (byte)'-';
        var digits = negative ? text[1..] : text;
        if (digits.Length == 0 || digits.Length > maxDigits || (digits.Length > 1 && digits[0] == (byte)'0'))
        {
            return false;
        }

        foreach (var b in digits)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            magnitude = (magnitude * 10) + digit;
        }

        return true;
    }
}
