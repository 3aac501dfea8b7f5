using System.Buffers;

namespace FlowSight.Engine.OrderBook;

/// <summary>
/// One side of an <see cref="L2OrderBook"/>: two parallel arrays of (key, size) sorted by ascending key, with the
/// best level at the end. Keys are the raw price for bids and the negated raw price for asks, so "ascending key"
/// means "towards the touch" on both sides and one search serves both.
/// </summary>
/// <remarks>
/// Most venue updates land within a few levels of the touch, so keeping the touch at the end makes an insert or a
/// delete move only the few elements above it, and the search gallops from the end (1, 2, 4, ... levels away)
/// before bisecting, which costs O(log d) for an update d levels deep. Parallel arrays rather than an array of
/// pairs keep the searched keys dense: eight keys per cache line.
/// </remarks>
internal sealed class L2BookSide
{
    private readonly bool _negated;
    private long[] _keys;
    private long[] _sizes;
    private int _count;

    public L2BookSide(bool negated, int capacity)
    {
        _negated = negated;
        _keys = new long[capacity];
        _sizes = new long[capacity];
    }

    public int Count => _count;

    public int Capacity => _keys.Length;

    /// <summary>The raw price of the level <paramref name="depth"/> away from the touch (0 = best).</summary>
    public long PriceAt(int depth) => ToPrice(_keys[_count - 1 - depth]);

    /// <summary>The raw size of the level <paramref name="depth"/> away from the touch (0 = best).</summary>
    public long SizeAt(int depth) => _sizes[_count - 1 - depth];

    public long BestPrice => ToPrice(_keys[_count - 1]);

    public long BestSize => _sizes[_count - 1];

    public void Clear() => _count = 0;

    /// <summary>Sets the level at <paramref name="price"/> to <paramref name="size"/>, removing it when the size is 0.</summary>
    public void Set(long price, long size)
    {
        if (size == 0)
        {
            Delete(price);
            return;
        }

        long key = ToKey(price);
        int index = Search(key);
        if (index >= 0)
        {
            _sizes[index] = size;
            return;
        }

        Insert(~index, key, size);
    }

    /// <summary>Removes the level at <paramref name="price"/>; returns false when there was none (which venues allow).</summary>
    public bool Delete(long price)
    {
        int index = Search(ToKey(price));
        if (index < 0)
        {
            return false;
        }

        int above = _count - index - 1;
        if (above > 0)
        {
            _keys.AsSpan(index + 1, above).CopyTo(_keys.AsSpan(index));
            _sizes.AsSpan(index + 1, above).CopyTo(_sizes.AsSpan(index));
        }

        _count--;
        return true;
    }

    /// <summary>The raw size at <paramref name="price"/>, or 0 when there is no such level.</summary>
    public long SizeAtPrice(long price)
    {
        int index = Search(ToKey(price));
        return index >= 0 ? _sizes[index] : 0;
    }

    /// <summary>Appends a level without keeping the order; <see cref="FinishBulk"/> restores it.</summary>
    public void AppendUnordered(long price, long size)
    {
        if (_count == _keys.Length)
        {
            Grow();
        }

        _keys[_count] = ToKey(price);
        _sizes[_count] = size;
        _count++;
    }

    /// <summary>
    /// Orders the levels appended by <see cref="AppendUnordered"/>. Venue snapshots list levels best first, which is
    /// strictly descending here, so the common case is one reversal. Input in any other order (or with a duplicated
    /// price) is rebuilt level by level in its original order, so the last duplicate wins, as it would with Set.
    /// </summary>
    public void FinishBulk()
    {
        var keys = _keys.AsSpan(0, _count);
        if (IsStrictlyAscending(keys))
        {
            return;
        }

        keys.Reverse();
        var sizes = _sizes.AsSpan(0, _count);
        sizes.Reverse();
        if (IsStrictlyAscending(keys))
        {
            return;
        }

        // Rare (venues send sorted snapshots): replay the levels, now reversed, from the last to the first.
        int n = _count;
        var keyCopy = ArrayPool<long>.Shared.Rent(n);
        var sizeCopy = ArrayPool<long>.Shared.Rent(n);
        keys.CopyTo(keyCopy);
        sizes.CopyTo(sizeCopy);
        _count = 0;
        for (int i = n - 1; i >= 0; i--)
        {
            Set(ToPrice(keyCopy[i]), sizeCopy[i]);
        }

        ArrayPool<long>.Shared.Return(keyCopy);
        ArrayPool<long>.Shared.Return(sizeCopy);
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

    private long ToKey(long price) => _negated ? -price : price;

    private long ToPrice(long key) => _negated ? -key : key;

    /// <summary>The index of <paramref name="key"/>, or the bitwise complement of where it would be inserted.</summary>
    private int Search(long key)
    {
        var keys = _keys;
        int hi = _count - 1;
        if (hi < 0)
        {
            return ~0;
        }

        long last = keys[hi];
        if (key >= last)
        {
            return key == last ? hi : ~_count;
        }

        // Gallop away from the touch: keys[hi] > key throughout, until keys[lo] <= key or lo runs off the start.
        int step = 1;
        int lo = hi - 1;
        while (lo >= 0 && keys[lo] > key)
        {
            hi = lo;
            lo = hi - step;
            step <<= 1;
        }

        if (lo >= 0 && keys[lo] == key)
        {
            return lo;
        }

        int left = lo < 0 ? 0 : lo + 1;
        int right = hi - 1;
        while (left <= right)
        {
            int mid = (int)((uint)(left + right) >> 1);
            long k = keys[mid];
            if (k == key)
            {
                return mid;
            }

            if (k < key)
            {
                left = mid + 1;
            }
            else
            {
                right = mid - 1;
            }
        }

        return ~left;
    }

    private void Insert(int index, long key, long size)
    {
        if (_count == _keys.Length)
        {
            Grow();
        }

        int above = _count - index;
        if (above > 0)
        {
            _keys.AsSpan(index, above).CopyTo(_keys.AsSpan(index + 1));
            _sizes.AsSpan(index, above).CopyTo(_sizes.AsSpan(index + 1));
        }

        _keys[index] = key;
        _sizes[index] = size;
        _count++;
    }

    // The only allocation: when the level count exceeds the capacity (steady-state books stay within it).
    private void Grow()
    {
        int capacity = Math.Max(16, _keys.Length * 2);
        Array.Resize(ref _keys, capacity);
        Array.Resize(ref _sizes, capacity);
    }
}
