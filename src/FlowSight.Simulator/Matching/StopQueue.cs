namespace FlowSight.Simulator.Matching;

/// <summary>
/// Untriggered stops that fire in one direction of one price (last or mark), sorted so the next to fire is last:
/// for orders that fire when the price rises to their trigger, the lowest trigger; for those that fire when it
/// falls, the highest; among equal triggers, the older order first.
/// </summary>
internal sealed class StopQueue
{
    private long[] _triggers;
    private long[] _orderIds;
    private int[] _nodes;

    public StopQueue(bool firesOnRise, int capacity)
    {
        FiresOnRise = firesOnRise;
        capacity = Math.Max(capacity, 8);
        _triggers = new long[capacity];
        _orderIds = new long[capacity];
        _nodes = new int[capacity];
    }

    /// <summary>True: fires when the price is at or above the trigger; false: at or below.</summary>
    public bool FiresOnRise { get; }

    public int Count { get; private set; }

    /// <summary>Whether the stop next in line fires at <paramref name="priceRaw"/>.</summary>
    public bool IsDue(long priceRaw) =>
        Count > 0 && (FiresOnRise ? priceRaw >= _triggers[Count - 1] : priceRaw <= _triggers[Count - 1]);

    /// <summary>Whether a stop with <paramref name="triggerRaw"/> would fire at once at <paramref name="priceRaw"/>.</summary>
    public bool WouldFire(long triggerRaw, long priceRaw) => FiresOnRise ? priceRaw >= triggerRaw : priceRaw <= triggerRaw;

    public int Pop()
    {
        Count--;
        return _nodes[Count];
    }

    public void Add(long triggerRaw, long orderId, int node)
    {
        if (Count == _nodes.Length)
        {
            Array.Resize(ref _triggers, Count * 2);
            Array.Resize(ref _orderIds, Count * 2);
            Array.Resize(ref _nodes, Count * 2);
        }

        int pos = Count;
        while (pos > 0 && Before(triggerRaw, orderId, _triggers[pos - 1], _orderIds[pos - 1]))
        {
            pos--;
        }

        int tail = Count - pos;
        if (tail > 0)
        {
            Array.Copy(_triggers, pos, _triggers, pos + 1, tail);
            Array.Copy(_orderIds, pos, _orderIds, pos + 1, tail);
            Array.Copy(_nodes, pos, _nodes, pos + 1, tail);
        }

        _triggers[pos] = triggerRaw;
        _orderIds[pos] = orderId;
        _nodes[pos] = node;
        Count++;
    }

    public bool Remove(int node)
    {
        for (int i = Count - 1; i >= 0; i--)
        {
            if (_nodes[i] != node)
            {
                continue;
            }

            int tail = Count - i - 1;
            if (tail > 0)
            {
                Array.Copy(_triggers, i + 1, _triggers, i, tail);
                Array.Copy(_orderIds, i + 1, _orderIds, i, tail);
                Array.Copy(_nodes, i + 1, _nodes, i, tail);
            }

            Count--;
            return true;
        }

        return false;
    }

    // True when (t, id) must sit before (closer to index 0, i.e. fire later than) (otherT, otherId).
    private bool Before(long t, long id, long otherT, long otherId)
    {
        if (t != otherT)
        {
            return FiresOnRise ? t > otherT : t < otherT;
        }

        return id > otherId;
    }
}
