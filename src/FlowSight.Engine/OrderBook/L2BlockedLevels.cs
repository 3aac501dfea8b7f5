using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FlowSight.Engine.OrderBook;

/// <summary>
/// The far levels of one side of an <see cref="L2OrderBook"/> (those below <see cref="L2BookSide"/>'s ladder window): levels as (key, size) sorted by ascending key with the best level at the
/// end, stored in blocks of up to <see cref="BlockSize"/> levels (an unrolled sorted array). Keys are the raw price for
/// bids and the negated raw price for asks, so "ascending key" means "towards the touch" on both sides.
/// </summary>
/// <remarks>
/// <para>Why blocks: Binance's diff stream changes levels all through the book (which grows to ~5,000 levels a side on
/// BTCUSDT as diffs add levels beyond the snapshot's 1,000); a third of the changes insert or remove a level, on
/// average ~500 levels from the touch. In one flat sorted array each of those moves ~500 elements; within a block it
/// moves at most 64, and a full block splits in two. Measured on the usdm 2024-08-08 recording (CPU time, same
/// machine): 86 ns per level with one flat array, 48 ns with blocks and vector searches (docs/benchmarks.md).</para>
/// <para>Layout: each block owns a fixed slot of <see cref="BlockSize"/> entries in two parallel arrays (keys dense
/// for the searches); <c>_order</c> lists the slots in key order. Searching gallops over the blocks from the touch
/// (updates cluster there), then counts the smaller keys inside the block, both with vector compares. Nearly empty neighbours merge, so blocks stay at least a
/// quarter full on average. Allocation happens only when the block count outgrows the slot capacity.</para>
/// </remarks>
internal sealed class L2BlockedLevels
{
    public const int BlockSize = 64;
    private const int Shift = 6; // log2(BlockSize)
    private const int MergeBelow = BlockSize / 4;

    private readonly bool _negated;
    private long[] _keys;
    private long[] _sizes;
    private int[] _counts; // per slot
    private int[] _order; // slots in ascending key order
    private long[] _firsts; // the first key of each block, in the same order: the block search stays in one dense array
    private int[] _free; // unused slots
    private int _freeCount;
    private int _blocks;
    private int _count;

    // Snapshot loading: levels appended in arrival order, sorted once (see AppendUnordered/FinishBulk).
    private long[] _stageKeys = [];
    private long[] _stageSizes = [];
    private int _staged;

    public L2BlockedLevels(bool negated, int capacity)
    {
        _negated = negated;
        int slots = Math.Max(4, (capacity + BlockSize - 1) / BlockSize * 2); // room for half-full blocks
        _keys = new long[slots << Shift];
        _sizes = new long[slots << Shift];
        _counts = new int[slots];
        _order = new int[slots];
        _firsts = new long[slots];
        _free = new int[slots];
        ResetSlots();
    }

    public int Count => _count;

    /// <summary>Levels the allocated blocks can hold.</summary>
    public int Capacity => _counts.Length << Shift;

    public long BestPrice
    {
        get
        {
            int slot = _order[_blocks - 1];
            return ToPrice(_keys[(slot << Shift) + _counts[slot] - 1]);
        }
    }

    public long BestSize
    {
        get
        {
            int slot = _order[_blocks - 1];
            return _sizes[(slot << Shift) + _counts[slot] - 1];
        }
    }

    /// <summary>A cursor from the best level outwards.</summary>
    public Cursor FromBest() => new(this);

    /// <summary>The raw price of the level <paramref name="depth"/> away from the touch (0 = best); O(blocks).</summary>
    public long PriceAt(int depth) => ToPrice(_keys[IndexAt(depth)]);

    /// <summary>The raw size of the level <paramref name="depth"/> away from the touch (0 = best); O(blocks).</summary>
    public long SizeAt(int depth) => _sizes[IndexAt(depth)];

    /// <summary>Removes and returns the best level (the side must not be empty); O(1) but for an emptied block.</summary>
    public void PopBest(out long price, out long size)
    {
        int block = _blocks - 1;
        int slot = _order[block];
        int index = (slot << Shift) + _counts[slot] - 1;
        price = ToPrice(_keys[index]);
        size = _sizes[index];
        _count--;
        if (--_counts[slot] == 0)
        {
            RemoveBlock(block);
        }
    }

    public void Clear()
    {
        _count = 0;
        _staged = 0;
        ResetSlots();
    }

