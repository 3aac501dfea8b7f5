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
/// unchanged levels' <c>price:size:</c> texts are copied from where they stood in the last text (found by walking both
/// lists in price order), straight into place. A text depends only on the raw price and size at the book's precisions, which are the keys, so the result
/// is exactly <see cref="OkxChecksum.Compute(L2OrderBook)"/>'s. One instance per book and thread; allocates nothing after construction.
/// </remarks>
public sealed class OkxBookChecksum
{
    // A level's "price:size:" is at most 2 × 21 + 2 = 44 bytes; copies move 48, formatting writes up to 16 past the end.
    private const int Copy = 48;
    private const int Depth = OkxChecksum.Depth;
    private const int TextCapacity = (2 * Depth * 44) + Copy;

    private static readonly long[] Pow10 =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    ];

    private readonly SideTexts _bids = new(descending: true);
    private readonly SideTexts _asks = new(descending: false);
    private L2OrderBook? _book;
    private int _checksum;
    private byte[] _text = new byte[TextCapacity];
    private byte[] _lastText = new byte[TextCapacity];
    private bool _current; // _checksum and the texts are of the book as it stands: nothing written since that was not seen

    /// <summary>The checksum of <paramref name="book"/>'s top levels; the same value as <see cref="OkxChecksum.Compute(L2OrderBook)"/>.</summary>
    public int Compute(L2OrderBook book) => Compute(book, bids: true, asks: true);

    /// <summary>
    /// The checksum of <paramref name="book"/> after <paramref name="changes"/> were applied to it, when the last call
    /// saw the book as it stood before them (else as <see cref="Compute(L2OrderBook)"/>).
    /// </summary>
    /// <remarks>
    /// A change at a price beyond a full side's 25th level leaves that side's top 25 as they were, so the side is not
    /// read again; when neither side's top was reached the text is unchanged and so is its CRC. Any write to the book
    /// that this instance does not see must be followed by <see cref="Invalidate"/>.
    /// </remarks>
    public int Compute(L2OrderBook book, ReadOnlySpan<BookDelta> changes)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (!_current || !ReferenceEquals(book, _book))
        {
            return Compute(book, bids: true, asks: true);
        }

        var bids = false;
        var asks = false;
        var precision = book.PricePrecision;
        foreach (ref readonly var change in changes)
        {
            if (change.Side == OrderSide.Buy)
            {
                bids = bids || _bids.Reaches(change, precision);
            }
            else
            {
                asks = asks || _asks.Reaches(change, precision);
            }
        }

        return bids || asks ? Compute(book, bids, asks) : _checksum;
    }

    /// <summary>Forgets which book state the remembered checksum was of: the next call reads both sides.</summary>
    public void Invalidate() => _current = false;

    [SkipLocalsInit]
    private int Compute(L2OrderBook book, bool bids, bool asks)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (!ReferenceEquals(book, _book))
        {
            // Another book may have other precisions: the remembered texts' keys would not say so.
            _bids.Forget();
            _asks.Forget();
            _book = book;
            bids = asks = true;
        }
        else if (!_current)
        {
            bids = asks = true;
        }

        Span<BookLevel> bidLevels = stackalloc BookLevel[Depth];
        Span<BookLevel> askLevels = stackalloc BookLevel[Depth];
        Span<byte> scratch = stackalloc byte[32];
        ref var digits = ref MemoryMarshal.GetReference(scratch);
        if (bids)
        {
            _bids.Begin(book.CopyLevels(OrderSide.Buy, bidLevels));
        }

        if (asks)
        {
            _asks.Begin(book.CopyLevels(OrderSide.Sell, askLevels));
        }

        // The text is written once, straight into place: an unchanged level's text is copied from where it stood in
        // the last text, a changed one formatted there.
        (_text, _lastText) = (_lastText, _text);
        ref var text = ref MemoryMarshal.GetArrayDataReference(_text);
        ref var last = ref MemoryMarshal.GetArrayDataReference(_lastText);
        var length = 0;
        var bidCount = _bids.Count;
        var askCount = _asks.Count;
        var rows = Math.Max(bidCount, askCount);
        for (var i = 0; i < rows; i++)
        {
            if (i < bidCount)
            {
                length = bids ? _bids.Write(ref text, length, ref last, bidLevels[i], i, ref digits) : _bids.Move(ref text, length, ref last, i);
            }

            if (i < askCount)
            {
                length = asks ? _asks.Write(ref text, length, ref last, askLevels[i], i, ref digits) : _asks.Move(ref text, length, ref last, i);
            }
        }

        length = Math.Max(length - 1, 0);
        _checksum = unchecked((int)~OkxCrc32.Append(0xFFFFFFFFu, _text.AsSpan(0, length)));
        _current = true;
        return _checksum;
    }

    /// <summary>One side's top levels: prices, sizes and where their texts stand in the last text, double-buffered.</summary>
    private sealed class SideTexts(bool descending)
    {
        private long[] _prices = new long[Depth];
        private long[] _sizes = new long[Depth];
        private int[] _lengths = new int[Depth];
        private int[] _offsets = new int[Depth];
        private long[] _lastPrices = new long[Depth];
        private long[] _lastSizes = new long[Depth];
        private int[] _lastLengths = new int[Depth];
        private int[] _lastOffsets = new int[Depth];
        private int _lastCount;
        private int _cursor; // the merge position in the last levels

        public int Count { get; private set; }

        public void Forget() => Count = 0;

        /// <summary>Whether <paramref name="change"/> may alter these top levels: a Set or Delete beyond a full side's last one cannot.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Reaches(in BookDelta change, byte precision)
        {
            if (Count < Depth || change.Action is not (BookAction.Set or BookAction.Delete))
            {
                return true;
            }

            // OKX's texts carry their own decimals ("30261" against a 0.1 tick): compare at the finer of the two.
            var last = _prices[Depth - 1];
            var price = change.Price.Raw;
            var shift = change.Price.Precision - precision;
            if (shift != 0 && !Rescale(ref shift < 0 ? ref price : ref last, Math.Abs(shift)))
            {
                return true;
            }

            return descending ? price >= last : price <= last;
        }

        /// <summary>Starts a pass that reads the side again: the current levels become the last ones.</summary>
        public void Begin(int count)
        {
            (_prices, _lastPrices) = (_lastPrices, _prices);
            (_sizes, _lastSizes) = (_lastSizes, _sizes);
            (_lengths, _lastLengths) = (_lastLengths, _lengths);
            (_offsets, _lastOffsets) = (_lastOffsets, _offsets);
            _lastCount = Count;
            _cursor = 0;
            Count = count;
        }

        /// <summary>Writes the text of <paramref name="level"/> (rank <paramref name="i"/>) at <paramref name="length"/>: copied from the last text when the level is unchanged.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Write(ref byte text, int length, ref byte last, in BookLevel level, int i, ref byte digits)
        {
            var price = level.Price.Raw;
            var size = level.Size.Raw;
            var lastPrices = _lastPrices;
            var j = _cursor;
            // Both lists are in price order, so the last text for this price, if any, is at or after j.
            while (j < _lastCount && (descending ? lastPrices[j] > price : lastPrices[j] < price))
            {
                j++;
            }

            _cursor = j;
            int written;
            if (j < _lastCount && lastPrices[j] == price && _lastSizes[j] == size)
            {
                written = _lastLengths[j];
                CopyText(ref Unsafe.Add(ref last, _lastOffsets[j]), ref Unsafe.Add(ref text, length));
            }
            else
            {
                written = OkxChecksum.AppendLevel(ref Unsafe.Add(ref text, length), 0, level, ref digits);
            }

            _prices[i] = price;
            _sizes[i] = size;
            _lengths[i] = written;
            _offsets[i] = length;
            return length + written;
        }

        /// <summary>Copies the text of the unchanged level at rank <paramref name="i"/> from the last text.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Move(ref byte text, int length, ref byte last, int i)
        {
            CopyText(ref Unsafe.Add(ref last, _offsets[i]), ref Unsafe.Add(ref text, length));
            _offsets[i] = length;
            return length + _lengths[i];
        }

        private static bool Rescale(ref long value, int decimals)
        {
            if (decimals > 18)
            {
                return false;
            }

            var factor = Pow10[decimals];
            if (value > long.MaxValue / factor || value < long.MinValue / factor)
            {
                return false;
            }

            value *= factor;
            return true;
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
