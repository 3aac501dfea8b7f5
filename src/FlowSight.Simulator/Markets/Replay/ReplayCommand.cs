using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Markets.Replay;

/// <summary>A request on its way to the replayed exchange: it acts at <see cref="EffectiveTime"/>.</summary>
internal struct ReplayCommand
{
    public ReplayCommandKind Kind;
    public long EffectiveTime;
    public SimOrderRequest Order;
    public SimCancelRequest Cancel;
    public SimAmendRequest Amend;
    public int AccountId;
}
