using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FlowSight.Engine.OrderBook;

/// <summary>
/// One side of an <see cref="L2OrderBook"/>: a tick-indexed ladder for the <see cref="Window"/> price steps nearest the
/// touch, and <see cref="L2BlockedLevels"/> (blocked sorted arrays) for the levels beyond it. Keys are the raw price
/// for bids and the negated raw price for asks, so "a higher key" means "nearer the touch" on both sides.
/// </summary>
/// <remarks>
/// <para>The ladder: slot <c>i</c> holds the size at key <c>base + i × spacing</c> (0 = no level), with an occupancy
/// bitmap and a one-bit-per-word summary so the best level and ordered walks skip empty slots 64 at a time. The
/// spacing is detected, not configured: the gcd of the differences between the prices seen (10 raw units for
/// Binance BTCUSDT futures, whose prices have 2 decimals and a 0.10 tick); a price off that grid lowers it (the
/// ladder is rebuilt at the new spacing). An update inside the window is one division by a multiply and one read,
/// whatever the book's depth: on Binance's BTCUSDT diffs 95 % of the levels land there (the rest are more than ~1,200 USDT from the touch).</para>
/// <para>Invariant: every level at or above <c>base</c> is in the ladder (nothing lies above the window) and every
/// level below it is in the blocked arrays. A new level above the window moves the window up (the levels that fall out
/// of its bottom go to the top of the blocked arrays); when the best level drops into the bottom quarter of the window
/// while levels remain below, the window moves down and pulls them in. Both put the best level at three quarters of
/// the window, so only a move of a quarter window (4,096 steps, 409.6 USDT on BTCUSDT) costs a recentring.</para>
/// <para>Memory: 130 KB of ladder per side (allocated when the side first detects a spacing) on top of the blocked
/// arrays. A book with prices that would overflow the window arithmetic keeps its levels in the blocked arrays only.</para>
/// </remarks>
internal sealed class L2BookSide
{
    /// <summary>Price steps in the ladder.</summary>
    public const int Window = 16384;
    private const int Words = Window / 64;
    private const int SummaryWords = (Words + 63) / 64;
    private const int AnchorAt = Window * 3 / 4; // where a recentring puts the best level
    private const int LowWater = Window / 4; // the best below this (with levels beyond the window) recentres down

    // The largest spacing with Window × spacing ≤ 2^31, so offsets into the window fit the multiply-divide below.
    private const long MaxSpacing = (1L << 31) / Window;

    private readonly bool _negated;
    private readonly L2BlockedLevels _far;
    private long[] _sizes = [];
    private ulong[] _bits = [];
    private ulong[] _summary = [];
    private long _base; // the key of slot 0
    private long _spacing; // the key step between slots (0 while the ladder is off)
    private ulong _magic; // ⌈2^63 / spacing⌉: offset / spacing = high64(magic × 2 × offset) for offsets < 2^32
    private ulong _span; // Window × spacing while the ladder is on, else 0 (no offset is below it)
    private int _top = -1; // the highest occupied slot; -1 when the ladder is empty
    private int _ladderCount;

    // Spacing detection while the ladder is off: the gcd of |key − reference| over the keys seen.
    private bool _hasReference;
    private long _reference;
    private ulong _gcd;
    private bool _disabled; // the window arithmetic would overflow at these prices: blocked arrays only, until Clear

    public L2BookSide(bool negated, int capacity)
    {
        _negated = negated;
        _far = new L2BlockedLevels(negated, capacity);
    }

    public int Count => _ladderCount + _far.Count;

    /// <summary>Levels the allocated storage can hold (ladder slots and blocked-array capacity).</summary>
    public int Capacity => _sizes.Length + _far.Capacity;

    /// <summary>The key spacing of the ladder's slots (0 while it is off); for tests.</summary>
    internal long Spacing => _spacing;

    /// <summary>Levels held in the ladder; for tests.</summary>
    internal int LadderCount => _ladderCount;

    public long BestPrice => _top >= 0 ? ToPrice(_base + (_top * _spacing)) : _far.BestPrice;

    public long BestSize => _top >= 0 ? _sizes[_top] : _far.BestSize;

    /// <summary>A cursor from the best level outwards.</summary>
    public Cursor FromBest() => new(this);

