using FlowSight.Core;
using FlowSight.Engine.Orders;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>Working orders as a test sets them.</summary>
internal sealed class TestOrderView : IOrderView
{
    private readonly Dictionary<ClientOrderId, (InstrumentId Instrument, OrderSide Side, decimal Leaves)> _open = [];

    public int TotalOpenOrderCount => _open.Count;

    /// <summary>Adds a working order.</summary>
    public void Add(string clientOrderId, InstrumentId instrument, OrderSide side, decimal leaves) =>
        _open[ClientOrderId.Parse(clientOrderId)] = (instrument, side, leaves);

    public void Clear() => _open.Clear();

    public int OpenOrderCount(InstrumentId instrument)
    {
        var n = 0;
        foreach (var order in _open.Values)
        {
            if (order.Instrument == instrument)
            {
                n++;
            }
        }

        return n;
    }

    public decimal OpenQuantity(InstrumentId instrument, OrderSide side)
    {
        var sum = 0m;
        foreach (var order in _open.Values)
        {
            if (order.Instrument == instrument && order.Side == side)
            {
                sum += order.Leaves;
            }
        }

        return sum;
    }

    public bool Contains(ClientOrderId clientOrderId) => _open.ContainsKey(clientOrderId);

    public bool TryGetOpen(ClientOrderId clientOrderId, out OrderStatus status, out InstrumentId instrument, out OrderSide side, out decimal leavesQuantity)
    {
        if (_open.TryGetValue(clientOrderId, out var order))
        {
            status = OrderStatus.Accepted;
            (instrument, side, leavesQuantity) = order;
            return true;
        }

        status = default;
        instrument = default;
        side = default;
        leavesQuantity = 0m;
        return false;
    }
}
