namespace FlowSight.Simulator.Markets.Synthetic;

/// <summary>
/// Order ids with O(1) add, remove and pick-by-index (for a uniformly drawn cancellation): a dense array plus an
/// id → slot map, removal swapping the last id in. The order of the array depends only on the calls, so the draws
/// are deterministic.
/// </summary>
internal sealed class RestingOrderSet
{
    private readonly Dictionary<long, int> _slots;
    private long[] _ids;
    private int _count;

    public RestingOrderSet(int capacity)
    {
        _ids = new long[capacity];
        _slots = new Dictionary<long, int>(capacity);
    }

    public int Count => _count;

    public long At(int index) => _ids[index];

    public void Add(long id)
    {
        if (!_slots.TryAdd(id, _count))
        {
            return;
        }

        if (_count == _ids.Length)
        {
            Array.Resize(ref _ids, _ids.Length * 2);
        }

        _ids[_count++] = id;
    }

    public void Remove(long id)
    {
        if (!_slots.Remove(id, out int slot))
        {
            return;
        }

        long last = _ids[--_count];
        if (slot != _count)
        {
            _ids[slot] = last;
            _slots[last] = slot;
        }
    }
}
