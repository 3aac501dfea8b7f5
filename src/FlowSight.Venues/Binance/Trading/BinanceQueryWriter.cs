using System.Buffers;
using System.Numerics;
using FlowSight.Core;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// Writes <c>key=value&amp;key=value</c> request parameters as UTF-8 into a caller's buffer, percent-encoding what is
/// not an RFC 3986 unreserved character, so the bytes signed are the bytes sent. Allocation-free.
/// </summary>
public ref struct BinanceQueryWriter
{
    private readonly Span<byte> _buffer;
    private int _length;

    /// <summary>Writes into <paramref name="buffer"/> from its start.</summary>
    public BinanceQueryWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _length = 0;
    }

    /// <summary>Continues after the <paramref name="length"/> parameter bytes already in <paramref name="buffer"/>.</summary>
    public BinanceQueryWriter(Span<byte> buffer, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, buffer.Length);
        _buffer = buffer;
        _length = length;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Length => _length;

    /// <summary>The parameters written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    /// <summary>Adds a parameter whose value is ASCII text (escaped where needed).</summary>
    public void Add(scoped ReadOnlySpan<byte> key, scoped ReadOnlySpan<byte> value)
    {
        Key(key);

        // Ids and symbols are nearly always all unreserved: one vector search, then one copy.
        var plain = value.IndexOfAnyExcept(Unreserved);
        if (plain < 0)
        {
            Append(value);
            return;
        }

        Append(value[..plain]);
        foreach (var b in value[plain..])
        {
            if (IsUnreserved(b))
            {
                Put(b);
            }
            else
            {
                Put((byte)'%');
                Put(Hex(b >> 4));
                Put(Hex(b & 0xF));
            }
        }
    }

    /// <summary>Adds a parameter whose value is text (escaped where needed).</summary>
    public void Add(scoped ReadOnlySpan<byte> key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> utf8 = stackalloc byte[System.Text.Encoding.UTF8.GetMaxByteCount(value.Length)];
        var n = System.Text.Encoding.UTF8.GetBytes(value, utf8);
        Add(key, utf8[..n]);
    }

    /// <summary>Adds an integer parameter.</summary>
    public void Add(scoped ReadOnlySpan<byte> key, long value)
    {
        Key(key);
        if (value < 0)
        {
            Put((byte)'-');
        }

        var magnitude = value < 0 ? 0UL - (ulong)value : (ulong)value;
        var digits = CountDigits(magnitude);
        if (_length + digits > _buffer.Length)
        {
            throw Full();
        }

        WriteDigits(_buffer.Slice(_length, digits), magnitude);
        _length += digits;
    }

    /// <summary>Adds a price parameter (exactly its precision's decimals).</summary>
    public void Add(scoped ReadOnlySpan<byte> key, Price value)
    {
        Key(key);
        AddFixedPoint(value.Raw, value.Precision);
    }

    /// <summary>Adds a quantity parameter (exactly its precision's decimals).</summary>
    public void Add(scoped ReadOnlySpan<byte> key, Quantity value)
    {
        Key(key);
        AddFixedPoint(value.Raw, value.Precision);
    }

    /// <summary>Appends bytes that are already a query's text (parameters written before by this writer).</summary>
    internal void AppendRaw(scoped ReadOnlySpan<byte> parameters) => Append(parameters);

    /// <summary>
    /// <paramref name="raw"/> with exactly <paramref name="precision"/> decimals, as <see cref="Price.TryFormat(Span{byte}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>
    /// writes it (never an exponent, a single 0 before the point when below one), two digits at a time.
    /// </summary>
    private void AddFixedPoint(long raw, byte precision)
    {
        if (raw < 0)
        {
            Put((byte)'-');
        }

        var magnitude = raw < 0 ? 0UL - (ulong)raw : (ulong)raw;
        var digits = Math.Max(CountDigits(magnitude), precision + 1);
        var length = precision == 0 ? digits : digits + 1;
        if (_length + length > _buffer.Length)
        {
            throw Full();
        }

        // Right to left with constant divisors only (a multiply each): the decimals, the point, the integer part.
        var destination = _buffer.Slice(_length, length);
        var position = length;
        var fraction = (int)precision;
        while (fraction >= 2)
        {
            var quotient = magnitude / 100;
            position -= 2;
            WritePair(destination[position..], (uint)(magnitude - (quotient * 100)));
            magnitude = quotient;
            fraction -= 2;
        }

        if (fraction == 1)
        {
            var quotient = magnitude / 10;
            destination[--position] = (byte)('0' + (magnitude - (quotient * 10)));
            magnitude = quotient;
        }

        if (precision != 0)
        {
            destination[--position] = (byte)'.';
        }

        WriteDigits(destination[..position], magnitude);
        _length += length;
    }

    /// <summary>Fills <paramref name="destination"/> with <paramref name="value"/>'s last digits, zero-padded on the left.</summary>
    private static void WriteDigits(Span<byte> destination, ulong value)
    {
        // Eight digits at a time in 32-bit halves of four: short, independent multiply chains (a 13-digit timestamp
        // is one 64-bit multiply, then two runs of four pairs that overlap).
        var position = destination.Length;
        while (position > 8)
        {
            var quotient = value / 100_000_000;
            var low = (uint)(value - (quotient * 100_000_000));
            var high4 = low / 10_000;
            position -= 8;
            WriteFour(destination.Slice(position, 4), high4);
            WriteFour(destination.Slice(position + 4, 4), low - (high4 * 10_000));
            value = quotient;
        }

        var rest = (uint)value;
        while (position >= 2)
        {
            var quotient = rest / 100;
            position -= 2;
            WritePair(destination[position..], rest - (quotient * 100));
            rest = quotient;
        }

        if (position == 1)
        {
            destination[0] = (byte)('0' + rest);
        }
    }

    private static void WriteFour(Span<byte> destination, uint value)
    {
        var high = value / 100;
        WritePair(destination, high);
        WritePair(destination[2..], value - (high * 100));
    }

    private static void WritePair(Span<byte> destination, uint value)
    {
        var pair = (int)value * 2;
        destination[1] = DigitPairs[pair + 1];
        destination[0] = DigitPairs[pair];
    }

    private static int CountDigits(ulong value)
    {
        // floor(log10) from the bit length (1233/4096 ≈ log10 2), then one comparison; the low bit set makes 0 one digit
        // and never crosses a power of ten (every 10^k - 1 is odd).
        value |= 1;
        var estimate = ((64 - BitOperations.LeadingZeroCount(value)) * 1233) >> 12;
        return estimate + (value >= Pow10[estimate] ? 1 : 0);
    }

    private void Key(scoped ReadOnlySpan<byte> key)
    {
        var separator = _length > 0 ? 1 : 0;
        var end = _length + separator + key.Length + 1;
        if (end > _buffer.Length)
        {
            throw Full();
        }

        var destination = _buffer[_length..end];
        if (separator != 0)
        {
            destination[0] = (byte)'&';
        }

        key.CopyTo(destination[separator..]);
        destination[^1] = (byte)'=';
        _length = end;
    }

    private void Append(scoped ReadOnlySpan<byte> bytes)
    {
        if (!bytes.TryCopyTo(_buffer[_length..]))
        {
            throw Full();
        }

        _length += bytes.Length;
    }

    private void Put(byte b)
    {
        if (_length >= _buffer.Length)
        {
            throw Full();
        }

        _buffer[_length++] = b;
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

    private static ReadOnlySpan<byte> DigitPairs => "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    private static readonly ulong[] Pow10 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];

    private static readonly SearchValues<byte> Unreserved =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"u8);

    private static InvalidOperationException Full() => new("The request parameters do not fit the buffer.");
}
