using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Markets;

/// <summary>
/// The account side of order entry, asked by a market before an order is booked and while a reduce-only order fills.
/// Implemented by the accounts (balances, margin, positions); markets without accounts use <see cref="OrderAdmission.AcceptAll"/>.
/// </summary>
public interface IOrderAdmission
{
    /// <summary>
    /// Whether the account may place the order, after the instrument filters passed. <paramref name="referencePrice"/>
    /// is the limit price of a limit order, the trigger price of a stop-market, and for a market order the worst price
    /// its whole quantity would reach walking the current book (default when the book side is empty).
    /// </summary>
    RejectReason Admit(in SimOrderRequest request, Price referencePrice);

    /// <summary>
    /// How much a reduce-only order on <paramref name="side"/> may still execute now without opening or growing a
    /// position (the position's size on the opposite side); zero expires the order.
    /// </summary>
    Quantity ReduceOnlyCapacity(int accountId, InstrumentId instrument, OrderSide side, PositionSide positionSide);
}
