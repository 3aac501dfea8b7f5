using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Markets.Synthetic;

/// <summary>Admits the synthetic participants unconditionally and asks the real admission about everyone else.</summary>
internal sealed class ParticipantAdmission(IOrderAdmission inner, SyntheticMarketOptions options) : IOrderAdmission
{
    public RejectReason Admit(in SimOrderRequest request, Price referencePrice) =>
        IsParticipant(request.AccountId) ? RejectReason.None : inner.Admit(request, referencePrice);

    public Quantity ReduceOnlyCapacity(int accountId, InstrumentId instrument, OrderSide side, PositionSide positionSide) =>
        IsParticipant(accountId) ? Quantity.FromRaw(long.MaxValue, 0) : inner.ReduceOnlyCapacity(accountId, instrument, side, positionSide);

    private bool IsParticipant(int accountId) => accountId == options.MakerAccountId || accountId == options.TakerAccountId;
}
