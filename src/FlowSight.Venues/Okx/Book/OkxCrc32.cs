using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FlowSight.Venues.Okx.Book;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected, as zlib) on the running, not yet inverted, state. OKX's checksum text is ~0.5–1.5 KB,
/// and a byte-at-a-time table walk is a chain of dependent loads (~6 cycles a byte): most of the checksum's cost.
/// With PCLMULQDQ the text is folded 64 bytes at a time (Intel's "Fast CRC Computation Using PCLMULQDQ", the
/// reflected constants zlib and Linux use); otherwise, and for the tail, slicing-by-8 tables.
/// </summary>
internal static class OkxCrc32
{
    private const uint Polynomial = 0xEDB88320u;

    // x^(4·128+32) and x^(4·128-32) mod P, bit-reflected (fold 512 bits), then the same for 128 bits, then 64 → 32.
    private const ulong K1 = 0x0154442bd4, K2 = 0x01c6e41596, K3 = 0x01751997d0, K4 = 0x00ccaa009e, K5 = 0x0163cd6124;

    // P(x) and floor(x^64 / P(x)), bit-reflected, for the Barrett reduction.
    private const ulong PolyReflected = 0x01db710641, Mu = 0x01f7011641;

    private static readonly uint[] Tables = BuildTables();

    /// <summary>Continues <paramref name="crc"/> (the running state: start from 0xFFFFFFFF, invert at the end) over <paramref name="bytes"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> bytes)
    {
        if (Pclmulqdq.IsSupported && Sse41.IsSupported && bytes.Length >= 64)
        {
            var folded = bytes.Length & ~15;
            crc = Fold(crc, ref MemoryMarshal.GetReference(bytes), folded);
            bytes = bytes[folded..];
        }

        return AppendSliced(crc, bytes);
    }

