using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Markets;

/// <summary>Ready-made <see cref="IOrderAdmission"/>s.</summary>
public static class OrderAdmission
{
    /// <summary>Admits everything and lets reduce-only orders fill in full: for market participants without accounts.</summary>
    public static IOrderAdmission AcceptAll { get; } = new AcceptingAdmission();

    private sealed class AcceptingAdmission : IOrderAdmission
    {
        public RejectReason Admit(in SimOrderRequest request, Price referencePrice) => RejectReason.None;

        public Quantity ReduceOnlyCapacity(int accountId, InstrumentId instrument, OrderSide side, PositionSide positionSide) =>
            Quantity.FromRaw(long.MaxValue, 0);
    }
}
