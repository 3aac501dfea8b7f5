using FlowSight.Core;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Venues.Okx.Book;

/// <summary>
/// OKX's order-book checksum: CRC32 (IEEE, as zlib) of <c>bidPx:bidSz:askPx:askSz:...</c> over the top 25 levels,
/// interleaved, a side with fewer levels simply contributing fewer entries, read as a signed 32-bit integer.
/// </summary>
/// <remarks>
/// OKX hashes its own price and size strings. Those are plain decimals without trailing zeros (<c>"30261"</c>,
/// <c>"0.16"</c>), so the book's fixed-point values, written with trailing zeros trimmed, reproduce them exactly —
/// which the recorded OKX session confirms on all 290 messages — and the book needs no side table of texts.
/// </remarks>
public static class OkxChecksum
{
    /// <summary>How many levels per side the checksum covers.</summary>
    public const int Depth = 25;

    private static readonly uint[] Table = BuildTable();

    /// <summary>The checksum of <paramref name="book"/>'s top <see cref="Depth"/> levels. Allocates nothing.</summary>
    public static int Compute(L2OrderBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        Span<byte> text = stackalloc byte[48];
        var crc = 0xFFFFFFFFu;
        var bids = Math.Min(book.BidCount, Depth);
        var asks = Math.Min(book.AskCount, Depth);
        var first = true;
        for (var i = 0; i < Depth && (i < bids || i < asks); i++)
        {
            if (i < bids)
            {
                var level = book.GetLevel(OrderSide.Buy, i);
                crc = AppendLevel(crc, level, text, ref first);
            }

            if (i < asks)
            {
                var level = book.GetLevel(OrderSide.Sell, i);
                crc = AppendLevel(crc, level, text, ref first);
            }
        }

        return unchecked((int)~crc);
    }

    /// <summary>The CRC32 (IEEE) of <paramref name="text"/> read as a signed integer, as OKX reports it.</summary>
    public static int Compute(ReadOnlySpan<byte> text) => unchecked((int)~Append(0xFFFFFFFFu, text));

    /// <summary>Writes <paramref name="raw"/> at <paramref name="precision"/> decimals without trailing zeros (no exponent); returns the length.</summary>
    public static int FormatTrimmed(long raw, byte precision, Span<byte> destination)
    {
        var negative = raw < 0;
        var magnitude = negative ? (ulong)(-(raw + 1)) + 1 : (ulong)raw;
        // Drop the fraction's trailing zeros before writing, so the digits written are exactly OKX's.
        while (precision > 0 && magnitude % 10 == 0)
        {
            magnitude /= 10;
            precision--;
        }

        Span<byte> digits = stackalloc byte[24];
        var count = 0;
        do
        {
            digits[count++] = (byte)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        }
        while (magnitude != 0 || count <= precision);

        var length = 0;
        if (negative)
        {
            destination[length++] = (byte)'-';
        }

        for (var i = count - 1; i >= 0; i--)
        {
            destination[length++] = digits[i];
            if (i == precision && precision > 0)
            {
                destination[length++] = (byte)'.';
            }
        }

        return length;
    }

    private static uint AppendLevel(uint crc, in BookLevel level, Span<byte> text, ref bool first)
    {
        var length = 0;
        if (!first)
        {
            text[length++] = (byte)':';
        }

        first = false;
        length += FormatTrimmed(level.Price.Raw, level.Price.Precision, text[length..]);
        text[length++] = (byte)':';
        length += FormatTrimmed(level.Size.Raw, level.Size.Precision, text[length..]);
        return Append(crc, text[..length]);
    }

    private static uint Append(uint crc, ReadOnlySpan<byte> bytes)
    {
        var table = Table;
        foreach (var b in bytes)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
