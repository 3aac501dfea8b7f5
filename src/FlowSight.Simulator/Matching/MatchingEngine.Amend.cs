using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Matching;

public sealed partial class MatchingEngine
{
    /// <summary>
    /// Binance USDⓈ-M <c>PUT /fapi/v1/order</c>: only resting limit orders; a price or quantity failing the filters
    /// rejects the amend and leaves the order as it was (a Rejected event carrying the order's current status); a new
    /// quantity at or below the executed quantity, or a post-only whose new price would take, cancels the order;
    /// otherwise the order goes to the back of its (new) price's queue, as Binance reorders modified orders, and
    /// trades first if the new price crosses.
    /// </summary>
    /// <remarks>The amended order is not re-admitted: the accounts see the Amended event and adjust what they hold.</remarks>
    public void Amend(in SimAmendRequest request, long timestamp)
    {
        Enter();
        try
        {
            _hasRange = false;
            AmendCore(in request, timestamp);
            ProcessTriggers(timestamp);
        }
        finally
        {
            _busy = false;
        }
    }

    private void AmendCore(in SimAmendRequest request, long timestamp)
    {
        int index = Find(request.AccountId, request.Instrument, request.OrderId, request.ClientOrderId);
        if (index < 0)
        {
            RejectCancel(new SimCancelRequest(request.AccountId, request.Instrument, request.OrderId, request.ClientOrderId), timestamp);
            return;
        }

        ref var node = ref _pool.Nodes[index];
        var status = node.FilledRaw > 0 ? OrderStatus.PartiallyFilled : OrderStatus.Accepted;
        if (node.State != OrderNodeState.Resting || node.Type != OrderType.Limit)
        {
            EmitOrder(index, ExecutionType.Rejected, status, RejectReason.InvalidOrderType, timestamp);
            return;
        }

        long priceRaw = node.PriceRaw;
        long quantityRaw = node.QuantityRaw;
        var reason = RejectReason.None;
        if (request.NewPrice.Raw != 0)
        {
            reason = ValidatePrice(request.NewPrice, out priceRaw);
        }

        if (reason == RejectReason.None && request.NewQuantity.Raw != 0)
        {
            reason = ValidateQuantity(request.NewQuantity, out quantityRaw);
        }

        if (reason == RejectReason.None && !node.ReduceOnly && !MeetsMinNotional(OrderType.Limit, node.Side, priceRaw, 0, quantityRaw))
        {
            reason = RejectReason.NotionalBelowMinimum;
        }

        if (reason != RejectReason.None)
        {
            EmitOrder(index, ExecutionType.Rejected, status, reason, timestamp);
            return;
        }

        if (node.FilledRaw > 0 && quantityRaw <= node.FilledRaw)
        {
            CancelNode(index, RejectReason.None, timestamp);
            return;
        }

        if (node.TimeInForce == TimeInForce.Gtx)
        {
            var opposite = Opposite(node.Side);
            int best = opposite.Best;
            if (best >= 0 && opposite.IsReachable(opposite.Level(best).PriceRaw, priceRaw))
            {
                CancelNode(index, RejectReason.PostOnlyWouldTake, timestamp);
                return;
            }
        }

        var own = Own(node.Side);
        long oldPrice = node.PriceRaw;
        long total = own.Remove(index);
        node = ref _pool.Nodes[index];
        node.State = OrderNodeState.Incoming;
        node.PriceRaw = priceRaw;
        node.QuantityRaw = quantityRaw;
        EmitLevel(own, oldPrice, total, timestamp);
        EmitOrder(index, ExecutionType.Amended, status, RejectReason.None, timestamp);
        Execute(index, timestamp);
    }
}