    /// <summary>
    /// Copies levels from the best outwards into <paramref name="prices"/> and <paramref name="sizes"/>; returns how
    /// many. The ladder part walks the occupancy words directly (a cursor looks each level up from its slot).
    /// </summary>
    public int CopyFromBest(Span<long> prices, Span<long> sizes)
    {
        int max = Math.Min(prices.Length, sizes.Length);
        int n = 0;
        if (_top >= 0 && max > 0)
        {
            ref long sizesRef = ref MemoryMarshal.GetArrayDataReference(_sizes);
            int slot = _top;
            int word = slot >> 6;
            ulong bits = _bits[word] & (ulong.MaxValue >> (63 - (slot & 63)));
            while (true)
            {
                if (bits == 0)
                {
                    slot = TopAtOrBelow((word << 6) - 1);
                    if (slot < 0)
                    {
                        break;
                    }

                    word = slot >> 6;
                    bits = _bits[word] & (ulong.MaxValue >> (63 - (slot & 63)));
                }

                slot = (word << 6) + 63 - BitOperations.LeadingZeroCount(bits);
                bits &= ~(1UL << slot);
                prices[n] = ToPrice(_base + (slot * _spacing));
                sizes[n] = Unsafe.Add(ref sizesRef, slot);
                if (++n == max)
                {
                    return n;
                }
            }
        }

        var cursor = _far.FromBest();
        while (n < max && cursor.Next(out long price, out long size))
        {
            prices[n] = price;
            sizes[n] = size;
            n++;
        }

        return n;
    }

    /// <summary>The raw price of the level <paramref name="depth"/> away from the touch (0 = best).</summary>
    public long PriceAt(int depth) =>
        depth < _ladderCount ? ToPrice(_base + (LadderIndexAt(depth) * _spacing)) : _far.PriceAt(depth - _ladderCount);

    /// <summary>The raw size of the level <paramref name="depth"/> away from the touch (0 = best).</summary>
    public long SizeAt(int depth) => depth < _ladderCount ? _sizes[LadderIndexAt(depth)] : _far.SizeAt(depth - _ladderCount);

    public void Clear()
    {
        _far.Clear();
        ClearLadder();
        _spacing = 0;
        _span = 0;
        _magic = 0;
        _base = 0;
        _hasReference = false;
        _gcd = 0;
        _disabled = false;
    }

