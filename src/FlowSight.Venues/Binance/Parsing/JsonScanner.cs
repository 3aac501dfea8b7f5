using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Venues.Binance.Parsing;

/// <summary>
/// A forward-only scanner over one UTF-8 JSON document, specialised for Binance's flat payloads: short keys, numbers
/// as strings or bare, nesting at most a few levels. It reads values where they stand (no token stream, no copies)
/// and fuses "find the end of the string" with "parse the decimal", which is what makes a 68-level depth frame cheap.
/// </summary>
/// <remarks>
/// The error is sticky: the first failure records a reason and moves the position to the end, so every later read
/// fails too and a parse loop ends without checking each call. Callers test <see cref="Failed"/> once at the end.
/// Whitespace is allowed wherever JSON allows it. Strings with escapes are skipped correctly but never match a key
/// or a value the parser looks for (Binance sends none in market data).
/// </remarks>
internal ref struct JsonScanner
{
    private const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public JsonScanner(ReadOnlySpan<byte> buffer, int position = 0)
    {
        _buffer = buffer;
        _position = position;
        Error = null;
    }

    /// <summary>Why scanning failed, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Where the first failure happened (for the sample's caret), or -1.</summary>
    public int ErrorPosition { get; private set; }

    public readonly bool Failed => Error is not null;

    public int Position
    {
        readonly get => _position;
        set => _position = value;
    }

    public readonly ReadOnlySpan<byte> Buffer => _buffer;

    /// <summary>Records the first failure and stops the scan.</summary>
    public bool Fail(string reason)
    {
        if (Error is null)
        {
            Error = reason;
            ErrorPosition = _position;
        }

        _position = _buffer.Length;
        return false;
    }

    /// <summary>The next non-whitespace byte without consuming it, or 0 at the end.</summary>
    public byte Peek()
    {
        SkipWhitespace();
        return (uint)_position < (uint)_buffer.Length ? _buffer[_position] : (byte)0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SkipWhitespace()
    {
        while ((uint)_position < (uint)_buffer.Length && _buffer[_position] <= (byte)' ')
        {
            var c = _buffer[_position];
            if (c is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                Fail("control character outside a string");
                return;
            }

            _position++;
        }
    }

    /// <summary>Consumes <paramref name="expected"/> after optional whitespace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Expect(byte expected, string reason)
    {
        if ((uint)_position < (uint)_buffer.Length && _buffer[_position] == expected)
        {
            _position++;
            return true;
        }

        SkipWhitespace();
        if ((uint)_position < (uint)_buffer.Length && _buffer[_position] == expected)
        {
            _position++;
            return true;
        }

        return Fail(reason);
    }

    /// <summary>True when only whitespace is left.</summary>
    public bool AtEnd()
    {
        SkipWhitespace();
        return _position >= _buffer.Length;
    }

    /// <summary>
    /// Moves to the next member of the current object and reads its key. Call after the '{' with
    /// <paramref name="first"/> = true; returns false at the closing '}' (consumed) or on failure.
    /// </summary>
    public bool NextKey(scoped ref bool first, out ReadOnlySpan<byte> key)
    {
        // Fast path for Binance's compact layout: ,"k": (or "k": first) with a one-byte key, matched as one word so
        // the next value's position is known a few cycles after this one ended.
        var buffer = _buffer;
        var i = _position;
        if ((uint)i > (uint)(buffer.Length - 8))
        {
            return NextKeyMultiByte(ref first, out key); // the end of the frame: no whole word to read
        }

        if (buffer[i] == (byte)'}')
        {
            key = default;
            _position = i + 1;
            return false;
        }

        var word = Utf8Swar.Load(buffer, i);
        if (first)
        {
            word = (word << 8) | ',';
            i--;
        }

        if ((word & 0xFF_FF00_FFFFUL) == OneByteKey && (uint)(i + 5) <= (uint)buffer.Length
            && (byte)(word >> 16) is not ((byte)'"' or (byte)'\\'))
        {
            key = buffer.Slice(i + 2, 1);
            _position = i + 5;
            first = false;
            return true;
        }

        return NextKeyMultiByte(ref first, out key);
    }

    /// <summary><c>,"?":</c> as a little-endian word, the key byte masked out.</summary>
    private const ulong OneByteKey = ((ulong)':' << 32) | ((ulong)'"' << 24) | ((ulong)'"' << 8) | ',';

    private bool NextKeyMultiByte(scoped ref bool first, out ReadOnlySpan<byte> key)
    {
        // Longer keys ("pu", "stream", "lastUpdateId") in the compact layout: [,]"key":, up to 7 bytes and no escapes.
        var buffer = _buffer;
        var i = _position;
        if ((uint)i < (uint)buffer.Length)
        {
            var c = buffer[i];
            if (c == (byte)',' && !first)
            {
                c = (uint)++i < (uint)buffer.Length ? buffer[i] : (byte)0;
            }
            else if (!first)
            {
                c = 0; // '}', whitespace or an error: the general path below
            }

            if (c == (byte)'"')
            {
                var chunk = Utf8Swar.Load(buffer, i + 1);
                var length = Utf8Swar.QuoteOrBackslash(chunk);
                var colon = i + length + 2;
                if (length < 8 && (uint)colon < (uint)buffer.Length && buffer[i + 1 + length] == (byte)'"' && buffer[colon] == (byte)':')
                {
                    key = buffer.Slice(i + 1, length);
                    _position = colon + 1;
                    first = false;
                    return true;
                }
            }
        }

        return NextKeySlow(ref first, out key);
    }

    private bool NextKeySlow(scoped ref bool first, out ReadOnlySpan<byte> key)
    {
        key = default;
        SkipWhitespace();
        if ((uint)_position >= (uint)_buffer.Length)
        {
            return Fail("truncated: object not closed");
        }

        var c = _buffer[_position];
        if (c == (byte)'}')
        {
            _position++;
            return false;
        }

        if (!first)
        {
            if (c != (byte)',')
            {
                return Fail("expected ',' or '}' in an object");
            }

            _position++;
            SkipWhitespace();
        }

        first = false;
        if (!ReadStringRaw(out key, out var escaped))
        {
            return Fail("expected a quoted key");
        }

        if (escaped)
        {
            key = default; // an escaped key never equals one we look for; its value is skipped
        }

        return Expect((byte)':', "expected ':' after a key");
    }

    /// <summary>Like <see cref="NextKey"/> for arrays: moves to the next element; false at the closing ']' (consumed).</summary>
    public bool NextElement(scoped ref bool first)
    {
        SkipWhitespace();
        if ((uint)_position >= (uint)_buffer.Length)
        {
            return Fail("truncated: array not closed");
        }

        var c = _buffer[_position];
        if (c == (byte)']')
        {
            _position++;
            return false;
        }

        if (!first)
        {
            if (c != (byte)',')
            {
                return Fail("expected ',' or ']' in an array");
            }

            _position++;
        }

        first = false;
        return true;
    }

    /// <summary>Reads a string's content (between the quotes, escapes left as they are).</summary>
    public bool ReadStringRaw(out ReadOnlySpan<byte> value, out bool escaped)
    {
        value = default;
        escaped = false;
        var buffer = _buffer;
        var i = _position;
        if ((uint)i < (uint)buffer.Length && buffer[i] <= (byte)' ')
        {
            SkipWhitespace();
            i = _position;
        }

        if ((uint)i >= (uint)buffer.Length || buffer[i] != (byte)'"')
        {
            return false;
        }

        var start = ++i;
        // Eight bytes at a time: Binance's keys and short values end within the first chunk or two.
        while (true)
        {
            var at = Utf8Swar.QuoteOrBackslash(Utf8Swar.Load(buffer, i));
            i += at;
            if (at < 8)
            {
                break;
            }

            if (i >= buffer.Length)
            {
                return Fail("truncated: string not closed");
            }
        }

        if ((uint)i >= (uint)buffer.Length)
        {
            return Fail("truncated: string not closed");
        }

        if (buffer[i] == (byte)'\\')
        {
            escaped = true;
            var end = FindEscapedStringEnd(buffer[start..], i - start);
            if (end < 0)
            {
                return Fail("truncated: string not closed");
            }

            i = start + end;
        }

        value = buffer[start..i];
        _position = i + 1;
        return true;
    }

    private static int FindEscapedStringEnd(ReadOnlySpan<byte> rest, int index)
    {
        while (index < rest.Length)
        {
            var c = rest[index];
            if (c == (byte)'\\')
            {
                index += 2;
                continue;
            }

            if (c == (byte)'"')
            {
                return index;
            }

            index++;
        }

        return -1;
    }

    /// <summary>Reads a string value (no escapes expected); fails the scan with <paramref name="reason"/> otherwise.</summary>
    public ReadOnlySpan<byte> ReadString(string reason)
    {
        if (!ReadStringRaw(out var value, out _))
        {
            Fail(reason);
            return default;
        }

        return value;
    }

    /// <summary>True when the next value is <c>null</c> (consumed).</summary>
    public bool TryReadNull()
    {
        SkipWhitespace();
        if (_buffer[_position..].StartsWith("null"u8))
        {
            _position += 4;
            return true;
        }

        return false;
    }

    /// <summary>Reads <c>true</c> or <c>false</c> (also quoted, as some venues send them).</summary>
    public bool ReadBoolean(string reason)
    {
        SkipWhitespace();
        var rest = _buffer[_position..];
        if (rest.StartsWith("true"u8))
        {
            _position += 4;
            return true;
        }

        if (rest.StartsWith("false"u8))
        {
            _position += 5;
            return false;
        }

        if (rest.StartsWith("\"true\""u8))
        {
            _position += 6;
            return true;
        }

        if (rest.StartsWith("\"false\""u8))
        {
            _position += 7;
            return false;
        }

        Fail(reason);
        return false;
    }

    /// <summary>Reads an integer, bare (<c>123</c>) or quoted (<c>"123"</c>), with an optional '-'.</summary>
    public long ReadInt64(string reason)
    {
        var buffer = _buffer;
        var i = _position;
        if ((uint)i < (uint)buffer.Length && buffer[i] <= (byte)' ')
        {
            SkipWhitespace();
            i = _position;
        }

        var quoted = (uint)i < (uint)buffer.Length && buffer[i] == (byte)'"';
        if (quoted)
        {
            i++;
        }

        var negative = (uint)i < (uint)buffer.Length && buffer[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        var digits = ReadDigits(buffer, ref i, out var value);
        // 19 digits can exceed long.MaxValue (and 20 wrap a ulong): those are not Binance ids or times.
        if (digits == 0 || digits > 19 || (digits == 19 && value > long.MaxValue))
        {
            Fail(reason);
            return 0;
        }

        if (quoted)
        {
            if ((uint)i >= (uint)buffer.Length || buffer[i] != (byte)'"')
            {
                Fail(reason);
                return 0;
            }

            i++;
        }
        else if ((uint)i < (uint)buffer.Length && buffer[i] is (byte)'.' or (byte)'e' or (byte)'E')
        {
            Fail(reason);
            return 0;
        }

        _position = i;
        return negative ? -(long)value : (long)value;
    }

    /// <summary>
    /// Reads the run of digits at <paramref name="i"/> into <paramref name="value"/> and returns how many there were.
    /// Sixteen bytes are loaded at once so the digit count, which the next token's position waits for, is a short
    /// chain; the value is computed beside it. Past 19 digits the value is meaningless (callers refuse such counts).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadDigits(ReadOnlySpan<byte> buffer, ref int i, out ulong value)
    {
        var low = Utf8Swar.Load(buffer, i);
        var high = Utf8Swar.Load(buffer, i + 8);
        var first = Utf8Swar.LeadingDigits(low);
        if (first < 8)
        {
            value = first == 0 ? 0 : Utf8Swar.DigitsValue(low, first);
            i += first;
            return first;
        }

        var second = Utf8Swar.LeadingDigits(high);
        value = Utf8Swar.DigitsValue(low, 8);
        if (second > 0)
        {
            value = Utf8Swar.Append(value, Utf8Swar.DigitsValue(high, second), second);
        }

        i += 8 + second;
        return second < 8 ? 8 + second : 16 + ReadMoreDigits(buffer, ref i, ref value);
    }

    /// <summary>Digits beyond the sixteenth (rare: only overlong input), eight at a time.</summary>
    private static int ReadMoreDigits(ReadOnlySpan<byte> buffer, ref int i, ref ulong value)
    {
        var total = 0;
        int count;
        do
        {
            var chunk = Utf8Swar.Load(buffer, i);
            count = Utf8Swar.LeadingDigits(chunk);
            if (count > 0)
            {
                value = Utf8Swar.Append(value, Utf8Swar.DigitsValue(chunk, count), count);
            }

            i += count;
            total += count;
        }
        while (count == 8 && total < 8);

        // Keep counting (without a value) so the caller sees how long the run really was.
        while ((uint)i < (uint)buffer.Length && buffer[i] - (uint)'0' <= 9)
        {
            i++;
            total++;
        }

        return total;
    }

    /// <summary>Reads an integer time in milliseconds and widens it to Unix nanoseconds.</summary>
    public long ReadMillisecondsAsNanos(string reason)
    {
        var ms = ReadInt64(reason);
        if ((ulong)ms > long.MaxValue / UnixNanos.PerMillisecond)
        {
            Fail(reason);
            return 0;
        }

        return ms * UnixNanos.PerMillisecond;
    }

    /// <summary>
    /// Reads a decimal, quoted (<c>"61800.30"</c>, Binance's form) or bare (<c>61800.30</c>), as raw × 10^precision with
    /// the text's own number of decimals, exactly as <see cref="Price.TryParse(ReadOnlySpan{byte}, out Price, out FixedPointError)"/>
    /// would: the common case (≤ 18 digits, ≤ 9 decimals) is parsed here in the same pass that finds the closing
    /// quote; anything else is handed to the Core parser, so the two never disagree. On failure it returns false
    /// without failing the scan: the caller names the field.
    /// </summary>
    public bool ReadDecimal(out long raw, out byte precision)
    {
        var buffer = _buffer;
        var i = _position;
        if ((uint)i < (uint)buffer.Length && buffer[i] == (byte)'"')
        {
            // Binance's form: a quoted decimal of at most 8 digits a side.
            i++;
            if (TryReadQuotedDecimalBody(buffer, ref i, out raw, out precision))
            {
                _position = i;
                return true;
            }

            i = _position;
        }
        if ((uint)i < (uint)buffer.Length && buffer[i] <= (byte)' ')
        {
            SkipWhitespace();
            i = _position;
        }

        var quoted = (uint)i < (uint)buffer.Length && buffer[i] == (byte)'"';
        if (quoted)
        {
            i++;
        }

        var tokenStart = i;
        var negative = (uint)i < (uint)buffer.Length && buffer[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        var integerDigits = ReadDigits(buffer, ref i, out var mantissa);
        var decimals = 0;
        if ((uint)i < (uint)buffer.Length && buffer[i] == (byte)'.')
        {
            i++;
            decimals = ReadDigits(buffer, ref i, out var fraction);
            if (decimals == 0 || integerDigits + decimals > 18)
            {
                integerDigits = 0; // "5." or too long: let the slow path decide
            }
            else
            {
                mantissa = (mantissa * (ulong)Pow10Long[decimals]) + fraction;
            }
        }

        var terminated = quoted
            ? (uint)i < (uint)buffer.Length && buffer[i] == (byte)'"'
            : (uint)i >= (uint)buffer.Length || buffer[i] is (byte)',' or (byte)']' or (byte)'}' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';
        if (integerDigits == 0 || !terminated || integerDigits + decimals > 18 || decimals > FixedPointMaxPrecision)
        {
            return ReadDecimalSlow(quoted, tokenStart, out raw, out precision);
        }

        _position = quoted ? i + 1 : i;
        raw = negative ? -(long)mantissa : (long)mantissa;
        precision = (byte)decimals;
        return true;
    }

    private static readonly long[] Pow10Long =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    ];

    /// <summary>
    /// The depth hot path: reads one level written exactly as Binance writes it, <c>["61800.30","0.000"]</c>, and the
    /// <c>,</c> or <c>]</c> after it, using locals only. Returns 1 when another level follows, 2 when the array is
    /// closed, and 0 (position unchanged) for anything else (whitespace, bare numbers, long or odd numbers, extra
    /// elements), which the caller then reads with the general methods.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TryReadLevel(out long priceRaw, out byte pricePrecision, out long sizeRaw, out byte sizePrecision)
    {
        var buffer = _buffer;
        var i = _position;
        sizeRaw = 0;
        sizePrecision = 0;
        if ((uint)(i + 1) >= (uint)buffer.Length || buffer[i] != (byte)'[' || buffer[i + 1] != (byte)'"')
        {
            priceRaw = 0;
            pricePrecision = 0;
            return 0;
        }

        i += 2;
        if (!TryReadQuotedDecimalBody(buffer, ref i, out priceRaw, out pricePrecision)
            || (uint)(i + 1) >= (uint)buffer.Length || buffer[i] != (byte)',' || buffer[i + 1] != (byte)'"')
        {
            return 0;
        }

        i += 2;
        if (!TryReadQuotedDecimalBody(buffer, ref i, out sizeRaw, out sizePrecision)
            || (uint)(i + 1) >= (uint)buffer.Length || buffer[i] != (byte)']')
        {
            return 0;
        }

        var next = buffer[i + 1];
        if (next == (byte)',')
        {
            _position = i + 2;
            return 1;
        }

        if (next == (byte)']')
        {
            _position = i + 2;
            return 2;
        }

        return 0;
    }

    /// <summary>
    /// The fused depth path's inner loop: levels written exactly as Binance writes them, <c>["61800.30","0.014"]</c>,
    /// into a book of <paramref name="pricePrecision"/> and <paramref name="sizePrecision"/> decimals (both 1 … 6),
    /// each applied to <paramref name="writer"/> as soon as it is read. Returns 2 once the array's closing <c>]</c> is
    /// consumed, 0 at the first level of any other form (the position is then at its <c>[</c>, for
    /// <see cref="TryReadLevel"/> and the general reader), which includes the last level or two of a frame.
    /// </summary>
    /// <remarks>
    /// <para>The texts' decimals are their own, not the book's: BTCUSDT futures write "61800.30" where the 0.1 tick
    /// gives a book of one price decimal. They are learned from the first level (at least the book's, else the
    /// book's), and every level must have exactly them; the extra digits must be zeros and are dropped ("61800.30" →
    /// 618003), and a level with a non-zero one is left to the general reader, which refuses it.</para>
    /// <para>Knowing the decimals, a number's dot gives its length, and checking the bytes the layout fixes —
    /// <c>["</c>, the dot, <c>","</c>, <c>"]</c> and the digits — accepts exactly the levels <see cref="TryReadLevel"/>
    /// reads with these decimals, and gives what <see cref="L2OrderBook.LevelWriter.Apply"/> makes of its values at
    /// the book's precisions: the two paths never disagree.</para>
    /// <para>Where the dots are is not searched for but predicted: at the same place as in the level before (98 % of
    /// prices, 95 % of sizes on BTCUSDT), checked with one byte compare, and searched only when that fails. So the
    /// next level's position is known from this one's by additions — the loop is no longer a chain of "find the end,
    /// then start the next search" — and the CPU works on several levels at once.</para>
    /// </remarks>
    public int ApplyFixedLevels(in L2OrderBook.LevelWriter writer, byte pricePrecision, byte sizePrecision, ref bool valid)
    {
        var buffer = _buffer;
        ref byte origin = ref MemoryMarshal.GetReference(buffer);
        var i = _position;
        // The loads below reach at most 25 bytes past a level's '[' (a price and a size of at most 8 bytes each).
        var limit = buffer.Length - 25;
        if (i > limit)
        {
            return 0;
        }

        // The texts' decimals, from the first level; its size starts after the price's '","'.
        var priceText = TextDecimals(ref origin, i + 2, pricePrecision, out var firstDot);
        var sizeText = firstDot + 1 + priceText <= 8 ? TextDecimals(ref origin, i + 6 + firstDot + priceText, sizePrecision, out _) : sizePrecision;
        var ok = valid;
        var result = 0;
        var dot = 1; // predictions: any place with room for the decimals (the precisions are at most 6)
        var sizeDot = 1;
        var priceBelow = DigitsBelow(dot); // for taking the dot out: the bytes before it
        var sizeBelow = DigitsBelow(sizeDot);
        var priceShift = DigitsShift(dot + priceText); // for dropping the bytes after the digits
        var sizeShift = DigitsShift(sizeDot + sizeText);
        var priceExtra = ExtraDigits(priceText - pricePrecision); // the text's digits past the book's decimals, at the top
        var sizeExtra = ExtraDigits(sizeText - sizePrecision);
        var priceDrop = (priceText - pricePrecision) * 8;
        var sizeDrop = (sizeText - sizePrecision) * 8;
        var w = writer; // in registers, not read through the reference on every level
        while (i <= limit)
        {
            if (Unsafe.Add(ref origin, i + 2 + dot) != (byte)'.')
            {
                dot = Utf8Swar.IndexOf(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref origin, i + 2)), (byte)'.');
                if (dot == 0 || dot + 1 + priceText > 8)
                {
                    break;
                }

                priceBelow = DigitsBelow(dot);
                priceShift = DigitsShift(dot + priceText);
            }

            var q = i + 3 + dot + priceText; // the price's closing quote
            if (Unsafe.Add(ref origin, q + 3 + sizeDot) != (byte)'.')
            {
                sizeDot = Utf8Swar.IndexOf(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref origin, q + 3)), (byte)'.');
                if (sizeDot == 0 || sizeDot + 1 + sizeText > 8)
                {
                    break;
                }

                sizeBelow = DigitsBelow(sizeDot);
                sizeShift = DigitsShift(sizeDot + sizeText);
            }

            var e = q + 4 + sizeDot + sizeText; // the size's closing quote
            var price = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref origin, i + 2));
            var size = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref origin, q + 3));
            var close = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref origin, e)) & 0xFF_FFFF;
            var priceDigits = (((price & priceBelow) | ((price >> 8) & ~priceBelow)) - Utf8Swar.Zeros) << priceShift;
            var sizeDigits = (((size & sizeBelow) | ((size >> 8) & ~sizeBelow)) - Utf8Swar.Zeros) << sizeShift;
            if (Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref origin, i)) != LevelOpening
                || (Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref origin, q)) & 0xFF_FFFF) != PriceSizeSeparator
                || !Utf8Swar.AreDigitValues(priceDigits, sizeDigits) || (close != LevelThenNext && close != LevelThenEnd)
                || ((priceDigits & priceExtra) | (sizeDigits & sizeExtra)) != 0)
            {
                break;
            }

            ok &= w.Apply((long)Utf8Swar.ValueOfDigitValues(priceDigits << priceDrop), pricePrecision, (long)Utf8Swar.ValueOfDigitValues(sizeDigits << sizeDrop), sizePrecision);
            i = e + 3;
            if (close == LevelThenEnd)
            {
                result = 2;
                break;
            }
        }

        _position = i;
        valid = ok;
        return result;
    }

    /// <summary>
    /// The decimals of the number at <paramref name="start"/> (after its opening quote; at most 8 bytes), when they
    /// are at least <paramref name="precision"/>; else <paramref name="precision"/> (the level then fails its checks).
    /// <paramref name="dot"/> is the dot's place (8: none in the first 8 bytes).
    /// </summary>
    private static int TextDecimals(ref byte origin, int start, int precision, out int dot)
    {
        var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref origin, start));
        dot = Utf8Swar.IndexOf(word, (byte)'.');
        var quote = Utf8Swar.IndexOf(word, (byte)'"');
        if (quote == 8 && Unsafe.Add(ref origin, start + 8) != (byte)'"')
        {
            return precision;
        }

        var decimals = quote - dot - 1;
        return dot > 0 && decimals >= precision ? decimals : precision;
    }

    /// <summary>The top <paramref name="count"/> (0 … 5) bytes of a word.</summary>
    private static ulong ExtraDigits(int count) => count == 0 ? 0 : ulong.MaxValue << ((8 - count) * 8);

    /// <summary>The mask of a word's bytes before byte <paramref name="index"/> (0 … 7).</summary>
    private static ulong DigitsBelow(int index) => (1UL << (index * 8)) - 1;

    /// <summary>The left shift that keeps a word's first <paramref name="count"/> (1 … 8) bytes, at its top.</summary>
    private static int DigitsShift(int count) => (8 - count) * 8;

    /// <summary><c>["</c> as a little-endian half-word.</summary>
    private const ushort LevelOpening = ('"' << 8) | '[';

    /// <summary><c>","</c> as the low three bytes of a little-endian word.</summary>
    private const uint PriceSizeSeparator = ('"' << 16) | (',' << 8) | '"';

    /// <summary><c>"],</c>: a level's end with another after it.</summary>
    private const uint LevelThenNext = (',' << 16) | (']' << 8) | '"';

    /// <summary><c>"]]</c>: a level's end and its array's.</summary>
    private const uint LevelThenEnd = (']' << 16) | (']' << 8) | '"';

    /// <summary>
    /// After an opening quote: <c>digits[.digits]"</c>, at most 16 bytes with at most 8 digits on each side (every
    /// Binance price and quantity), moving <paramref name="i"/> past the closing quote. False for anything else.
    /// </summary>
    /// <remarks>
    /// The frame is a chain of positions (each token starts where the last ended), so what bounds the speed is how
    /// fast the end of a token is known, not how fast its value is. The closing quote is found straight from the two
    /// loaded words; the digits are checked and converted beside that chain, where the CPU overlaps them with the
    /// next tokens.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadQuotedDecimalBody(ReadOnlySpan<byte> buffer, ref int i, out long raw, out byte precision)
    {
        var low = Utf8Swar.Load(buffer, i);
        var length = Utf8Swar.IndexOf(low, (byte)'"');
        var dot = Utf8Swar.IndexOf(low, (byte)'.');
        ulong value;
        if (length < 8)
        {
            // Up to 7 bytes, e.g. futures' "0.006" or "1.01100": at most 7 digits once the dot is out.
            if (dot >= length)
            {
                precision = 0;
                raw = 0;
                if (length == 0 || !Utf8Swar.TryDigitsValue(low, length, out value))
                {
                    return false;
                }
            }
            else
            {
                precision = (byte)(length - dot - 1);
                raw = 0;
                if (dot == 0 || precision == 0 || !Utf8Swar.TryDigitsValue(Utf8Swar.RemoveByte(low, dot), length - 1, out value))
                {
                    return false;
                }
            }

            raw = (long)value;
            i += length + 1;
            return true;
        }

        return TryReadLongQuotedDecimalBody(buffer, ref i, low, dot, out raw, out precision);
    }

    /// <summary>The 8 … 15 byte case of <see cref="TryReadQuotedDecimalBody"/> (<c>61800.30</c>, spot's <c>61837.63000000</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadLongQuotedDecimalBody(ReadOnlySpan<byte> buffer, ref int i, ulong low, int dot, out long raw, out byte precision)
    {
        if (dot < 7 && dot > 0 && (uint)(i + 8) < (uint)buffer.Length && buffer[i + 8] == (byte)'"')
        {
            // "61800.30", the commonest futures price: seven digits once the dot is out, no second word needed.
            precision = (byte)(7 - dot);
            i += 9;
            var ok = Utf8Swar.TryDigitsValue(Utf8Swar.RemoveByte(low, dot), 7, out var digits);
            raw = (long)digits;
            if (!ok)
            {
                i -= 9;
            }

            return ok;
        }

        var high = Utf8Swar.Load(buffer, i + 8);
        var length = 8 + Utf8Swar.IndexOf(high, (byte)'"');
        if (dot == 8)
        {
            dot = 8 + Utf8Swar.IndexOf(high, (byte)'.');
        }

        raw = 0;
        precision = 0;
        if (length >= 16 || dot >= length || dot == 0 || dot == length - 1)
        {
            return false; // no room, an integer of 8+ digits, ".5" or "5.": all for the general reader
        }

        var decimals = length - dot - 1;
        ulong value;
        if (length == 8)
        {
            // "61800.30": seven digits once the dot is out.
            if (!Utf8Swar.TryDigitsValue(Utf8Swar.RemoveByte(low, dot), 7, out value))
            {
                return false;
            }
        }
        else
        {
            if (decimals > 8 || dot > 8
                || !Utf8Swar.TryDigitsValue(low, dot, out var integer)
                || !Utf8Swar.TryDigitsValue(Utf8Swar.Window(low, high, dot + 1), decimals, out var fraction))
            {
                return false;
            }

            value = (integer * (ulong)Pow10Long[decimals]) + fraction;
        }

        raw = (long)value;
        precision = (byte)decimals;
        i += length + 1;
        return true;
    }

    private const int FixedPointMaxPrecision = 9;

    private static readonly System.Buffers.SearchValues<byte> NumberEnd = System.Buffers.SearchValues.Create(",]} \n\r\t"u8);

    private bool ReadDecimalSlow(bool quoted, int tokenStart, out long raw, out byte precision)
    {
        raw = 0;
        precision = 0;
        var rest = _buffer[tokenStart..];
        var length = quoted ? rest.IndexOfAny((byte)'"', (byte)'\\') : rest.IndexOfAny(NumberEnd);
        if (length < 0)
        {
            if (quoted)
            {
                return false;
            }

            length = rest.Length;
        }

        // The Core parser decides what the venue's text means, including leading zeros and long mantissas.
        // A failure is left to the caller, which knows which field it was reading.
        if ((quoted && rest[length] != (byte)'"') || !Price.TryParse(rest[..length], out var value, out _))
        {
            return false;
        }

        raw = value.Raw;
        precision = value.Precision;
        _position = tokenStart + length + (quoted ? 1 : 0);
        return true;
    }

    /// <summary>Reads a decimal as a <see cref="Price"/>.</summary>
    public Price ReadPrice(string reason)
    {
        if (!ReadDecimal(out var raw, out var precision))
        {
            Fail(reason);
            return default;
        }

        return Price.FromRaw(raw, precision);
    }

    /// <summary>Reads a decimal as a <see cref="Quantity"/> (negative is a failure).</summary>
    public Quantity ReadQuantity(string reason)
    {
        if (!ReadDecimal(out var raw, out var precision) || raw < 0)
        {
            Fail(reason);
            return default;
        }

        return Quantity.FromRaw(raw, precision);
    }

    /// <summary>Reads a decimal as <see cref="Money"/>.</summary>
    public Money ReadMoney(string reason)
    {
        if (!ReadDecimal(out var raw, out var precision))
        {
            Fail(reason);
            return default;
        }

        return Money.FromRaw(raw, precision);
    }

    /// <summary>Reads a price that the venue may leave empty (<c>""</c>); empty gives default.</summary>
    public Price ReadOptionalPrice(string reason)
    {
        SkipWhitespace();
        if (_buffer[_position..].StartsWith("\"\""u8))
        {
            _position += 2;
            return default;
        }

        return ReadPrice(reason);
    }

    /// <summary>Reads a decimal rate (funding) as a <see cref="decimal"/>; empty (<c>""</c>) gives 0.</summary>
    public decimal ReadRate(string reason)
    {
        SkipWhitespace();
        if (_buffer[_position..].StartsWith("\"\""u8))
        {
            _position += 2;
            return 0m;
        }

        return ReadPrice(reason).ToDecimal();
    }

    /// <summary>Skips one value of any kind, checking its syntax.</summary>
    public bool SkipValue()
    {
        // Bare integers (Binance's "T", ids) are the common skipped value: one digit run.
        var i = _position;
        if (ReadDigits(_buffer, ref i, out _) > 0 && (uint)i < (uint)_buffer.Length && _buffer[i] is (byte)',' or (byte)'}' or (byte)']')
        {
            _position = i;
            return true;
        }

        return SkipValue(0);
    }

    private bool SkipValue(int depth)
    {
        if (depth > MaxDepth)
        {
            return Fail("nested too deeply");
        }

        SkipWhitespace();
        if ((uint)_position >= (uint)_buffer.Length)
        {
            return Fail("truncated: value expected");
        }

        switch (_buffer[_position])
        {
            case (byte)'"':
                return ReadStringRaw(out _, out _) || Fail("truncated: string not closed");
            case (byte)'{':
            {
                _position++;
                var first = true;
                while (NextKey(ref first, out _))
                {
                    if (!SkipValue(depth + 1))
                    {
                        return false;
                    }
                }

                return !Failed;
            }

            case (byte)'[':
            {
                _position++;
                var first = true;
                while (NextElement(ref first))
                {
                    if (!SkipValue(depth + 1))
                    {
                        return false;
                    }
                }

                return !Failed;
            }

            case (byte)'t':
                return SkipLiteral("true"u8);
            case (byte)'f':
                return SkipLiteral("false"u8);
            case (byte)'n':
                return SkipLiteral("null"u8);
            default:
                return SkipNumber();
        }
    }

    private bool SkipLiteral(ReadOnlySpan<byte> literal)
    {
        if (!_buffer[_position..].StartsWith(literal))
        {
            return Fail("invalid literal");
        }

        _position += literal.Length;
        return true;
    }

    private bool SkipNumber()
    {
        var start = _position;
        while ((uint)_position < (uint)_buffer.Length && _buffer[_position] is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E')
        {
            _position++;
        }

        if (_position == start)
        {
            return Fail("unexpected character where a value was expected");
        }

        return true;
    }
}