    /// <summary>Sets the level at <paramref name="price"/> to <paramref name="size"/>, removing it when the size is 0.</summary>
    public void Set(long price, long size)
    {
        if (size == 0)
        {
            Delete(price);
            return;
        }

        long key = ToKey(price);
        if (_blocks == 0)
        {
            int slot = AllocateSlot();
            _order[0] = slot;
            _firsts[0] = key;
            _blocks = 1;
            _keys[slot << Shift] = key;
            _sizes[slot << Shift] = size;
            _counts[slot] = 1;
            _count = 1;
            return;
        }

        int block = FindBlock(key);
        int s = _order[block];
        int start = s << Shift;
        int position = SearchBlock(start, _counts[s], key);
        if (position >= 0)
        {
            _sizes[start + position] = size;
            return;
        }

        Insert(block, ~position, key, size);
    }

    /// <summary>Removes the level at <paramref name="price"/>; returns false when there was none (which venues allow).</summary>
    public bool Delete(long price)
    {
        if (_blocks == 0)
        {
            return false;
        }

        long key = ToKey(price);
        int block = FindBlock(key);
        int slot = _order[block];
        int start = slot << Shift;
        int count = _counts[slot];
        int position = SearchBlock(start, count, key);
        if (position < 0)
        {
            return false;
        }

        int above = count - position - 1;
        if (above > 0)
        {
            _keys.AsSpan(start + position + 1, above).CopyTo(_keys.AsSpan(start + position));
            _sizes.AsSpan(start + position + 1, above).CopyTo(_sizes.AsSpan(start + position));
        }

        _counts[slot] = --count;
        _count--;
        if (count == 0)
        {
            RemoveBlock(block);
            return true;
        }

        if (position == 0)
        {
            _firsts[block] = _keys[start];
        }

        if (count < MergeBelow)
        {
            TryMerge(block);
        }

        return true;
    }

    /// <summary>The raw size at <paramref name="price"/>, or 0 when there is no such level.</summary>
    public long SizeAtPrice(long price)
    {
        if (_blocks == 0)
        {
            return 0;
        }

        long key = ToKey(price);
        int slot = _order[FindBlock(key)];
        int position = SearchBlock(slot << Shift, _counts[slot], key);
        return position >= 0 ? _sizes[(slot << Shift) + position] : 0;
    }

    /// <summary>Stages a level of a snapshot being loaded (the side must have been cleared); <see cref="FinishBulk"/> sorts them in.</summary>
    public void AppendUnordered(long price, long size)
    {
        if (_staged == _stageKeys.Length)
        {
            int capacity = Math.Max(1024, _stageKeys.Length * 2);
            Array.Resize(ref _stageKeys, capacity);
            Array.Resize(ref _stageSizes, capacity);
        }

        _stageKeys[_staged] = ToKey(price);
        _stageSizes[_staged] = size;
        _staged++;
    }

    /// <summary>
    /// Moves the staged levels into the blocks. Venue snapshots list levels best first, which is strictly descending
    /// here, so the common case is one reversal and a sequential fill. Input in any other order (or with a duplicated
    /// price) is inserted level by level in arrival order, so the last duplicate wins, as it would with Set.
    /// </summary>
    public void FinishBulk()
    {
        int n = _staged;
        if (n == 0)
        {
            return;
        }

        _staged = 0;
        var keys = _stageKeys.AsSpan(0, n);
        var sizes = _stageSizes.AsSpan(0, n);
        bool ascending = IsStrictlyAscending(keys);
        if (!ascending && IsStrictlyDescending(keys))
        {
            keys.Reverse();
            sizes.Reverse();
            ascending = true;
        }

        if (ascending && _count == 0)
        {
            Fill(keys, sizes);
            return;
        }

        for (int i = 0; i < n; i++)
        {
            Set(ToPrice(keys[i]), sizes[i]);
        }
    }