    /// <summary>Sets the level at <paramref name="price"/> to <paramref name="size"/>, removing it when the size is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(long price, long size)
    {
        long key = ToKey(price);
        ulong offset = (ulong)(key - _base);
        if (offset < _span)
        {
            ulong slot = Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(_magic, offset << 1) : Math.BigMul(_magic, offset << 1, out _);
            if (slot * (ulong)_spacing == offset)
            {
                ref long at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_sizes), (nint)slot);
                long old = at;
                at = size;
                Update((int)slot, old != 0, size != 0);
                return;
            }
        }

        SetSlow(key, size);
    }

    /// <summary>Removes the level at <paramref name="price"/>; returns false when there was none (which venues allow).</summary>
    public bool Delete(long price)
    {
        long key = ToKey(price);
        if (_span == 0 || key < _base)
        {
            return _far.Delete(price);
        }

        ulong offset = (ulong)(key - _base);
        if (offset >= _span || offset % (ulong)_spacing != 0)
        {
            return false; // nothing lies above the window or off its grid
        }

        int slot = (int)(offset / (ulong)_spacing);
        if (_sizes[slot] == 0)
        {
            return false;
        }

        _sizes[slot] = 0;
        Vacate(slot);
        return true;
    }

    /// <summary>The raw size at <paramref name="price"/>, or 0 when there is no such level.</summary>
    public long SizeAtPrice(long price)
    {
        long key = ToKey(price);
        if (_span == 0 || key < _base)
        {
            return _far.SizeAtPrice(price);
        }

        ulong offset = (ulong)(key - _base);
        return offset < _span && offset % (ulong)_spacing == 0 ? _sizes[(int)(offset / (ulong)_spacing)] : 0;
    }

    /// <summary>Stages a level of a snapshot being loaded (the side must have been cleared); <see cref="FinishBulk"/> sorts them in.</summary>
    public void AppendUnordered(long price, long size) => _far.AppendUnordered(price, size);

    /// <summary>Sorts the staged levels into the blocked arrays, then detects the spacing and fills the ladder from the touch.</summary>
    public void FinishBulk()
    {
        if (_span != 0)
        {
            // Not after a Clear (the book never does this): keep the invariant simple by starting over from the arrays.
            FlushLadder();
            TurnOff();
        }

        _far.FinishBulk();
        if (_disabled || _far.Count == 0)
        {
            return;
        }

        // The spacing from the levels nearest the touch (enough to find BTCUSDT's 10 raw units); a level further out
        // off that grid lowers it when the ladder reaches it.
        var cursor = _far.FromBest();
        for (int i = 0; i < 64 && cursor.Next(out long price, out _); i++)
        {
            Track(ToKey(price));
        }

        TryTurnOn(ToKey(_far.BestPrice));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ToKey(long price) => _negated ? -price : price;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ToPrice(long key) => _negated ? -key : key;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Occupy(int slot)
    {
        int word = slot >> 6;
        _bits[word] |= 1UL << slot;
        _summary[word >> 6] |= 1UL << word;
        _ladderCount++;
        if (slot > _top)
        {
            _top = slot;
        }
    }

    /// <summary>
    /// The bitmap, summary, count and top after a ladder slot went from <paramref name="was"/> to <paramref name="now"/>
    /// occupied, without a branch on <paramref name="was"/>: whether a diff level inserts, updates or deletes follows
    /// no pattern, and the branch would wait for the slot's read (an L2 hit) before its frequent mispredictions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Update(int slot, bool was, bool now)
    {
        int before = was ? 1 : 0;
        int after = now ? 1 : 0;
        int word = slot >> 6;
        ref ulong bitsRef = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bits), word);
        ulong bits = bitsRef ^ ((ulong)(uint)(before ^ after) << slot);
        bitsRef = bits;
        ref ulong summaryRef = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_summary), word >> 6);
        ulong wordBit = 1UL << word;
        summaryRef = (summaryRef & ~wordBit) | ((bits != 0 ? 1UL : 0UL) << word);
        _ladderCount += after - before;
        int top = _top;
        _top = (after != 0) & (slot > top) ? slot : top;
        if ((slot == top) & (before > after))
        {
            VacateTop(slot);
        }
    }

    /// <summary>The best ladder level was removed: find the next one, recentring down if it fell too low.</summary>
    private void VacateTop(int slot)
    {
        _top = TopAtOrBelow(slot - 1);
        if (_top < LowWater && _far.Count > 0)
        {
            RecentreDown();
        }
    }

    private void Vacate(int slot)
    {
        int word = slot >> 6;
        ulong bits = _bits[word] & ~(1UL << slot);
        _bits[word] = bits;
        if (bits == 0)
        {
            _summary[word >> 6] &= ~(1UL << word);
        }

        _ladderCount--;
        if (slot == _top)
        {
            _top = TopAtOrBelow(slot - 1);
            if (_top < LowWater && _far.Count > 0)
            {
                RecentreDown();
            }
        }
    }

    /// <summary>Everything but the in-window, on-grid case: the blocked arrays, recentring, spacing changes.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetSlow(long key, long size)
    {
        while (true)
        {
            if (_span == 0)
            {
                if (size != 0 && !_disabled)
                {
                    Track(key);
                    if (TryTurnOn(_far.Count > 0 ? Math.Max(key, ToKey(_far.BestPrice)) : key))
                    {
                        continue;
                    }
                }

                _far.Set(ToPrice(key), size);
                return;
            }

            if (key < _base)
            {
                _far.Set(ToPrice(key), size);
                return;
            }

            if (size == 0)
            {
                return; // above the window or off its grid: no such level
            }

            ulong offset = (ulong)key - (ulong)_base; // key ≥ base: exact
            ulong remainder = offset % (ulong)_spacing;
            if (remainder != 0)
            {
                ChangeSpacing((long)Gcd((ulong)_spacing, remainder), key);
                continue;
            }

            if (offset < _span)
            {
                int slot = (int)(offset / (ulong)_spacing); // on the grid in the window (after a recentring or a spacing change)
                if (_sizes[slot] == 0)
                {
                    Occupy(slot);
                }

                _sizes[slot] = size;
                return;
            }

            // On the grid above the window: recentre so that it lands at AnchorAt.
            MoveUp(key);
        }
    }

    /// <summary>Notes a key for spacing detection while the ladder is off.</summary>
    private void Track(long key)
    {
        if (!_hasReference)
        {
            _hasReference = true;
            _reference = key;
            return;
        }

        ulong difference = key >= _reference ? (ulong)key - (ulong)_reference : (ulong)_reference - (ulong)key;
        if (difference != 0)
        {
            _gcd = Gcd(_gcd, difference);
        }
    }

    /// <summary>Turns the ladder on at the detected spacing with <paramref name="anchor"/> (on the grid, at or above every level) at AnchorAt.</summary>
    private bool TryTurnOn(long anchor)
    {
        if (_disabled || _gcd == 0 || _gcd > MaxSpacing)
        {
            return false;
        }

        return TurnOn((long)_gcd, anchor);
    }

    private bool TurnOn(long spacing, long anchor)
    {
        Int128 lowest = (Int128)anchor - ((Int128)AnchorAt * spacing);
        if (lowest < long.MinValue || lowest + ((Int128)Window * spacing) - 1 > long.MaxValue)
        {
            _disabled = true;
            return false;
        }

        if (_sizes.Length == 0)
        {
            _sizes = new long[Window];
            _bits = new ulong[Words];
            _summary = new ulong[SummaryWords];
        }

        _spacing = spacing;
        _magic = ((ulong)long.MaxValue / (ulong)spacing) + 1;
        _span = (ulong)(Window * spacing);
        _base = (long)lowest;
        Refill();
        return true;
    }

    private void TurnOff()
    {
        _spacing = 0;
        _span = 0;
        _magic = 0;
        _base = 0;
        _hasReference = false;
        _gcd = 0;
    }

    /// <summary>A key off the ladder's grid: move everything to the blocked arrays and rebuild at the finer spacing.</summary>
    private void ChangeSpacing(long spacing, long key)
    {
        FlushLadder();
        long anchor = _far.Count > 0 ? Math.Max(key, ToKey(_far.BestPrice)) : key;
        _span = 0;
        if (!TurnOn(spacing, anchor))
        {
            TurnOff();
        }
    }

    /// <summary>Pulls the blocked arrays' best levels at or above <c>base</c> into the ladder.</summary>
    private void Refill()
    {
        while (_far.Count > 0)
        {
            long key = ToKey(_far.BestPrice);
            if (key < _base)
            {
                return;
            }

            ulong offset = (ulong)key - (ulong)_base;
            ulong slot = offset / (ulong)_spacing;
            if (slot * (ulong)_spacing != offset)
            {
                ChangeSpacing((long)Gcd((ulong)_spacing, offset - (slot * (ulong)_spacing)), key);
                return;
            }

            _far.PopBest(out _, out long size);
            _sizes[(int)slot] = size;
            Occupy((int)slot);
        }
    }

    /// <summary>Moves every ladder level to the top of the blocked arrays (they are all above its levels) and empties the ladder.</summary>
    private void FlushLadder()
    {
        if (_ladderCount > 0)
        {
            MoveBelow(_top + 1);
        }

        ClearLadder();
    }

    /// <summary>Moves the ladder levels in slots [0, <paramref name="end"/>) to the blocked arrays, lowest first.</summary>
    private void MoveBelow(int end)
    {
        var sizes = _sizes;
        for (int slot = 0; slot < end; slot++)
        {
            long size = sizes[slot];
            if (size != 0)
            {
                _far.Set(ToPrice(_base + (slot * _spacing)), size);
                sizes[slot] = 0;
                _ladderCount--;
            }
        }
    }

    /// <summary>Recentres the window up so that the on-grid <paramref name="key"/> above it lands at AnchorAt.</summary>
    private void MoveUp(long key)
    {
        ulong steps = (((ulong)key - (ulong)_base) / (ulong)_spacing) - AnchorAt; // > Window − AnchorAt
        Int128 lowest = (Int128)_base + ((Int128)steps * _spacing);
        if (lowest + ((Int128)Window * _spacing) - 1 > long.MaxValue)
        {
            FlushLadder();
            TurnOff();
            _disabled = true;
            return;
        }

        if (steps >= Window || _ladderCount == 0)
        {
            if (_ladderCount > 0)
            {
                MoveBelow(_top + 1);
            }

            ClearLadder();
            _base = (long)lowest;
            return;
        }

        int shift = (int)steps;
        MoveBelow(Math.Min(shift, _top + 1));
        if (_top >= shift)
        {
            int kept = _top + 1 - shift;
            Array.Copy(_sizes, shift, _sizes, 0, kept);
            Array.Clear(_sizes, kept, _top + 1 - kept);
        }

        _base = (long)lowest;
        RebuildBits(_ladderCount > 0 ? _top - shift : -1);
    }

    /// <summary>The best level fell into the bottom quarter (or the ladder emptied) with levels beyond: move the window down over them.</summary>
    private void RecentreDown()
    {
        if (_ladderCount == 0)
        {
            long anchor = ToKey(_far.BestPrice);
            Int128 lowest = (Int128)anchor - ((Int128)AnchorAt * _spacing);
            if (lowest < long.MinValue)
            {
                TurnOff();
                _disabled = true;
                return;
            }

            ClearLadder();
            _base = (long)lowest; // an empty ladder can take any grid: the anchor defines it
            Refill();
            return;
        }

        int shift = AnchorAt - _top; // > AnchorAt − LowWater
        Int128 newBase = (Int128)_base - ((Int128)shift * _spacing);
        if (newBase < long.MinValue)
        {
            return; // stay: correct, only slower
        }

        Array.Copy(_sizes, 0, _sizes, shift, _top + 1);
        Array.Clear(_sizes, 0, Math.Min(shift, _top + 1));
        _base = (long)newBase;
        RebuildBits(_top + shift);
        Refill();
    }

    /// <summary>Recomputes the bitmap, the summary and the top from the sizes (after a move); <paramref name="top"/> bounds the occupied slots.</summary>
    private void RebuildBits(int top)
    {
        Array.Clear(_bits);
        Array.Clear(_summary);
        _top = -1;
        var sizes = _sizes;
        for (int word = 0; word <= top >> 6 && top >= 0; word++)
        {
            ulong bits = 0;
            int start = word << 6;
            if (Vector256.IsHardwareAccelerated)
            {
                ref long origin = ref MemoryMarshal.GetArrayDataReference(sizes);
                for (int i = 0; i < 64; i += 4)
                {
                    var chunk = Vector256.LoadUnsafe(ref origin, (nuint)(start + i));
                    ulong nonZero = ~Vector256.Equals(chunk, Vector256<long>.Zero).ExtractMostSignificantBits() & 0xF;
                    bits |= nonZero << i;
                }
            }
            else
            {
                for (int i = 0; i < 64; i++)
                {
                    bits |= sizes[start + i] != 0 ? 1UL << i : 0;
                }
            }

            _bits[word] = bits;
            if (bits != 0)
            {
                _summary[word >> 6] |= 1UL << word;
                _top = start + 63 - BitOperations.LeadingZeroCount(bits);
            }
        }
    }

    private void ClearLadder()
    {
        if (_top >= 0)
        {
            Array.Clear(_sizes, 0, _top + 1);
            Array.Clear(_bits);
            Array.Clear(_summary);
        }

        _top = -1;
        _ladderCount = 0;
    }

    /// <summary>The highest occupied slot at or below <paramref name="slot"/>, or −1.</summary>
    private int TopAtOrBelow(int slot)
    {
        if (slot < 0)
        {
            return -1;
        }

        int word = slot >> 6;
        ulong bits = _bits[word] & (ulong.MaxValue >> (63 - (slot & 63)));
        if (bits != 0)
        {
            return (word << 6) + 63 - BitOperations.LeadingZeroCount(bits);
        }

        int below = word - 1;
        while (below >= 0)
        {
            int s = below >> 6;
            ulong summary = _summary[s] & (ulong.MaxValue >> (63 - (below & 63)));
            if (summary != 0)
            {
                int found = (s << 6) + 63 - BitOperations.LeadingZeroCount(summary);
                return (found << 6) + 63 - BitOperations.LeadingZeroCount(_bits[found]);
            }

            below = (s << 6) - 1;
        }

        return -1;
    }

    /// <summary>The slot of the ladder level <paramref name="depth"/> below the top (depth &lt; ladder count).</summary>
    private int LadderIndexAt(int depth)
    {
        for (int word = _top >> 6; word >= 0; word--)
        {
            ulong bits = _bits[word];
            int count = BitOperations.PopCount(bits);
            if (depth < count)
            {
                for (; depth > 0; depth--)
                {
                    bits &= ~(1UL << (63 - BitOperations.LeadingZeroCount(bits)));
                }

                return (word << 6) + 63 - BitOperations.LeadingZeroCount(bits);
            }

            depth -= count;
        }

        throw new ArgumentOutOfRangeException(nameof(depth));
    }

    private static ulong Gcd(ulong a, ulong b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <summary>Walks a side from the best level outwards without allocating. Invalidated by any change to the side.</summary>
    internal struct Cursor
    {
        private readonly L2BookSide _side;
        private int _next;
        private L2BlockedLevels.Cursor _far;

        internal Cursor(L2BookSide side)
        {
            _side = side;
            _next = side._top;
            _far = side._far.FromBest();
        }

        /// <summary>The next level outwards; false past the last one.</summary>
        public bool Next(out long price, out long size)
        {
            if (_next >= 0)
            {
                var side = _side;
                int slot = side.TopAtOrBelow(_next);
                if (slot >= 0)
                {
                    price = side.ToPrice(side._base + (slot * side._spacing));
                    size = side._sizes[slot];
                    _next = slot - 1;
                    return true;
                }

                _next = -1;
            }

            return _far.Next(out price, out size);
        }
    }
}
