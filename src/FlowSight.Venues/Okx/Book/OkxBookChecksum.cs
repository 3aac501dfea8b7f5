using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Venues.Okx.Book;

/// <summary>
/// <see cref="OkxChecksum"/> for one book, verified after every message, without building the checksum text: the
/// CRC of each level's <c>price:size:</c> is remembered, and the CRC of the whole text is combined from them.
/// </summary>
/// <remarks>
/// <para>CRC32 is linear: the CRC of a concatenation is the XOR of each part's CRC (from a zero register) shifted by
/// the bytes that follow it, and a shift by n bytes is a carry-less multiplication by x^(8n) mod P. So the checksum is
/// one PCLMULQDQ per level (against a table of shifts) XORed together and reduced once; the init value and the
/// dropped last ':' are two more terms. Nothing is copied or hashed except the texts of levels not seen before.</para>
/// <para>A level's part depends only on its raw price and size at the book's precisions, so it is kept in a
/// direct-mapped table keyed by price and checked against both values: a changed size or a collision just
/// recomputes it. The result is exactly <see cref="OkxChecksum.Compute(L2OrderBook)"/>'s (without PCLMULQDQ it is
/// that). One instance per book and thread; allocates nothing after construction.</para>
/// </remarks>
public sealed class OkxBookChecksum
{
    private const int Depth = OkxChecksum.Depth;
    private const int MaxLevelText = (2 * OkxChecksum.MaxNumber) + 2;
    private const int DefaultCacheBits = 10;

    // Shifts for every suffix length a text of 2 × 25 levels can have, plus one.
    private static readonly uint[] Shifts = OkxCrc32.BuildShiftTable((2 * Depth * MaxLevelText) + 2, forward: true);
    private static readonly uint[] BackShifts = OkxCrc32.BuildShiftTable((2 * Depth * MaxLevelText) + 16, forward: false);

    // The register after ':' alone, from zero.
    private static readonly uint Colon = OkxCrc32.AppendSliced(0, ":"u8);

    private readonly Entry[] _cache;
    private readonly Entry[] _bidRanks = new Entry[Depth];
    private readonly Entry[] _askRanks = new Entry[Depth];
    private readonly int _cacheShift;
    private L2OrderBook? _book;

    /// <summary>Creates an empty checksum memory (about 34 KB: 1,024 table entries and 2 × 25 ranks of 32 bytes).</summary>
    public OkxBookChecksum()
        : this(DefaultCacheBits)
    {
    }

    internal OkxBookChecksum(int cacheBits)
    {
        _cache = new Entry[1 << cacheBits];
        _cacheShift = 64 - cacheBits;
    }

    /// <summary>The checksum of <paramref name="book"/>'s top levels; the same value as <see cref="OkxChecksum.Compute(L2OrderBook)"/>.</summary>
    [SkipLocalsInit]
    public int Compute(L2OrderBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (!Pclmulqdq.IsSupported)
        {
            return OkxChecksum.Compute(book);
        }

        if (!ReferenceEquals(book, _book))
        {
            // Another book may have other precisions: the remembered parts' keys would not say so.
            Array.Clear(_cache);
            Array.Clear(_bidRanks);
            Array.Clear(_askRanks);
            _book = book;
        }

        Span<long> bidPrices = stackalloc long[Depth];
        Span<long> bidSizes = stackalloc long[Depth];
        Span<long> askPrices = stackalloc long[Depth];
        Span<long> askSizes = stackalloc long[Depth];
        var bidCount = book.CopyRawLevels(OrderSide.Buy, bidPrices, bidSizes);
        var askCount = book.CopyRawLevels(OrderSide.Sell, askPrices, askSizes);
        if (bidCount + askCount == 0)
        {
            return 0;
        }

        // Each rank's part: the last call's at the same rank when its level is unchanged (most are), else the table's.
        ref var cache = ref MemoryMarshal.GetArrayDataReference(_cache);
        Resolve(ref cache, _cacheShift, _bidRanks, bidPrices[..bidCount], bidSizes, book);
        Resolve(ref cache, _cacheShift, _askRanks, askPrices[..askCount], askSizes, book);

        // The parts in text order (bid 0, ask 0, bid 1, ...), each as crc · x^(−8·end): the text's bytes after a part
        // are only known at the end, so every part is shifted back by where it ends and the sum forward once by the length.
        ref var back = ref MemoryMarshal.GetArrayDataReference(BackShifts);
        ref var bids = ref MemoryMarshal.GetArrayDataReference(_bidRanks);
        ref var asks = ref MemoryMarshal.GetArrayDataReference(_askRanks);
        ulong sum = 0;
        var length = 0;
        var rows = Math.Max(bidCount, askCount);
        for (var i = 0; i < rows; i++)
        {
            if (i < bidCount)
            {
                ref readonly var part = ref Unsafe.Add(ref bids, i);
                length += part.Length;
                sum ^= Term(part.Crc, Unsafe.Add(ref back, length + part.Padding));
            }

            if (i < askCount)
            {
                ref readonly var part = ref Unsafe.Add(ref asks, i);
                length += part.Length;
                sum ^= Term(part.Crc, Unsafe.Add(ref back, length + part.Padding));
            }
        }

        // The text is the parts without the last ':': (Σ ⊕ init) · x^(8·(length − 1)) ⊕ crc(':') · x^(−8).
        ref var shifts = ref MemoryMarshal.GetArrayDataReference(Shifts);
        var parts = OkxCrc32.Reduce64(sum) ^ 0xFFFFFFFFu;
        return unchecked((int)~OkxCrc32.Reduce64(Term(parts, Unsafe.Add(ref shifts, length)) ^ Term(Colon, shifts)));
    }

