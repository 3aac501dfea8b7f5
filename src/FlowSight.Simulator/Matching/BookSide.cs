using FlowSight.Core;

namespace FlowSight.Simulator.Matching;

/// <summary>
/// One side of the book: price levels in a pool, kept in a sorted array of keys with the best price last, so the
/// touch (where nearly all activity is) is found, added and removed at the end of the array with little shifting.
/// Each level holds its orders as an intrusive FIFO through <see cref="OrderNode.Prev"/>/<see cref="OrderNode.Next"/>.
/// </summary>
internal sealed class BookSide
{
    private readonly OrderPool _orders;
    private PriceLevel[] _levels;
    private int _levelsUsed;
    private int _freeLevel = -1;

    // Sorted ascending; key = price for bids, -price for asks, so the best level is always the last.
    private long[] _keys;
    private int[] _sorted;

    public BookSide(OrderSide side, OrderPool orders, int levelCapacity)
    {
        Side = side;
        _orders = orders;
        levelCapacity = Math.Max(levelCapacity, 16);
        _levels = new PriceLevel[levelCapacity];
        _keys = new long[levelCapacity];
        _sorted = new int[levelCapacity];
    }

    public OrderSide Side { get; }

    /// <summary>Number of price levels.</summary>
    public int LevelCount { get; private set; }

    /// <summary>The best level's index, or -1 when the side is empty.</summary>
    public int Best => LevelCount == 0 ? -1 : _sorted[LevelCount - 1];

    /// <summary>The level <paramref name="rank"/> places from the best (0 = best).</summary>
    public int LevelAtRank(int rank) => _sorted[LevelCount - 1 - rank];

    public ref PriceLevel Level(int index) => ref _levels[index];

    /// <summary>True when an order on the other side at <paramref name="limitRaw"/> would trade with <paramref name="levelPriceRaw"/>.</summary>
    public bool IsReachable(long levelPriceRaw, long limitRaw) =>
        Side == OrderSide.Sell ? levelPriceRaw <= limitRaw : levelPriceRaw >= limitRaw;

    /// <summary>The level at <paramref name="priceRaw"/>, or -1.</summary>
    public int Find(long priceRaw)
    {
        int pos = Search(Key(priceRaw));
        return pos >= 0 ? _sorted[pos] : -1;
    }

    /// <summary>Puts the order at the back of its price's queue; returns the level.</summary>
    public int Append(int nodeIndex, long priceRaw)
    {
        long key = Key(priceRaw);
        int pos = Search(key);
        int level;
        if (pos >= 0)
        {
            level = _sorted[pos];
        }
        else
        {
            level = NewLevel(priceRaw);
            Insert(~pos, key, level);
        }

        var nodes = _orders.Nodes;
        ref var node = ref nodes[nodeIndex];
        ref var lvl = ref _levels[level];
        node.Level = level;
        node.Next = -1;
        node.Prev = lvl.Tail;
        if (lvl.Tail >= 0)
        {
            nodes[lvl.Tail].Next = nodeIndex;
        }
        else
        {
            lvl.Head = nodeIndex;
        }

        lvl.Tail = nodeIndex;
        lvl.Count++;
        lvl.TotalRaw += node.RemainingRaw;
        return level;
    }

    /// <summary>Unlinks the order (its remaining quantity leaves the level's total); removes the level when it empties.
    /// Returns the level's new total (0 when gone).</summary>
    public long Remove(int nodeIndex)
    {
        var nodes = _orders.Nodes;
        ref var node = ref nodes[nodeIndex];
        int level = node.Level;
        ref var lvl = ref _levels[level];
        if (node.Prev >= 0)
        {
            nodes[node.Prev].Next = node.Next;
        }
        else
        {
            lvl.Head = node.Next;
        }

        if (node.Next >= 0)
        {
            nodes[node.Next].Prev = node.Prev;
        }
        else
        {
            lvl.Tail = node.Prev;
        }

        node.Prev = -1;
        node.Next = -1;
        node.Level = -1;
        lvl.Count--;
        lvl.TotalRaw -= node.RemainingRaw;
        long total = lvl.TotalRaw;
        if (lvl.Count == 0)
        {
            RemoveLevel(level);
        }

        return total;
    }

    /// <summary>A resting order of the level traded <paramref name="quantityRaw"/>.</summary>
    public void Reduce(int level, long quantityRaw) => _levels[level].TotalRaw -= quantityRaw;

    public void Clear()
    {
        LevelCount = 0;
        _levelsUsed = 0;
        _freeLevel = -1;
    }

    private long Key(long priceRaw) => Side == OrderSide.Buy ? priceRaw : -priceRaw;

    private int Search(long key)
    {
        // Most lookups are at or near the touch: check the best first.
        int n = LevelCount;
        if (n > 0 && _keys[n - 1] == key)
        {
            return n - 1;
        }

        int lo = 0;
        int hi = n - 1;
        var keys = _keys;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            long k = keys[mid];
            if (k == key)
            {
                return mid;
            }

            if (k < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    private int NewLevel(long priceRaw)
    {
        int index;
        if (_freeLevel >= 0)
        {
            index = _freeLevel;
            _freeLevel = _levels[index].Head;
        }
        else
        {
            if (_levelsUsed == _levels.Length)
            {
                Array.Resize(ref _levels, _levels.Length * 2);
            }

            index = _levelsUsed++;
        }

        _levels[index] = new PriceLevel { PriceRaw = priceRaw, Head = -1, Tail = -1 };
        return index;
    }

    private void Insert(int pos, long key, int level)
    {
        if (LevelCount == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _sorted, _sorted.Length * 2);
        }

        int tail = LevelCount - pos;
        if (tail > 0)
        {
            Array.Copy(_keys, pos, _keys, pos + 1, tail);
            Array.Copy(_sorted, pos, _sorted, pos + 1, tail);
        }

        _keys[pos] = key;
        _sorted[pos] = level;
        LevelCount++;
    }

    private void RemoveLevel(int level)
    {
        int pos = Search(Key(_levels[level].PriceRaw));
        int tail = LevelCount - pos - 1;
        if (tail > 0)
        {
            Array.Copy(_keys, pos + 1, _keys, pos, tail);
            Array.Copy(_sorted, pos + 1, _sorted, pos, tail);
        }

        LevelCount--;
        _levels[level].Head = _freeLevel;
        _freeLevel = level;
    }
}