    private static bool IsStrictlyAscending(ReadOnlySpan<long> keys)
    {
        for (int i = 1; i < keys.Length; i++)
        {
            if (keys[i] <= keys[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsStrictlyDescending(ReadOnlySpan<long> keys)
    {
        for (int i = 1; i < keys.Length; i++)
        {
            if (keys[i] >= keys[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Builds blocks three-quarters full from sorted levels, leaving room for inserts without splits.</summary>
    private void Fill(ReadOnlySpan<long> keys, ReadOnlySpan<long> sizes)
    {
        const int fill = BlockSize * 3 / 4;
        for (int i = 0; i < keys.Length; i += fill)
        {
            int n = Math.Min(fill, keys.Length - i);
            int slot = AllocateSlot();
            EnsureOrderRoom();
            _firsts[_blocks] = keys[i];
            _order[_blocks++] = slot;
            keys.Slice(i, n).CopyTo(_keys.AsSpan(slot << Shift));
            sizes.Slice(i, n).CopyTo(_sizes.AsSpan(slot << Shift));
            _counts[slot] = n;
        }

        _count = keys.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ToKey(long price) => _negated ? -price : price;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ToPrice(long key) => _negated ? -key : key;

    /// <summary>The block that holds <paramref name="key"/> or would: the last whose first key is ≤ it (else the first).</summary>
    /// <remarks>
    /// Scans the dense first-key array backwards from the touch, four keys per vector compare: updates cluster near
    /// the touch, and a branch-free scan beats a bisection whose every step is a coin-flip branch.
    /// </remarks>
    private int FindBlock(long key)
    {
        var firsts = _firsts;
        int hi = _blocks - 1;
        if (firsts[hi] <= key)
        {
            return hi; // at or above the touch block: the usual case
        }

        int end = hi; // firsts[end] > key; find the last index below it with firsts[i] <= key
        if (Vector256.IsHardwareAccelerated)
        {
            var target = Vector256.Create(key);
            ref long origin = ref MemoryMarshal.GetArrayDataReference(firsts);
            while (end >= 4)
            {
                var chunk = Vector256.LoadUnsafe(ref origin, (nuint)(end - 4));
                uint mask = Vector256.LessThanOrEqual(chunk, target).ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return end - 4 + (31 - BitOperations.LeadingZeroCount(mask));
                }

                end -= 4;
            }
        }

        while (--end >= 0)
        {
            if (firsts[end] <= key)
            {
                return end;
            }
        }

        return 0;
    }

    /// <summary>The position of <paramref name="key"/> in the block, or the complement of where it would go.</summary>
    /// <remarks>Counts the keys below <paramref name="key"/> with vector compares (no data-dependent branches), which is its position.</remarks>
    private int SearchBlock(int start, int count, long key)
    {
        var keys = _keys;
        int position = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var target = Vector256.Create(key);
            ref long block = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(keys), start);
            for (; i + 4 <= count; i += 4)
            {
                var chunk = Vector256.LoadUnsafe(ref block, (nuint)i);
                position += BitOperations.PopCount(Vector256.LessThan(chunk, target).ExtractMostSignificantBits());
            }
        }

        for (; i < count; i++)
        {
            position += keys[start + i] < key ? 1 : 0;
        }

        return position < count && keys[start + position] == key ? position : ~position;
    }

    private void Insert(int block, int position, long key, long size)
    {
        int slot = _order[block];
        if (_counts[slot] == BlockSize && ((position == BlockSize && block == _blocks - 1) || (position == 0 && block == 0)))
        {
            // A new best (or worst) beyond a full edge block: start a block of its own rather than split, so levels
            // arriving in order fill their blocks completely.
            int edge = AllocateSlot();
            EnsureOrderRoom();
            int at = position == 0 ? 0 : _blocks;
            _order.AsSpan(at, _blocks - at).CopyTo(_order.AsSpan(at + 1));
            _firsts.AsSpan(at, _blocks - at).CopyTo(_firsts.AsSpan(at + 1));
            _order[at] = edge;
            _firsts[at] = key;
            _blocks++;
            _keys[edge << Shift] = key;
            _sizes[edge << Shift] = size;
            _counts[edge] = 1;
            _count++;
            return;
        }

        if (_counts[slot] == BlockSize)
        {
            // Split: the upper half moves to a new block right after this one.
            int upper = AllocateSlot();
            const int half = BlockSize / 2;
            _keys.AsSpan((slot << Shift) + half, half).CopyTo(_keys.AsSpan(upper << Shift));
            _sizes.AsSpan((slot << Shift) + half, half).CopyTo(_sizes.AsSpan(upper << Shift));
            _counts[slot] = half;
            _counts[upper] = half;
            EnsureOrderRoom();
            _order.AsSpan(block + 1, _blocks - block - 1).CopyTo(_order.AsSpan(block + 2));
            _firsts.AsSpan(block + 1, _blocks - block - 1).CopyTo(_firsts.AsSpan(block + 2));
            _order[block + 1] = upper;
            _firsts[block + 1] = _keys[upper << Shift];
            _blocks++;
            if (position > half)
            {
                slot = upper;
                position -= half;
                block++;
            }
        }

        int start = slot << Shift;
        int count = _counts[slot];
        int above = count - position;
        if (above > 0)
        {
            _keys.AsSpan(start + position, above).CopyTo(_keys.AsSpan(start + position + 1));
            _sizes.AsSpan(start + position, above).CopyTo(_sizes.AsSpan(start + position + 1));
        }

        _keys[start + position] = key;
        _sizes[start + position] = size;
        _counts[slot] = count + 1;
        _count++;
        if (position == 0)
        {
            _firsts[block] = key;
        }
    }

    /// <summary>Merges a sparse block with a neighbour when both fit in three quarters of a block.</summary>
    private void TryMerge(int block)
    {
        int slot = _order[block];
        if (block + 1 < _blocks && _counts[slot] + _counts[_order[block + 1]] <= BlockSize * 3 / 4)
        {
            MergeInto(block, block + 1);
        }
        else if (block > 0 && _counts[slot] + _counts[_order[block - 1]] <= BlockSize * 3 / 4)
        {
            MergeInto(block - 1, block);
        }
    }

    /// <summary>Appends block <paramref name="upper"/> (= lower + 1) to block <paramref name="lower"/> and removes it.</summary>
    private void MergeInto(int lower, int upper)
    {
        int to = _order[lower];
        int from = _order[upper];
        int n = _counts[from];
        _keys.AsSpan(from << Shift, n).CopyTo(_keys.AsSpan((to << Shift) + _counts[to]));
        _sizes.AsSpan(from << Shift, n).CopyTo(_sizes.AsSpan((to << Shift) + _counts[to]));
        _counts[to] += n;
        _counts[from] = 0;
        RemoveBlock(upper);
    }

    private void RemoveBlock(int block)
    {
        _free[_freeCount++] = _order[block];
        _order.AsSpan(block + 1, _blocks - block - 1).CopyTo(_order.AsSpan(block));
        _firsts.AsSpan(block + 1, _blocks - block - 1).CopyTo(_firsts.AsSpan(block));
        _blocks--;
    }

    private int AllocateSlot()
    {
        if (_freeCount == 0)
        {
            Grow();
        }

        return _free[--_freeCount];
    }

    private void EnsureOrderRoom()
    {
        if (_blocks == _order.Length)
        {
            Grow();
        }
    }

    // The only allocation: more blocks than the slots allocated so far.
    private void Grow()
    {
        int old = _counts.Length;
        int slots = old * 2;
        Array.Resize(ref _keys, slots << Shift);
        Array.Resize(ref _sizes, slots << Shift);
        Array.Resize(ref _counts, slots);
        Array.Resize(ref _order, slots);
        Array.Resize(ref _firsts, slots);
        Array.Resize(ref _free, slots);
        for (int slot = slots - 1; slot >= old; slot--)
        {
            _free[_freeCount++] = slot;
        }
    }

    private void ResetSlots()
    {
        _blocks = 0;
        _freeCount = 0;
        for (int slot = _counts.Length - 1; slot >= 0; slot--)
        {
            _counts[slot] = 0;
            _free[_freeCount++] = slot;
        }
    }

    private int IndexAt(int depth)
    {
        for (int block = _blocks - 1; block >= 0; block--)
        {
            int slot = _order[block];
            int count = _counts[slot];
            if (depth < count)
            {
                return (slot << Shift) + count - 1 - depth;
            }

            depth -= count;
        }

        throw new ArgumentOutOfRangeException(nameof(depth));
    }

    /// <summary>Walks a side from the best level outwards without allocating. Invalidated by any change to the side.</summary>
    internal struct Cursor
    {
        private readonly L2BlockedLevels _side;
        private int _block;
        private int _index;
        private int _blockStart;

        internal Cursor(L2BlockedLevels side)
        {
            _side = side;
            _block = side._blocks;
            _index = 0;
            _blockStart = 0;
        }

        /// <summary>The next level outwards; false past the last one.</summary>
        public bool Next(out long price, out long size)
        {
            var side = _side;
            while (_index <= _blockStart)
            {
                if (--_block < 0)
                {
                    price = 0;
                    size = 0;
                    return false;
                }

                int slot = side._order[_block];
                _blockStart = (slot << Shift) - 1;
                _index = _blockStart + side._counts[slot];
                if (_index > _blockStart)
                {
                    break;
                }
            }

            price = side.ToPrice(side._keys[_index]);
            size = side._sizes[_index];
            _index--;
            return true;
        }
    }
}
