using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
    internal const int MaxNumber = 21;
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
        // Slack after the text: numbers are copied 16 bytes at a time and may write past their end.
        Span<byte> text = stackalloc byte[MaxText + 32];
        Span<byte> scratch = stackalloc byte[32];
        ref var start = ref MemoryMarshal.GetReference(text);
        ref var digits = ref MemoryMarshal.GetReference(scratch);
        var length = 0;
        var levels = Math.Max(bidCount, askCount);
        for (var i = 0; i < levels; i++)
        {
            if (i < bidCount)
            {
                length = AppendLevel(ref start, length, bids[i], ref digits);
            }

            if (i < askCount)
            {
                length = AppendLevel(ref start, length, asks[i], ref digits);
            }
        }

        // Drop the last separator: the text is "px:sz:px:sz...".
        length = Math.Max(length - 1, 0);
        return unchecked((int)~OkxCrc32.Append(0xFFFFFFFFu, text[..length]));
    }

    /// <summary>The CRC32 (IEEE) of <paramref name="text"/> read as a signed integer, as OKX reports it.</summary>
    public static int Compute(ReadOnlySpan<byte> text) => unchecked((int)~OkxCrc32.Append(0xFFFFFFFFu, text));

    /// <summary>Writes <paramref name="raw"/> at <paramref name="precision"/> decimals without trailing zeros (no exponent); returns the length.</summary>
    [SkipLocalsInit]
    public static int FormatTrimmed(long raw, byte precision, Span<byte> destination)
    {
        Span<byte> scratch = stackalloc byte[32];
        Span<byte> written = stackalloc byte[MaxNumber + 16];
        var length = WriteTrimmed(ref MemoryMarshal.GetReference(written), raw, precision, ref MemoryMarshal.GetReference(scratch));
        written[..length].CopyTo(destination);
        return length;
    }

    /// <summary>Writes <c>price:size:</c> at <paramref name="text"/> + <paramref name="length"/> (16 bytes of slack needed after it); returns the new length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int AppendLevel(ref byte text, int length, in BookLevel level, ref byte scratch)
    {
        length += WriteTrimmed(ref Unsafe.Add(ref text, length), level.Price.Raw, level.Price.Precision, ref scratch);
        Unsafe.Add(ref text, length++) = (byte)':';
        length += WriteTrimmed(ref Unsafe.Add(ref text, length), level.Size.Raw, level.Size.Precision, ref scratch);
        Unsafe.Add(ref text, length++) = (byte)':';
        return length;
    }

    /// <summary>Writes <c>number:</c> at <paramref name="text"/> (16 bytes of slack needed after it); returns its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int WriteNumber(ref byte text, long raw, int precision, ref byte scratch)
    {
        var length = WriteTrimmed(ref text, raw, precision, ref scratch);
        Unsafe.Add(ref text, length) = (byte)':';
        return length + 1;
    }

    /// <summary>
    /// Writes the number's text at <paramref name="destination"/> (which must have 16 bytes of slack after it).
    /// Below 10^16 without a chain of divisions: the 16 digits are made in two 8-digit words at once (SWAR), the
    /// leading zeros dropped by counting digits and the trailing ones by the word's zero bytes; then two 16-byte copies.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteTrimmed(ref byte destination, long raw, int precision, ref byte scratch)
    {
        const ulong Limit = 10_000_000_000_000_000;
        if ((ulong)raw >= Limit)
        {
            return WriteTrimmedSlow(ref destination, raw, precision);
        }

        var value = (ulong)raw;
        var high = value / 100_000_000;
        var highDigits = EightDigits((uint)high);
        var lowDigits = EightDigits((uint)(value - (high * 100_000_000)));

        // The last digit sits in the word's top byte, so trailing zero digits are leading zero bytes.
        var zeros = lowDigits != 0 ? BitOperations.LeadingZeroCount(lowDigits) >> 3
            : 8 + (highDigits != 0 ? BitOperations.LeadingZeroCount(highDigits) >> 3 : 8);
        var fraction = precision - Math.Min(zeros, precision);
        var integer = Math.Max(CountDigits(value) - precision, 1);
        var first = 16 - precision - integer;
        if (Ssse3.IsSupported)
        {
            // Kept in a register and moved into place with a byte shuffle: writing the digits to memory and reading
            // them back at an offset would stall on store forwarding (one 16-byte load over two 8-byte stores).
            var text = Vector128.Create(highDigits, lowDigits).AsByte() | Vector128.Create((byte)'0');
            var indices = Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            Ssse3.Shuffle(text, indices + Vector128.Create((byte)first)).StoreUnsafe(ref destination);
            if (fraction == 0)
            {
                return integer;
            }

            Unsafe.Add(ref destination, integer) = (byte)'.';
            Ssse3.Shuffle(text, indices + Vector128.Create((byte)(16 - precision))).StoreUnsafe(ref Unsafe.Add(ref destination, integer + 1));
            return integer + 1 + fraction;
        }

        Unsafe.WriteUnaligned(ref scratch, highDigits | 0x3030303030303030UL);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref scratch, 8), lowDigits | 0x3030303030303030UL);
        Vector128.LoadUnsafe(ref scratch, (nuint)first).StoreUnsafe(ref destination);
        if (fraction == 0)
        {
            return integer;
        }

        Unsafe.Add(ref destination, integer) = (byte)'.';
        Vector128.LoadUnsafe(ref scratch, (nuint)(16 - precision)).StoreUnsafe(ref Unsafe.Add(ref destination, integer + 1));
        return integer + 1 + fraction;
    }

    /// <summary>The eight decimal digits of <paramref name="value"/> (below 10^8) as byte values 0–9, the first in the lowest byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EightDigits(uint value)
    {
        // Four lanes of two digits, then eight lanes of one, each split by a multiply-shift in place of a division.
        ulong upper = value / 10_000;
        var merged = upper | ((value - (upper * 10_000)) << 32);
        var hundreds = ((merged * 10_486) >> 20) & ((0x7FUL << 32) | 0x7F);
        var pairs = ((merged - (100 * hundreds)) << 16) + hundreds;
        var tens = ((pairs * 103) >> 10) & 0x000F_000F_000F_000FUL;
        return tens + ((pairs - (10 * tens)) << 8);
    }

    /// <summary>Negative values and values from 10^16: digit by digit.</summary>
    private static int WriteTrimmedSlow(ref byte destination, long raw, int precision)
    {
        var negative = raw < 0;
        var magnitude = negative ? (ulong)(-(raw + 1)) + 1 : (ulong)raw;
        // Drop the fraction's trailing zeros before writing, so the digits written are exactly OKX's.
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
