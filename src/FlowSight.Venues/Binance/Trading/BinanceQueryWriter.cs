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
        foreach (var b in value)
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
        if (!value.TryFormat(_buffer[_length..], out var n, default, System.Globalization.CultureInfo.InvariantCulture))
        {
            throw Full();
        }

        _length += n;
    }

    /// <summary>Adds a price parameter (exactly its precision's decimals).</summary>
    public void Add(scoped ReadOnlySpan<byte> key, Price value)
    {
        Key(key);
        if (!value.TryFormat(_buffer[_length..], out var n))
        {
            throw Full();
        }

        _length += n;
    }

    /// <summary>Adds a quantity parameter (exactly its precision's decimals).</summary>
    public void Add(scoped ReadOnlySpan<byte> key, Quantity value)
    {
        Key(key);
        if (!value.TryFormat(_buffer[_length..], out var n))
        {
            throw Full();
        }

        _length += n;
    }

    private void Key(scoped ReadOnlySpan<byte> key)
    {
        if (_length > 0)
        {
            Put((byte)'&');
        }

        if (!key.TryCopyTo(_buffer[_length..]))
        {
            throw Full();
        }

        _length += key.Length;
        Put((byte)'=');
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

    private static InvalidOperationException Full() => new("The request parameters do not fit the buffer.");
}
