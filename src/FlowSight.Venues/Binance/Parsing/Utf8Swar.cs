using System.Numerics;
using System.Runtime.CompilerServices;

namespace FlowSight.Venues.Binance.Parsing;

/// <summary>
/// "SIMD within a register" helpers: eight bytes of a frame in one <see cref="ulong"/> (little-endian, so the first
/// byte is the lowest). Parsing digits one at a time is bound by the multiply-add chain (about four cycles a
/// digit); converting eight at once takes a handful of independent operations. Binance's numbers (13-digit times,
/// 10-13 digit ids, 5-8 digit prices) are where a frame's time goes.
/// </summary>
internal static class Utf8Swar
{
    /// <summary>'0' in every byte.</summary>
    public const ulong Zeros = 0x3030303030303030UL;
    private const ulong HighNibbles = 0xF0F0F0F0F0F0F0F0UL;
    private const ulong Ones = 0x0101010101010101UL;
    private const ulong HighBits = 0x8080808080808080UL;

    /// <summary>10^0 … 10^8, to append a chunk of n digits to a value.</summary>
    private static readonly ulong[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <summary>The eight bytes at <paramref name="index"/>; past the end they read as 0 (which is neither a digit nor a quote).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load(ReadOnlySpan<byte> buffer, int index)
    {
        if ((uint)index <= (uint)(buffer.Length - 8))
        {
            return Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(buffer), index));
        }

        return LoadTail(buffer, index);
    }

    private static ulong LoadTail(ReadOnlySpan<byte> buffer, int index)
    {
        ulong value = 0;
        for (var k = buffer.Length - 1; k >= index && k >= 0; k--)
        {
            value = (value << 8) | buffer[k];
        }

        return value;
    }

    /// <summary>How many of the chunk's bytes, from the first, are ASCII digits (0 … 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LeadingDigits(ulong chunk)
    {
        // A byte is a digit when its high nibble is 3 and adding 6 keeps it 3 (0x30-0x39). A carry out of a byte
        // at or above 0xFA can spoil the test of the bytes after it, never of those before: the first non-digit is exact.
        var nonDigit = ((chunk & HighNibbles) ^ Zeros) | (((chunk + 0x0606060606060606UL) & HighNibbles) ^ Zeros);
        return BitOperations.TrailingZeroCount(nonDigit) >> 3; // 64 >> 3 = 8 when all are digits
    }

    /// <summary>The value of the chunk's first <paramref name="count"/> (1 … 8) bytes, which are digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong DigitsValue(ulong chunk, int count)
    {
        // Shift the digits to the top so the bytes after them fall off and zeros (leading zeros) come in below;
        // any borrow from a byte below '0' after the digits goes upward, into bytes that fall off too.
        var x = (chunk - Zeros) << ((8 - count) * 8);
        x = (x * 10) + (x >> 8);
        return (((x & 0x000000FF000000FFUL) * (100 + (1_000_000UL << 32)))
            + (((x >> 16) & 0x000000FF000000FFUL) * (1 + (10_000UL << 32)))) >> 32;
    }

    /// <summary>
    /// The value of the chunk's first <paramref name="count"/> (1 … 8) bytes, and whether they are all digits: a
    /// cheaper check than <see cref="LeadingDigits"/> when the count is already known (from the closing quote).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryDigitsValue(ulong chunk, int count, out ulong value)
    {
        var x = (chunk - Zeros) << ((8 - count) * 8);
        // Each byte must now be 0 … 9: a byte above 9 crosses 0x80 when 0x76 is added, one below '0' already has.
        // Carries and borrows only start at a bad byte and only move up, so they cannot hide one.
        var bad = (x | (x + 0x7676767676767676UL)) & HighBits;
        x = (x * 10) + (x >> 8);
        value = (((x & 0x000000FF000000FFUL) * (100 + (1_000_000UL << 32)))
            + (((x >> 16) & 0x000000FF000000FFUL) * (1 + (10_000UL << 32)))) >> 32;
        return bad == 0;
    }

    /// <summary>
    /// True when every byte of both words is 0 … 9: words of digit values, as <see cref="TryDigitsValue"/> makes them
    /// (<c>(chunk − '0'…) &lt;&lt; (8 − count) × 8</c>); one test for two numbers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AreDigitValues(ulong a, ulong b) =>
        ((a | (a + 0x7676767676767676UL) | b | (b + 0x7676767676767676UL)) & HighBits) == 0;

    /// <summary>The number whose digits are the bytes of <paramref name="x"/> (each 0 … 9, the first digit lowest).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ValueOfDigitValues(ulong x)
    {
        x = (x * 10) + (x >> 8);
        return (((x & 0x000000FF000000FFUL) * (100 + (1_000_000UL << 32)))
            + (((x >> 16) & 0x000000FF000000FFUL) * (1 + (10_000UL << 32)))) >> 32;
    }

    /// <summary>Appends <paramref name="count"/> more digits worth <paramref name="digits"/> to <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Append(ulong value, ulong digits, int count) => (value * Pow10[count]) + digits;

    /// <summary>The index (0 … 7) of the first byte equal to <paramref name="value"/>, or 8 if there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOf(ulong chunk, byte value)
    {
        var x = chunk ^ (Ones * value);
        var found = (x - Ones) & ~x & HighBits;
        return BitOperations.TrailingZeroCount(found) >> 3; // 64 >> 3 = 8 when there is none
    }

    /// <summary>
    /// The chunk with the byte at <paramref name="index"/> (0 … 7) taken out and the bytes after it moved down one:
    /// <c>61800.30</c> becomes <c>6180030</c>, so a price with its dot converts in one step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong RemoveByte(ulong chunk, int index)
    {
        var below = (1UL << (index * 8)) - 1;
        return (chunk & below) | ((chunk >> 8) & ~below);
    }

    /// <summary>
    /// The eight bytes starting <paramref name="offset"/> (0 … 15) bytes into the 16 bytes <paramref name="low"/>:<paramref name="high"/>
    /// (bytes past the sixteenth read as 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Window(ulong low, ulong high, int offset)
    {
        // C# masks shift counts to 0…63, so the ends are spelled out.
        return offset == 0 ? low
            : offset < 8 ? (low >> (offset * 8)) | (high << (64 - (offset * 8)))
            : offset == 8 ? high
            : high >> ((offset - 8) * 8);
    }

    /// <summary>The index (0 … 7) of the first '"' or '\' in the chunk, or 8 if there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int QuoteOrBackslash(ulong chunk)
    {
        var quote = chunk ^ 0x2222222222222222UL;
        var backslash = chunk ^ 0x5C5C5C5C5C5C5C5CUL;
        // The classic "has a zero byte" test: exact for the lowest zero byte, which is all that is used.
        var found = ((quote - Ones) & ~quote & HighBits) | ((backslash - Ones) & ~backslash & HighBits);
        return BitOperations.TrailingZeroCount(found) >> 3; // 64 >> 3 = 8 when there is none
    }
}
