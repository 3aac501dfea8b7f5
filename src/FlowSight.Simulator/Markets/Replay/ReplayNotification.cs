using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Markets.Replay;

/// <summary>Something the replayed exchange reports, waiting for its feed latency to pass.</summary>
internal struct ReplayNotification
{
    public ReplayNotificationKind Kind;
    public long ReleaseTime;
    public OrderEvent Order;
    public TradeTick Trade;
    public OrderSide Side;
    public Price Price;
    public Quantity Size;
    public long Timestamp;
}
