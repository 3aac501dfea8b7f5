using System.Buffers.Text;
using FlowSight.Core;

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
        var askCount = 0;
        var bidCount = 0;
        if (!ReadLevelsFast(frame, ref position, ref _asks, ref askCount)
            || !Expect(frame, ref position, ",\"bids\":["u8)
            || !ReadLevelsFast(frame, ref position, ref _bids, ref bidCount))
        {
            return false;
        }

        long eventTime = 0;
        long seqId = -1;
        long prevSeqId = -1;
        int? checksum = null;
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

        if (!frame[position..].SequenceEqual("}]}"u8) || !_registry.Resolve(instId, out var instrument))
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
            if (!Expect(frame, ref position, "[\""u8)
                || !ReadDecimal(frame, ref position, out var priceRaw, out var priceDecimals)
                || !Expect(frame, ref position, ",\""u8)
                || !ReadDecimal(frame, ref position, out var sizeRaw, out var sizeDecimals))
            {
                return false;
            }

            var price = Price.FromRaw(priceRaw, priceDecimals);
            var size = Quantity.FromRaw(sizeRaw, sizeDecimals);

            // The deprecated liquidated-orders count and the order count: strings the book does not need.
            while (Expect(frame, ref position, ",\""u8))
            {
                if (!ReadPlainString(frame, ref position, out _))
                {
                    return false;
                }
            }

            if (!Expect(frame, ref position, "]"u8))
            {
                return false;
            }

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
        var rest = frame[position..];
        var length = rest.Length > 0 && rest[0] == (byte)'-' ? 1 : 0;
        var digits = rest[length..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        return rest[..(length + (digits < 0 ? rest.Length - length : digits))];
    }

    // Plain digits only (JSON allows no leading '+', and "1e3" or "1.0" go to the general path).
    private static bool TryParseWhole(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        return text.Length > 0 && text.Length <= 20 && IsPlainInteger(text) && Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;
    }

    private static bool TryParseWhole(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        return text.Length > 0 && text.Length <= 11 && IsPlainInteger(text) && Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;
    }

    private static bool IsPlainInteger(ReadOnlySpan<byte> text)
    {
        var digits = text[0] == (byte)'-' ? text[1..] : text;
        // JSON numbers have no leading zeros ("007"); a quoted id like that is still read by the general path.
        return digits.Length > 0 && digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0 && (digits.Length == 1 || digits[0] != (byte)'0');
    }
}
