using System.Runtime.CompilerServices;
using FlowSight.Core;

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
        SkipWhitespace();
        if ((uint)_position >= (uint)_buffer.Length || _buffer[_position] != (byte)'"')
        {
            return false;
        }

        var start = ++_position;
        var rest = _buffer[start..];
        var end = rest.IndexOfAny((byte)'"', (byte)'\\');
        if (end < 0)
        {
            return Fail("truncated: string not closed");
        }

        if (rest[end] == (byte)'\\')
        {
            escaped = true;
            end = FindEscapedStringEnd(rest, end);
            if (end < 0)
            {
                return Fail("truncated: string not closed");
            }
        }

        value = rest[..end];
        _position = start + end + 1;
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
        SkipWhitespace();
        var i = _position;
        var buffer = _buffer;
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

        var start = i;
        ulong value = 0;
        while ((uint)i < (uint)buffer.Length)
        {
            var digit = (uint)(buffer[i] - '0');
            if (digit > 9)
            {
                break;
            }

            value = (value * 10) + digit;
            i++;
        }

        var digits = i - start;
        // 19 digits can exceed long.MaxValue (or wrap a ulong at 20): those are not Binance ids or times.
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadDecimal(out long raw, out byte precision)
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

        var tokenStart = i;
        var negative = (uint)i < (uint)buffer.Length && buffer[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        var digitsStart = i;
        ulong mantissa = 0;
        while ((uint)i < (uint)buffer.Length)
        {
            var digit = (uint)(buffer[i] - '0');
            if (digit > 9)
            {
                break;
            }

            mantissa = (mantissa * 10) + digit;
            i++;
        }

        var integerDigits = i - digitsStart;
        var decimals = 0;
        if ((uint)i < (uint)buffer.Length && buffer[i] == (byte)'.')
        {
            var fractionStart = ++i;
            while ((uint)i < (uint)buffer.Length)
            {
                var digit = (uint)(buffer[i] - '0');
                if (digit > 9)
                {
                    break;
                }

                mantissa = (mantissa * 10) + digit;
                i++;
            }

            decimals = i - fractionStart;
            if (decimals == 0)
            {
                integerDigits = 0; // "5." is malformed: let the slow path say so
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
    public bool SkipValue() => SkipValue(0);

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
