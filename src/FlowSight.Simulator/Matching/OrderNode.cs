using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Matching;

/// <summary>
/// One live order in the engine's pool: its request fields in raw fixed point at the instrument's precisions, its
/// fill state, and the intrusive links of its price level's FIFO queue and of the engine's live-order list.
/// </summary>
internal struct OrderNode
{
    public long OrderId;
    public int AccountId;
    public ClientOrderId ClientOrderId;
    public OrderSide Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    public bool ReduceOnly;
    public PositionSide PositionSide;
    public SelfTradePrevention SelfTradePrevention;
    public WorkingType WorkingType;
    public OrderNodeState State;

    /// <summary>Limit price raw at the price precision; 0 for a market order.</summary>
    public long PriceRaw;

    /// <summary>Trigger price raw at the price precision; 0 unless a stop or take-profit.</summary>
    public long TriggerRaw;

    /// <summary>Order quantity raw at the size precision (after amends).</summary>
    public long QuantityRaw;

    /// <summary>Executed quantity raw.</summary>
    public long FilledRaw;

    /// <summary>Σ price × quantity of the fills, exact, at price precision + size precision.</summary>
    public Int128 CumQuoteRaw;

    /// <summary>Previous / next order in the same price level (or -1).</summary>
    public int Prev;

    public int Next;

    /// <summary>The level (index into the side's level pool) while resting; -1 otherwise.</summary>
    public int Level;

    /// <summary>Previous / next in the list of all live orders, in order-id order (for CancelAll).</summary>
    public int LivePrev;

    public int LiveNext;

    public readonly long RemainingRaw => QuantityRaw - FilledRaw;
}