    /// <summary>
    /// The register left by feeding the eight bytes of <paramref name="word"/> (little-endian) to a zero register: the
    /// 64-bit reflected polynomial times x^32 mod P. Linear, so a sum of carry-less products is reduced once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Reduce64(ulong word)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(Tables);
        var lo = (uint)word;
        var hi = (uint)(word >> 32);
        return Unsafe.Add(ref table, (7 * 256) + (int)(lo & 0xFF))
            ^ Unsafe.Add(ref table, (6 * 256) + (int)((lo >> 8) & 0xFF))
            ^ Unsafe.Add(ref table, (5 * 256) + (int)((lo >> 16) & 0xFF))
            ^ Unsafe.Add(ref table, (4 * 256) + (int)(lo >> 24))
            ^ Unsafe.Add(ref table, (3 * 256) + (int)(hi & 0xFF))
            ^ Unsafe.Add(ref table, (2 * 256) + (int)((hi >> 8) & 0xFF))
            ^ Unsafe.Add(ref table, 256 + (int)((hi >> 16) & 0xFF))
            ^ Unsafe.Add(ref table, (int)(hi >> 24));
    }

    /// <summary>
    /// Shift constants, bit-reflected, for j = 0…<paramref name="count"/>−1: forward, <c>x^(8·(j−1)−33) mod P</c>,
    /// which carry-less multiplied by a register and reduced with <see cref="Reduce64"/> shifts it by <c>j − 1</c>
    /// bytes (the clmul of two reflected values is the product times x; the reduction multiplies by x^32); backward,
    /// <c>x^(−8·j−33) mod P</c>, a shift back by j bytes. Negative powers use x⁻¹, which exists because P(0) = 1.
    /// </summary>
    internal static uint[] BuildShiftTable(int count, bool forward)
    {
        // Normal (not reflected) form: bit k is the coefficient of x^k; P = x^32 + 0x04C11DB7.
        const uint Normal = 0x04C11DB7u;
        var power = 1u; // x^0
        for (var i = 0; i < (forward ? 41 : 33); i++)
        {
            power = DivideByX(power);
        }

        var table = new uint[count];
        for (var j = 0; j < count; j++)
        {
            table[j] = ReverseBits(power);
            for (var k = 0; k < 8; k++)
            {
                power = forward ? ((power & 0x8000_0000u) != 0 ? (power << 1) ^ Normal : power << 1) : DivideByX(power);
            }
        }

        return table;

        // An odd polynomial first gets P added, which makes it divisible by x (P(0) = 1).
        static uint DivideByX(uint value) => (value & 1) != 0 ? ((value ^ Normal) >> 1) | 0x8000_0000u : value >> 1;
    }

    private static uint ReverseBits(uint value)
    {
        var reversed = 0u;
        for (var i = 0; i < 32; i++)
        {
            reversed = (reversed << 1) | ((value >> i) & 1);
        }

        return reversed;
    }

    /// <summary>Slicing-by-8 (and a byte loop for the last 0–7 bytes).</summary>
    internal static uint AppendSliced(uint crc, ReadOnlySpan<byte> bytes)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(Tables);
        ref var start = ref MemoryMarshal.GetReference(bytes);
        var length = bytes.Length;
        var i = 0;
        for (; i + 8 <= length; i += 8)
        {
            var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i));
            if (!BitConverter.IsLittleEndian)
            {
                word = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(word);
            }

            var lo = (uint)word ^ crc;
            var hi = (uint)(word >> 32);
            crc = Unsafe.Add(ref table, (7 * 256) + (int)(lo & 0xFF))
                ^ Unsafe.Add(ref table, (6 * 256) + (int)((lo >> 8) & 0xFF))
                ^ Unsafe.Add(ref table, (5 * 256) + (int)((lo >> 16) & 0xFF))
                ^ Unsafe.Add(ref table, (4 * 256) + (int)(lo >> 24))
                ^ Unsafe.Add(ref table, (3 * 256) + (int)(hi & 0xFF))
                ^ Unsafe.Add(ref table, (2 * 256) + (int)((hi >> 8) & 0xFF))
                ^ Unsafe.Add(ref table, 256 + (int)((hi >> 16) & 0xFF))
                ^ Unsafe.Add(ref table, (int)(hi >> 24));
        }

        for (; i < length; i++)
        {
            crc = Unsafe.Add(ref table, (int)((crc ^ Unsafe.Add(ref start, i)) & 0xFF)) ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>Folds <paramref name="length"/> bytes (a multiple of 16, at least 64) with carry-less multiplication.</summary>
    private static uint Fold(uint crc, ref byte data, int length)
    {
        var x1 = Load(ref data, 0) ^ Vector128.CreateScalar(crc).AsUInt64();
        var x2 = Load(ref data, 16);
        var x3 = Load(ref data, 32);
        var x4 = Load(ref data, 48);
        var offset = 64;

        var k = Vector128.Create(K1, K2);
        for (; offset + 64 <= length; offset += 64)
        {
            x1 = FoldInto(x1, k, Load(ref data, offset));
            x2 = FoldInto(x2, k, Load(ref data, offset + 16));
            x3 = FoldInto(x3, k, Load(ref data, offset + 32));
            x4 = FoldInto(x4, k, Load(ref data, offset + 48));
        }

        k = Vector128.Create(K3, K4);
        x1 = FoldInto(x1, k, x2);
        x1 = FoldInto(x1, k, x3);
        x1 = FoldInto(x1, k, x4);
        for (; offset < length; offset += 16)
        {
            x1 = FoldInto(x1, k, Load(ref data, offset));
        }

        // 128 → 64 bits.
        var mask32 = Vector128.Create(~0u, 0, ~0u, 0).AsUInt64();
        var x = Pclmulqdq.CarrylessMultiply(x1, k, 0x10);
        x1 = Sse2.ShiftRightLogical128BitLane(x1, 8) ^ x;
        x = Sse2.ShiftRightLogical128BitLane(x1, 4);
        x1 = Pclmulqdq.CarrylessMultiply(x1 & mask32, Vector128.CreateScalar(K5), 0x00) ^ x;

        // Barrett reduction to 32 bits.
        var poly = Vector128.Create(PolyReflected, Mu);
        x = Pclmulqdq.CarrylessMultiply(x1 & mask32, poly, 0x10);
        x = Pclmulqdq.CarrylessMultiply(x & mask32, poly, 0x00);
        x1 ^= x;
        return Sse41.Extract(x1.AsUInt32(), 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> FoldInto(Vector128<ulong> acc, Vector128<ulong> k, Vector128<ulong> next) =>
        Pclmulqdq.CarrylessMultiply(acc, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(acc, k, 0x11) ^ next;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ref byte data, int offset) =>
        Vector128.LoadUnsafe(ref Unsafe.Add(ref data, offset)).AsUInt64();

    private static uint[] BuildTables()
    {
        var tables = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            tables[n] = c;
        }

        for (var t = 1; t < 8; t++)
        {
            for (var n = 0; n < 256; n++)
            {
                var previous = tables[((t - 1) * 256) + n];
                tables[(t * 256) + n] = tables[(int)(previous & 0xFF)] ^ (previous >> 8);
            }
        }

        return tables;
    }
}
