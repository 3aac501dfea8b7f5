using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Tests.Matching;

/// <summary>
/// One-way positions per account, kept from the fills it is shown, so reduce-only orders can be checked against
/// the position they reduce. Admits everything.
/// </summary>
internal sealed class PositionTrackingAdmission : IOrderAdmission
{
    private readonly Dictionary<int, long> _positions = [];
    private readonly byte _precision;

    public PositionTrackingAdmission(byte sizePrecision = 0) => _precision = sizePrecision;

    /// <summary>Signed position in raw quantity units (positive long).</summary>
    public long Position(int accountId) => _positions.GetValueOrDefault(accountId);

    public void SetPosition(int accountId, long raw) => _positions[accountId] = raw;

    public void Apply(in OrderEvent e)
    {
        if (e.ExecutionType == ExecutionType.Trade)
        {
            _positions[e.AccountId] = Position(e.AccountId) + (e.Side == OrderSide.Buy ? e.LastQuantity.Raw : -e.LastQuantity.Raw);
        }
    }

    public RejectReason Admit(in SimOrderRequest request, Price referencePrice) => RejectReason.None;

    public Quantity ReduceOnlyCapacity(int accountId, InstrumentId instrument, OrderSide side, PositionSide positionSide)
    {
        long position = Position(accountId);
        long capacity = side == OrderSide.Sell ? Math.Max(0, position) : Math.Max(0, -position);
        return Quantity.FromRaw(capacity, _precision);
    }
}
