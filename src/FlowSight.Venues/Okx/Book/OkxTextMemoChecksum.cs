using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Venues.Okx.Book;

/// <summary>
/// <see cref="OkxChecksum"/> for one book, verified after every message: remembers the text of the last top
/// <see cref="OkxChecksum.Depth"/> levels per side and formats only the levels whose price or size changed since.
/// </summary>
/// <remarks>
/// An update changes a few of the 50 levels hashed, and formatting a level costs more than hashing it, so the
/// unchanged levels' <c>price:size:</c> texts are copied from the last call (found by walking both lists in price
/// order). A text depends only on the raw price and size at the book's precisions, which are the keys, so the result
/// is exactly <see cref="OkxChecksum.Compute(L2OrderBook)"/>'s. One instance per book and thread; allocates nothing after construction.
/// </remarks>
internal sealed class OkxTextMemoChecksum
{
    // A level's "price:size:" is at most 2 × 21 + 2 = 44 bytes; copies move 48, formatting writes up to 16 past the end.
    private const int Stride = 64;
    private const int Copy = 48;
    private const int Depth = OkxChecksum.Depth;

    private readonly SideTexts _bids = new(descending: true);
    private readonly SideTexts _asks = new(descending: false);
    private L2OrderBook? _book;

    /// <summary>The checksum of <paramref name="book"/>'s top levels; the same value as <see cref="OkxChecksum.Compute(L2OrderBook)"/>.</summary>
    [SkipLocalsInit]
    public int Compute(L2OrderBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (!ReferenceEquals(book, _book))
        {
            // Another book may have other precisions: the remembered texts' keys would not say so.
            _bids.Forget();
            _asks.Forget();
            _book = book;
        }

        Span<BookLevel> levels = stackalloc BookLevel[Depth];
        Span<byte> scratch = stackalloc byte[32];
        ref var digits = ref MemoryMarshal.GetReference(scratch);
        _bids.Update(levels[..book.CopyLevels(OrderSide.Buy, levels)], ref digits);
        _asks.Update(levels[..book.CopyLevels(OrderSide.Sell, levels)], ref digits);

        Span<byte> text = stackalloc byte[(2 * Depth * 44) + Copy];
        ref var start = ref MemoryMarshal.GetReference(text);
        var length = 0;
        var rows = Math.Max(_bids.Count, _asks.Count);
        for (var i = 0; i < rows; i++)
        {
            if (i < _bids.Count)
            {
                length = _bids.AppendTo(ref start, length, i);
            }

            if (i < _asks.Count)
            {
                length = _asks.AppendTo(ref start, length, i);
            }
        }

        length = Math.Max(length - 1, 0);
        return unchecked((int)~OkxCrc32.Append(0xFFFFFFFFu, text[..length]));
    }

    /// <summary>One side's top levels and their texts, double-buffered: the last call's and the current one.</summary>
    private sealed class SideTexts(bool descending)
    {
        private long[] _prices = new long[Depth];
        private long[] _sizes = new long[Depth];
        private int[] _lengths = new int[Depth];
        private byte[] _texts = new byte[Depth * Stride];
        private long[] _lastPrices = new long[Depth];
        private long[] _lastSizes = new long[Depth];
        private int[] _lastLengths = new int[Depth];
        private byte[] _lastTexts = new byte[Depth * Stride];

        public int Count { get; private set; }

        public void Forget() => Count = 0;

        public void Update(ReadOnlySpan<BookLevel> levels, ref byte scratch)
        {
            (_prices, _lastPrices) = (_lastPrices, _prices);
            (_sizes, _lastSizes) = (_lastSizes, _sizes);
            (_lengths, _lastLengths) = (_lastLengths, _lengths);
            (_texts, _lastTexts) = (_lastTexts, _texts);
            var lastCount = Count;
            var lastPrices = _lastPrices;
            ref var lastTexts = ref MemoryMarshal.GetArrayDataReference(_lastTexts);
            ref var texts = ref MemoryMarshal.GetArrayDataReference(_texts);
            var j = 0;
            for (var i = 0; i < levels.Length; i++)
            {
                ref readonly var level = ref levels[i];
                var price = level.Price.Raw;
                var size = level.Size.Raw;
                // Both lists are in price order, so the last text for this price, if any, is at or after j.
                while (j < lastCount && (descending ? lastPrices[j] > price : lastPrices[j] < price))
                {
                    j++;
                }

                ref var destination = ref Unsafe.Add(ref texts, i * Stride);
                if (j < lastCount && lastPrices[j] == price && _lastSizes[j] == size)
                {
                    CopyText(ref Unsafe.Add(ref lastTexts, j * Stride), ref destination);
                    _lengths[i] = _lastLengths[j];
                }
                else
                {
                    _lengths[i] = OkxChecksum.AppendLevel(ref destination, 0, level, ref scratch);
                }

                _prices[i] = price;
                _sizes[i] = size;
            }

            Count = levels.Length;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int AppendTo(ref byte text, int length, int index)
        {
            CopyText(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_texts), index * Stride), ref Unsafe.Add(ref text, length));
            return length + _lengths[index];
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void CopyText(ref byte source, ref byte destination)
        {
            Vector128.LoadUnsafe(ref source).StoreUnsafe(ref destination);
            Vector128.LoadUnsafe(ref source, 16).StoreUnsafe(ref destination, 16);
            Vector128.LoadUnsafe(ref source, 32).StoreUnsafe(ref destination, 32);
        }
    }
}
