using FlowSight.Core;
using FlowSight.Engine.Orders;

namespace FlowSight.Benchmarks.Risk;

/// <summary>A fixed order book of working orders: constant answers, so the benchmark measures the risk engine.</summary>
internal sealed class BenchOrderView : IOrderView
{
    public int TotalOpenOrderCount => 12;

    public int OpenOrderCount(InstrumentId instrument) => 4;

    public decimal OpenQuantity(InstrumentId instrument, OrderSide side) => 0.05m;

    public bool Contains(ClientOrderId clientOrderId) => false;

    public bool TryGetOpen(ClientOrderId clientOrderId, out OrderStatus status, out InstrumentId instrument, out OrderSide side, out decimal leavesQuantity)
    {
        status = default;
        instrument = default;
        side = default;
        leavesQuantity = 0m;
        return false;
    }
}
