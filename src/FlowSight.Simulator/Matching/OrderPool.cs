namespace FlowSight.Simulator.Matching;

/// <summary>
/// The engine's order nodes in one array with a free list, so placing and removing orders allocates nothing once
/// the pool has grown to the book's working size. Indices stay valid across growth; refs do not.
/// </summary>
internal sealed class OrderPool
{
    private int _free = -1;
    private int _used;

    public OrderPool(int capacity) => Nodes = new OrderNode[Math.Max(capacity, 16)];

    /// <summary>The nodes; re-read after <see cref="Allocate"/>, which may replace the array.</summary>
    public OrderNode[] Nodes { get; private set; }

    /// <summary>How many nodes are in use.</summary>
    public int Count { get; private set; }

    public int Allocate()
    {
        int index;
        if (_free >= 0)
        {
            index = _free;
            _free = Nodes[index].Next;
        }
        else
        {
            if (_used == Nodes.Length)
            {
                var grown = new OrderNode[Nodes.Length * 2];
                Array.Copy(Nodes, grown, _used);
                Nodes = grown;
            }

            index = _used++;
        }

        Nodes[index] = default;
        Nodes[index].Prev = -1;
        Nodes[index].Next = -1;
        Nodes[index].Level = -1;
        Nodes[index].LivePrev = -1;
        Nodes[index].LiveNext = -1;
        Count++;
        return index;
    }

    public void Release(int index)
    {
        ref var node = ref Nodes[index];
        node.State = OrderNodeState.Free;
        node.Next = _free;
        _free = index;
        Count--;
    }
}
