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
    private int _pricePrecision;
    private long _bidBound = long.MaxValue; // the last Compute's worst ranked bid (MinValue when fewer than Depth)
    private long _askBound = long.MinValue;

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
        _pricePrecision = book.PricePrecision;
        _bidBound = bidCount < Depth ? long.MinValue : bidPrices[bidCount - 1];
        _askBound = askCount < Depth ? long.MaxValue : askPrices[askCount - 1];
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

    /// <summary>
    /// Whether a level set at this price is likely among the ranks the next <see cref="Compute"/> hashes (within the
    /// last one's top <see cref="OkxChecksum.Depth"/>): most levels of an update are further out, and hashing their
    /// text would cost more than it saves. Only a hint: a level it misses is formatted by <see cref="Compute"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsRanked(long priceRaw, byte priceDecimals, OrderSide side)
    {
        var scale = _pricePrecision - priceDecimals;
        if ((uint)scale > 9)
        {
            return false;
        }

        var price = priceRaw * Pow10[scale]; // a wrapped product only misjudges the hint; AddLevelText checks again
        return side == OrderSide.Buy ? price >= _bidBound : price <= _askBound;
    }

    /// <summary>
    /// Remembers the part of a level the fused parser just set in <paramref name="book"/>, hashed from the frame's
    /// own text (<paramref name="price"/> and <paramref name="size"/>: the 16 bytes from each text's start, lengths
    /// ≤ 15), so <see cref="Compute"/> finds it instead of formatting the level again. Only texts in the form the
    /// formatter writes (no leading zero before a digit, no trailing zero after the dot) and values at most at the
    /// book's precisions: that text is the number's only such form, so the part is exactly the one formatted from
    /// the raw values. Anything else is left to <see cref="Compute"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void AddLevelText(L2OrderBook book, Vector128<byte> price, int priceLength, long priceRaw, byte priceDecimals, Vector128<byte> size, int sizeLength, long sizeRaw, byte sizeDecimals)
    {
        if (!ReferenceEquals(book, _book) || !Pclmulqdq.IsSupported
            || !TryScale(priceRaw, priceDecimals, book.PricePrecision, out var bookPrice)
            || !TryScale(sizeRaw, sizeDecimals, book.SizePrecision, out var bookSize)
            || !IsCanonical(price, priceLength, priceDecimals) || !IsCanonical(size, sizeLength, sizeDecimals))
        {
            return;
        }

        ref var entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cache), (nint)((ulong)bookPrice * 0x9E37_79B9_7F4A_7C15UL >> _cacheShift));
        if (entry.Price == bookPrice && entry.Size == bookSize && entry.Length != 0)
        {
            return;
        }

        // As Fill: each text with its ':' hashed in whole 8-byte words, then joined by one shift.
        var priceCrc = PartCrc(price, priceLength, out var pricePadded);
        var sizeCrc = PartCrc(size, sizeLength, out var sizePadded);
        var pricePadding = pricePadded - priceLength - 1;
        entry.Crc = OkxCrc32.Reduce64(Term(priceCrc, Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Shifts), sizePadded - pricePadding + 1))) ^ sizeCrc;
        entry.Length = (ushort)(priceLength + sizeLength + 2);
        entry.Padding = (ushort)(sizePadded - sizeLength - 1);
        entry.PriceCrc = priceCrc;
        entry.PriceLength = (byte)(priceLength + 1);
        entry.PricePadding = (byte)pricePadding;
        entry.Price = bookPrice;
        entry.Size = bookSize;

        static bool TryScale(long raw, byte decimals, byte precision, out long scaled)
        {
            scaled = raw;
            if (decimals == precision)
            {
                return raw > 0;
            }

            if (decimals > precision)
            {
                return false;
            }

            var factor = Pow10[precision - decimals];
            scaled = raw * factor;
            return raw > 0 && raw <= long.MaxValue / factor;
        }

        static bool IsCanonical(Vector128<byte> text, int length, byte decimals)
        {
            var first = text.GetElement(0);
            return (first != (byte)'0' || length == 1 || text.GetElement(1) == (byte)'.')
                && (decimals == 0 || text.GetElement(length - 1) != (byte)'0');
        }

        // The CRC (from a zero register) of text[..length] ‖ ':' ‖ zeros up to 8 or 16 bytes, from the register.
        static uint PartCrc(Vector128<byte> text, int length, out int padded)
        {
            var lanes = Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            var bound = Vector128.Create((byte)length);
            var part = (text & Vector128.LessThan(lanes, bound)) | (Vector128.Equals(lanes, bound) & Vector128.Create((byte)':'));
            var words = part.AsUInt64();
            var crc = OkxCrc32.Reduce64(words.ToScalar());
            if (length < 8)
            {
                padded = 8;
                return crc;
            }

            padded = 16;
            return OkxCrc32.Reduce64(words.GetElement(1) ^ crc);
        }
    }

    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000];

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
