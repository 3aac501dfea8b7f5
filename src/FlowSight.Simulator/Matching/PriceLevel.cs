namespace FlowSight.Simulator.Matching;

/// <summary>One price of one side: its orders as an intrusive FIFO (head is first in time) and their total.</summary>
internal struct PriceLevel
{
    public long PriceRaw;
    public long TotalRaw;
    public int Head;
    public int Tail;
    public int Count;
}
