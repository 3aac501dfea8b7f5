using FlowSight.Core;

namespace FlowSight.Engine.Candles;

/// <summary>
/// One series' candles, oldest first, in a ring preallocated at the store's per-series limit so that appending in
/// steady state allocates nothing. Engine thread only.
/// </summary>
internal sealed class CandleSeries
{
    private readonly Candle[] _ring;
    private int _start;

    public CandleSeries(CandleSeriesKey key, int capacity)
    {
        Key = key;
        _ring = new Candle[capacity];
    }

    public CandleSeriesKey Key { get; }

    public int Count { get; private set; }

    public int Capacity => _ring.Length;

    /// <summary>The store's version stamp of the last change.</summary>
    public long Version { get; set; }

    /// <summary>The store's clock at the last write, for LRU eviction.</summary>
    public long LastUsed { get; set; }

    /// <summary>Set when the store dropped the series: holders of a cached reference must look it up again.</summary>
    public bool Evicted { get; set; }

    public ref Candle this[int index] => ref _ring[Physical(index)];

    public ref Candle Newest => ref _ring[Physical(Count - 1)];

    /// <summary>Binary search by open time: the index, or the bitwise complement of where it would go.</summary>
    public int Find(long openTime)
    {
        int lo = 0, hi = Count - 1;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var t = this[mid].OpenTime;
            if (t == openTime)
            {
                return mid;
            }

            if (t < openTime)
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

    /// <summary>Appends a candle newer than every other; when full the oldest is dropped.</summary>
    public void Append(in Candle candle)
    {
        if (Count < _ring.Length)
        {
            _ring[Physical(Count)] = candle;
            Count++;
        }
        else
        {
            _ring[_start] = candle;
            _start = _start + 1 == _ring.Length ? 0 : _start + 1;
        }
    }

    /// <summary>Inserts at <paramref name="index"/> (keeps open-time order). When full, the oldest candle goes; a
    /// candle older than every kept one is then not inserted (returns false).</summary>
    public bool Insert(int index, in Candle candle)
    {
        if (index == Count)
        {
            Append(candle);
            return true;
        }

        if (Count == _ring.Length)
        {
            if (index == 0)
            {
                return false;
            }

            _start = _start + 1 == _ring.Length ? 0 : _start + 1;
            Count--;
            index--;
        }

        for (var i = Count; i > index; i--)
        {
            this[i] = this[i - 1];
        }

        Count++;
        this[index] = candle;
        return true;
    }

    /// <summary>Copies the newest <paramref name="destination"/>.Length candles (or fewer), oldest first.</summary>
    public int CopyLatest(Span<Candle> destination)
    {
        var n = Math.Min(destination.Length, Count);
        var first = Count - n;
        for (var i = 0; i < n; i++)
        {
            destination[i] = this[first + i];
        }

        return n;
    }

    private int Physical(int index)
    {
        var p = _start + index;
        return p >= _ring.Length ? p - _ring.Length : p;
    }
}
