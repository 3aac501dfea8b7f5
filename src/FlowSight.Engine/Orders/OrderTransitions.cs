using FlowSight.Core;

namespace FlowSight.Engine.Orders;

/// <summary>
/// The order state machine's edges. Fills may arrive before the acknowledgement (user stream and REST reply race),
/// so Submitted may go straight to PartiallyFilled, Filled, Canceled or Expired. Pending states go back to where
/// the order was when the venue refuses the cancel or replace. Terminal states have no way out.
/// </summary>
public static class OrderTransitions
{
    private const int Count = (int)OrderStatus.Untriggered + 1;
    private static readonly bool[] Allowed = Build();

    /// <summary>True when an order may go from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(OrderStatus from, OrderStatus to) =>
        (uint)from < Count && (uint)to < Count && Allowed[((int)from * Count) + (int)to];

    /// <summary>Throws <see cref="InvalidOrderTransitionException"/> unless the edge exists.</summary>
    /// <exception cref="InvalidOrderTransitionException">The state machine has no such edge.</exception>
    public static void Ensure(ClientOrderId clientOrderId, OrderStatus from, OrderStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidOrderTransitionException(clientOrderId, from, to);
        }
    }

    private static bool[] Build()
    {
        var table = new bool[Count * Count];
        void Allow(OrderStatus from, params OrderStatus[] to)
        {
            foreach (var t in to)
            {
                table[((int)from * Count) + (int)t] = true;
            }
        }

        // Initialized -> Rejected: refused before it left (no venue client for it).
        Allow(OrderStatus.Initialized, OrderStatus.Submitted, OrderStatus.Rejected);
        Allow(
            OrderStatus.Submitted,
            OrderStatus.Accepted,
            OrderStatus.Untriggered,
            OrderStatus.Rejected,
            OrderStatus.PartiallyFilled,
            OrderStatus.Filled,
            OrderStatus.Canceled,
            OrderStatus.Expired,
            OrderStatus.PendingCancel);
        Allow(
            OrderStatus.Accepted,
            OrderStatus.PartiallyFilled,
            OrderStatus.Filled,
            OrderStatus.Canceled,
            OrderStatus.Expired,
            OrderStatus.PendingCancel,
            OrderStatus.PendingReplace);
        Allow(
            OrderStatus.Untriggered,
            OrderStatus.Accepted,
            OrderStatus.PartiallyFilled,
            OrderStatus.Filled,
            OrderStatus.Canceled,
            OrderStatus.Expired,
            OrderStatus.Rejected,
            OrderStatus.PendingCancel,
            OrderStatus.PendingReplace);
        Allow(
            OrderStatus.PartiallyFilled,
            OrderStatus.PartiallyFilled,
            OrderStatus.Filled,
            OrderStatus.Canceled,
            OrderStatus.Expired,
            OrderStatus.PendingCancel,
            OrderStatus.PendingReplace);

        // Back edges: the venue refused the cancel (or its fate resolved to "still working"). Rejected: a cancel
        // sent before the acknowledgement, then the submit itself was refused.
        Allow(
            OrderStatus.PendingCancel,
            OrderStatus.Rejected,
            OrderStatus.Submitted,
            OrderStatus.Accepted,
            OrderStatus.Untriggered,
            OrderStatus.PartiallyFilled,
            OrderStatus.Filled,
            OrderStatus.Canceled,
            OrderStatus.Expired);
        Allow(
            OrderStatus.PendingReplace,
            OrderStatus.Accepted,
            OrderStatus.Untriggered,
            OrderStatus.PartiallyFilled,
            OrderStatus.Filled,
            OrderStatus.Canceled,
            OrderStatus.Expired,
            OrderStatus.PendingCancel);
        return table;
    }
}