    /// <summary>crc × shift, carry-less: below 2^63, so one 64-bit word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Term(uint crc, uint shift) =>
        Pclmulqdq.CarrylessMultiply(Vector128.CreateScalarUnsafe((ulong)crc), Vector128.CreateScalarUnsafe((ulong)shift), 0x00).ToScalar();

    private static void Resolve(ref Entry cache, int shift, Entry[] ranks, ReadOnlySpan<long> prices, ReadOnlySpan<long> sizes, L2OrderBook book)
    {
        ref var rank = ref MemoryMarshal.GetArrayDataReference(ranks);
        for (var i = 0; i < prices.Length; i++)
        {
            var price = prices[i];
            var size = sizes[i];
            ref var part = ref Unsafe.Add(ref rank, i);
            if (part.Price == price && part.Size == size && part.Length != 0)
            {
                continue;
            }

            ref var entry = ref Unsafe.Add(ref cache, (nint)((ulong)price * 0x9E37_79B9_7F4A_7C15UL >> shift));
            if (entry.Price != price || entry.Size != size || entry.Length == 0)
            {
                // A new size at a known price (the usual change) re-uses the price's text from the rank or the table.
                Fill(ref entry, price, size, book.PricePrecision, book.SizePrecision, ref part.Price == price && part.PriceLength != 0 ? ref part : ref entry);
            }

            part = entry;
        }
    }

    /// <summary>
    /// Makes <paramref name="entry"/> the part of (<paramref name="price"/>, <paramref name="size"/>): <c>price:</c>
    /// from <paramref name="known"/> when it has the same price, else formatted; <c>size:</c> formatted; each hashed in
    /// whole 8-byte words (trailing zeros multiply a CRC by x^8 each, which the shifts undo), then joined by one shift.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Fill(ref Entry entry, long price, long size, byte pricePrecision, byte sizePrecision, ref Entry known)
    {
        Span<byte> text = stackalloc byte[(2 * OkxChecksum.MaxNumber) + 32];
        Span<byte> scratch = stackalloc byte[32];
        ref var start = ref MemoryMarshal.GetReference(text);
        ref var digits = ref MemoryMarshal.GetReference(scratch);
        uint priceCrc;
        int priceLength;
        int pricePadding;
        if (known.Price == price && known.PriceLength != 0)
        {
            priceCrc = known.PriceCrc;
            priceLength = known.PriceLength;
            pricePadding = known.PricePadding;
        }
        else
        {
            priceLength = OkxChecksum.WriteNumber(ref start, price, pricePrecision, ref digits);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, priceLength), 0UL);
            var padded = (priceLength + 7) & ~7;
            priceCrc = OkxCrc32.AppendSliced(0, text[..padded]);
            pricePadding = padded - priceLength;
        }

        var sizeLength = OkxChecksum.WriteNumber(ref start, size, sizePrecision, ref digits);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, sizeLength), 0UL);
        var sizePadded = (sizeLength + 7) & ~7;
        var sizeCrc = OkxCrc32.AppendSliced(0, text[..sizePadded]);

        // price: ‖ size: ‖ zeros — the price's CRC (with its own zeros) shifted by what follows it, minus its zeros.
        var following = sizePadded - pricePadding;
        entry.Crc = OkxCrc32.Reduce64(Term(priceCrc, Shifts[following + 1])) ^ sizeCrc;
        entry.Length = (ushort)(priceLength + sizeLength);
        entry.Padding = (ushort)(sizePadded - sizeLength);
        entry.PriceCrc = priceCrc;
        entry.PriceLength = (byte)priceLength;
        entry.PricePadding = (byte)pricePadding;
        entry.Price = price;
        entry.Size = size;
    }

    /// <summary>A level's <c>price:size:</c> followed by <see cref="Padding"/> zero bytes: its CRC (from a zero register) and length; Length 0 = empty.</summary>
    private struct Entry
    {
        public long Price;
        public long Size;
        public uint Crc;
        public ushort Length;
        public ushort Padding;
        public uint PriceCrc; // price: followed by PricePadding zero bytes
        public byte PriceLength; // 0 = unknown
        public byte PricePadding;
    }
}
