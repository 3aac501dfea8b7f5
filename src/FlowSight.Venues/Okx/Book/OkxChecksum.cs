using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    // A number is at most a sign, 19 digits and a dot; a level is price ':' size ':'.
    private const int MaxNumber = 21;
    private const int MaxText = Depth * 2 * ((MaxNumber * 2) + 2);

    private static readonly ulong[] Pow10 =
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL, 1_000_000_000UL,
        10_000_000_000UL, 100_000_000_000UL, 1_000_000_000_000UL, 10_000_000_000_000UL, 100_000_000_000_000UL,
        1_000_000_000_000_000UL, 10_000_000_000_000_000UL, 100_000_000_000_000_000UL, 1_000_000_000_000_000_000UL,
        10_000_000_000_000_000_000UL,
    ];

    /// <summary>The checksum of <paramref name="book"/>'s top <see cref="Depth"/> levels. Allocates nothing.</summary>
    /// <remarks>
    /// Both sides are copied in one walk each, the whole text is written into one stack buffer, then hashed in one
    /// pass (<see cref="OkxCrc32"/>): per level a CRC call and a digit buffer cost more than the hashing itself.
    /// </remarks>
    [SkipLocalsInit]
    public static int Compute(L2OrderBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        Span<BookLevel> bids = stackalloc BookLevel[Depth];
        Span<BookLevel> asks = stackalloc BookLevel[Depth];
        var bidCount = book.CopyLevels(OrderSide.Buy, bids);
        var askCount = book.CopyLevels(OrderSide.Sell, asks);
        Span<byte> text = stackalloc byte[MaxText];
        ref var start = ref MemoryMarshal.GetReference(text);
        var length = 0;
        var levels = Math.Max(bidCount, askCount);
        for (var i = 0; i < levels; i++)
        {
            if (i < bidCount)
            {
                length = AppendLevel(ref start, length, bids[i]);
            }

            if (i < askCount)
            {
                length = AppendLevel(ref start, length, asks[i]);
            }
        }

        // Drop the last separator: the text is "px:sz:px:sz...".
        length = Math.Max(length - 1, 0);
        return unchecked((int)~OkxCrc32.Append(0xFFFFFFFFu, text[..length]));
    }

    /// <summary>The CRC32 (IEEE) of <paramref name="text"/> read as a signed integer, as OKX reports it.</summary>
    public static int Compute(ReadOnlySpan<byte> text) => unchecked((int)~OkxCrc32.Append(0xFFFFFFFFu, text));

    /// <summary>Writes <paramref name="raw"/> at <paramref name="precision"/> decimals without trailing zeros (no exponent); returns the length.</summary>
    public static int FormatTrimmed(long raw, byte precision, Span<byte> destination)
    {
        if (destination.Length < MaxNumber)
        {
            Span<byte> scratch = stackalloc byte[MaxNumber];
            var written = WriteTrimmed(ref MemoryMarshal.GetReference(scratch), raw, precision);
            scratch[..written].CopyTo(destination);
            return written;
        }

        return WriteTrimmed(ref MemoryMarshal.GetReference(destination), raw, precision);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AppendLevel(ref byte text, int length, in BookLevel level)
    {
        length += WriteTrimmed(ref Unsafe.Add(ref text, length), level.Price.Raw, level.Price.Precision);
        Unsafe.Add(ref text, length++) = (byte)':';
        length += WriteTrimmed(ref Unsafe.Add(ref text, length), level.Size.Raw, level.Size.Precision);
        Unsafe.Add(ref text, length++) = (byte)':';
        return length;
    }

    /// <summary>Writes the number right to left straight into place (its length known first): no digit buffer, no copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteTrimmed(ref byte destination, long raw, int precision)
    {
        var negative = raw < 0;
        var magnitude = negative ? (ulong)(-(raw + 1)) + 1 : (ulong)raw;
        // Drop the fraction's trailing zeros before writing, so the digits written are exactly OKX's.
        if (magnitude == 0)
        {
            precision = 0;
        }

        while (precision > 0)
        {
            var quotient = magnitude / 10;
            if (magnitude - (quotient * 10) != 0)
            {
                break;
            }

            magnitude = quotient;
            precision--;
        }

        var digits = Math.Max(CountDigits(magnitude), precision + 1);
        var sign = negative ? 1 : 0;
        var length = sign + digits + (precision > 0 ? 1 : 0);
        var position = length - 1;
        for (var i = 0; i < precision; i++)
        {
            var quotient = magnitude / 10;
            Unsafe.Add(ref destination, position--) = (byte)('0' + (int)(magnitude - (quotient * 10)));
            magnitude = quotient;
        }

        if (precision > 0)
        {
            Unsafe.Add(ref destination, position--) = (byte)'.';
        }

        do
        {
            var quotient = magnitude / 10;
            Unsafe.Add(ref destination, position--) = (byte)('0' + (int)(magnitude - (quotient * 10)));
            magnitude = quotient;
        }
        while (position >= sign);

        if (negative)
        {
            destination = (byte)'-';
        }

        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountDigits(ulong value)
    {
        // log10 from log2 (1233/4096 ≈ log10(2)), then one comparison to correct it.
        var estimate = ((BitOperations.Log2(value | 1) + 1) * 1233) >> 12;
        return estimate + 1 - (value < Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Pow10), estimate) ? 1 : 0);
    }
}
