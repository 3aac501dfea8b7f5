using FlowSight.Core;

namespace FlowSight.Engine.Orders;

/// <summary>What the risk engine and strategies may read of the engine's orders (engine thread only).</summary>
public interface IOrderView
{
    /// <summary>Working (not terminal) orders of <paramref name="instrument"/>.</summary>
    int OpenOrderCount(InstrumentId instrument);

    /// <summary>Working orders of every instrument.</summary>
    int TotalOpenOrderCount { get; }

    /// <summary>Unfilled quantity of the working orders of <paramref name="instrument"/> on <paramref name="side"/>, in the instrument's unit.</summary>
    decimal OpenQuantity(InstrumentId instrument, OrderSide side);

    /// <summary>True when an order with this id exists (working or not); never reuse one.</summary>
    bool Contains(ClientOrderId clientOrderId);

    /// <summary>The working order's state, when <paramref name="clientOrderId"/> is a working order.</summary>
    bool TryGetOpen(ClientOrderId clientOrderId, out OrderStatus status, out InstrumentId instrument, out OrderSide side, out decimal leavesQuantity);
}
