using System.Globalization;
using FlowSight.Core;
using FlowSight.Engine.Orders;
using Microsoft.Extensions.Logging;

namespace FlowSight.Engine.Execution;

/// <summary>Applying venue reports on the engine thread.</summary>
public sealed partial class ExecutionEngine
{
    /// <summary>Applies one queued report; called by the sink's drain on the engine thread. Never throws.</summary>
    internal void Apply(ref PendingReport item)
    {
        try
        {
            switch (item.Kind)
            {
                case PendingReportKind.OrderStatus:
                    ApplyOrderStatus(in item.OrderStatus);
                    _bus.Publish(in item.OrderStatus);
                    break;
                case PendingReportKind.Fill:
                    ApplyFill(in item.Fill);
                    break;
                case PendingReportKind.Position:
                    _bus.Publish(in item.Position);
                    break;
                case PendingReportKind.Balance:
                    _bus.Publish(in item.Balance);
                    break;
                case PendingReportKind.CommandFailed:
                    ApplyFailure(in item.Failure);
                    _bus.Publish(in item.Failure);
                    break;
                case PendingReportKind.ConnectionChanged:
                    ApplyConnection(in item.Connection);
                    _bus.Publish(in item.Connection);
                    break;
                case PendingReportKind.Callback:
                    item.Callback!();
                    break;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A report the state machine cannot take is logged and dropped: one bad message must not stop the others.
            _logger.LogError(ex, "Applying a {Kind} report failed.", item.Kind);
        }
        finally
        {
            item = default; // the queue's slot must not keep strings alive
        }
    }

    private Order? Find(ClientOrderId clientOrderId, InstrumentId instrument, VenueOrderId venueOrderId)
    {
        if (!clientOrderId.IsDefault && _store.TryGet(clientOrderId, out var order))
        {
            return order;
        }

        return !venueOrderId.IsDefault && _store.TryGetByVenueOrderId(instrument, venueOrderId, out order) ? order : null;
    }

    /// <summary>Moves the order to the venue's state when that state is newer than ours; late reports are counted and dropped.</summary>
    private void ApplyOrderStatus(in OrderStatusReport report)
    {
        var order = Find(report.ClientOrderId, report.Instrument, report.VenueOrderId);
        if (order is null)
        {
            if (report.Status.IsTerminal())
            {
                Interlocked.Increment(ref _unknownOrderReports);
            }
            else
            {
                Adopt(in report);
            }

            return;
        }

        _store.SetVenueOrderId(order, report.VenueOrderId);
        if (!order.IsOpen || report.FilledQuantity < order.FilledQuantity)
        {
            Interlocked.Increment(ref _staleReports);
            return;
        }

        var now = report.Timestamp != 0 ? report.Timestamp : Now();
        if (report.UpdateTime > order.LastVenueUpdate)
        {
            order.LastVenueUpdate = report.UpdateTime;
        }

        switch (report.Status)
        {
            case OrderStatus.Accepted:
            case OrderStatus.Untriggered:
            case OrderStatus.PartiallyFilled:
                ApplyWorking(order, in report, now);
                break;
            case OrderStatus.Filled:
                AcceptIfSubmitted(order, now);
                _store.Transition(order, OrderStatus.Filled, now);
                break;
            case OrderStatus.Canceled:
                _store.Transition(order, OrderStatus.Canceled, now);
                _bus.Publish(new OrderCanceled(order.ClientOrderId, order.VenueOrderId, order.Instrument, now));
                break;
            case OrderStatus.Expired:
                order.LastReason = report.Reason;
                _store.Transition(order, OrderStatus.Expired, now);
                _bus.Publish(new OrderExpired(order.ClientOrderId, order.VenueOrderId, order.Instrument, report.Reason, now));
                break;
            case OrderStatus.Rejected:
                if (!OrderTransitions.IsAllowed(order.Status, OrderStatus.Rejected))
                {
                    Interlocked.Increment(ref _staleReports);
                    return;
                }

                order.LastReason = report.Reason ?? "rejected by the venue";
                _store.Transition(order, OrderStatus.Rejected, now);
                _bus.Publish(new OrderRejected(order.ClientOrderId, order.Instrument, null, order.LastReason, now));
                break;
            default:
                // Initialized, Submitted, Pending*: the venue never moves an order back to these.
                Interlocked.Increment(ref _staleReports);
                break;
        }
    }

    private void ApplyWorking(Order order, in OrderStatusReport report, long now)
    {
        var venueStatus = report.Status;
        switch (order.Status)
        {
            case OrderStatus.Submitted:
                _bus.Publish(new OrderAccepted(order.ClientOrderId, order.VenueOrderId, order.Instrument, now));
                _store.Transition(order, venueStatus, now);
                return;
            case OrderStatus.Accepted when venueStatus == OrderStatus.PartiallyFilled:
            case OrderStatus.Untriggered when venueStatus is OrderStatus.Accepted or OrderStatus.PartiallyFilled:
                _store.Transition(order, venueStatus, now);
                return;
            case OrderStatus.PendingCancel:
            case OrderStatus.PendingReplace:
                if (order.StatusBeforePending == OrderStatus.Submitted)
                {
                    _bus.Publish(new OrderAccepted(order.ClientOrderId, order.VenueOrderId, order.Instrument, now));
                    order.SetStatusBeforePending(venueStatus);
                }
                else if (venueStatus == OrderStatus.PartiallyFilled)
                {
                    order.SetStatusBeforePending(OrderStatus.PartiallyFilled);
                }

                if (order.Status == OrderStatus.PendingReplace && ReplaceVisible(order, in report))
                {
                    CompleteReplace(order, order.ClientOrderId, in report, now);
                }

                return;
            default:
                if (ReplaceVisibleWithoutPending(order, in report))
                {
                    // An amend we did not ask for (made at the venue by hand): take the venue's values.
                    order.Quantity = report.Quantity;
                    order.Price = report.Price;
                    order.TriggerPrice = report.TriggerPrice ?? order.TriggerPrice;
                    _bus.Publish(new OrderReplaced(order.ClientOrderId, order.VenueOrderId, order.Instrument, order.Quantity, order.Price, order.TriggerPrice, now));
                    return;
                }

                // Accepted after PartiallyFilled, or the same state again: nothing new.
                Interlocked.Increment(ref _staleReports);
                return;
        }
    }

    private static bool ReplaceVisible(Order order, in OrderStatusReport report) =>
        (order.PendingQuantity is { } q && report.Quantity == q)
        || (order.PendingPrice is { } p && report.Price == p)
        || (order.PendingTriggerPrice is { } t && report.TriggerPrice == t);

    private static bool ReplaceVisibleWithoutPending(Order order, in OrderStatusReport report) =>
        report.Quantity.Raw != 0 && (report.Quantity != order.Quantity || (report.Price is { } p && order.Price is { } op && p != op));

    private void CompleteReplace(Order order, ClientOrderId reportedId, in OrderStatusReport report, long now)
    {
        order.Quantity = report.Quantity;
        order.Price = report.Price ?? order.Price;
        order.TriggerPrice = report.TriggerPrice ?? order.TriggerPrice;
        var back = order.StatusBeforePending;
        if (report.Status == OrderStatus.PartiallyFilled || order.FilledQuantity.Raw > 0)
        {
            back = OrderStatus.PartiallyFilled;
        }

        ForgetReplacement(order);
        _store.Transition(order, back, now);
        _bus.Publish(new OrderReplaced(reportedId, order.VenueOrderId, order.Instrument, order.Quantity, order.Price, order.TriggerPrice, now));
    }

    private void AcceptIfSubmitted(Order order, long now)
    {
        if (order.Status == OrderStatus.Submitted
            || (order.Status is OrderStatus.PendingCancel or OrderStatus.PendingReplace && order.StatusBeforePending == OrderStatus.Submitted))
        {
            _bus.Publish(new OrderAccepted(order.ClientOrderId, order.VenueOrderId, order.Instrument, now));
            if (order.Status != OrderStatus.Submitted)
            {
                order.SetStatusBeforePending(OrderStatus.Accepted);
            }
        }
    }

    /// <summary>Takes a working order the engine did not hold: placed by hand (not ours), ours from before a restart, or a cancel-and-resubmit replacement.</summary>
    private void Adopt(in OrderStatusReport report)
    {
        var id = report.ClientOrderId;
        var ours = !id.IsDefault && _ids.IsOurs(id);
        if (ours)
        {
            _ids.Recover(id);
        }

        if (id.IsDefault)
        {
            id = DeriveExternalId(report.VenueOrderId);
            if (_store.Contains(id))
            {
                Interlocked.Increment(ref _unknownOrderReports);
                return;
            }
        }

        var now = report.Timestamp != 0 ? report.Timestamp : Now();
        var order = _store.Create(
            new SubmitOrder
            {
                ClientOrderId = id,
                Instrument = report.Instrument,
                Side = report.Side,
                Type = report.Type,
                Quantity = report.Quantity,
                Price = report.Price,
                TriggerPrice = report.TriggerPrice,
                TimeInForce = report.TimeInForce,
                ReduceOnly = report.ReduceOnly,
                PositionSide = report.PositionSide,
                Origin = ours ? "recovered" : "external",
                Timestamp = now,
            },
            isExternal: !ours);
        _store.Add(order);
        _store.SetVenueOrderId(order, report.VenueOrderId);
        _store.Transition(order, OrderStatus.Submitted, now);
        var status = report.Status is OrderStatus.Untriggered or OrderStatus.PartiallyFilled ? report.Status : OrderStatus.Accepted;
        _store.Transition(order, status, now);
        order.SyncFilledFromVenue(report.FilledQuantity, report.AveragePrice, report.UpdateTime);
        order.LastVenueUpdate = report.UpdateTime;
        Interlocked.Increment(ref _adoptedOrders);
        _bus.Publish(new OrderAccepted(order.ClientOrderId, order.VenueOrderId, order.Instrument, now));
        if (_replacements.Remove(id, out var replaced))
        {
            // The venue replaced by cancel and resubmit: the new order carries the new id; the old one ends with its own Canceled report.
            _bus.Publish(new OrderReplaced(id, order.VenueOrderId, order.Instrument, order.Quantity, order.Price, order.TriggerPrice, now));
            _logger.LogDebug("Order {Old} was replaced by {New}.", replaced.ClientOrderId, id);
        }
    }

    private static ClientOrderId DeriveExternalId(VenueOrderId venueOrderId)
    {
        var text = "x" + venueOrderId.ToString();
        if (ClientOrderId.TryParse(text, out var id))
        {
            return id;
        }

        return ClientOrderId.Parse("x" + ((ulong)venueOrderId.GetHashCode()).ToString("x", CultureInfo.InvariantCulture) + venueOrderId.Utf8.Length.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Counts a fill once per (instrument, trade id), whatever order it arrives in, and publishes it.</summary>
    private void ApplyFill(in FillReport fill)
    {
        var order = Find(fill.ClientOrderId, fill.Instrument, fill.VenueOrderId);
        if (order is null)
        {
            if (!RememberForeignTrade(fill.Instrument, fill.TradeId))
            {
                Interlocked.Increment(ref _duplicateFills);
                return;
            }

            Interlocked.Increment(ref _foreignFills);
            NoteFillTime(in fill);
            _bus.Publish(in fill);
            return;
        }

        if (order.HasTrade(fill.TradeId) || (order.IsExternal && _foreignTrades.Contains((fill.Instrument, fill.TradeId))))
        {
            // Seen already: on this order, or (for an adopted order) published as a fill of an unknown order before it was adopted.
            Interlocked.Increment(ref _duplicateFills);
            return;
        }

        if (order.FilledBaselineTime != 0 && fill.TradeTime != 0 && fill.TradeTime <= order.FilledBaselineTime)
        {
            // Executed before the venue's cumulative figure the order was adopted with: already in it.
            order.AddTradeIdOnly(fill.TradeId);
            Interlocked.Increment(ref _duplicateFills);
            return;
        }

        var now = fill.Timestamp != 0 ? fill.Timestamp : Now();
        var filled = _store.AddFill(order, in fill);
        if (order.IsOpen)
        {
            var full = order.FilledQuantity >= order.Quantity;
            switch (order.Status)
            {
                case OrderStatus.Submitted:
                    _bus.Publish(new OrderAccepted(order.ClientOrderId, order.VenueOrderId, order.Instrument, now));
                    _store.Transition(order, full ? OrderStatus.Filled : OrderStatus.PartiallyFilled, now);
                    break;
                case OrderStatus.PendingCancel:
                case OrderStatus.PendingReplace:
                    AcceptIfSubmitted(order, now);
                    if (full)
                    {
                        _store.Transition(order, OrderStatus.Filled, now);
                    }
                    else
                    {
                        order.SetStatusBeforePending(OrderStatus.PartiallyFilled);
                    }

                    break;
                default:
                    _store.Transition(order, full ? OrderStatus.Filled : OrderStatus.PartiallyFilled, now);
                    break;
            }
        }

        NoteFillTime(in fill);
        _bus.Publish(in filled);
        _bus.Publish(in fill);
    }

    private void NoteFillTime(in FillReport fill)
    {
        if (fill.TradeTime != 0 && TryGetSlot(fill.Instrument, out var slot) && fill.TradeTime > Volatile.Read(ref slot.LastFillTime))
        {
            Volatile.Write(ref slot.LastFillTime, fill.TradeTime);
        }
    }

    /// <summary>False when the trade was seen already; the window forgets the oldest beyond its size.</summary>
    private bool RememberForeignTrade(InstrumentId instrument, string tradeId)
    {
        var key = (instrument, tradeId);
        if (!_foreignTrades.Add(key))
        {
            return false;
        }

        _foreignTradeOrder.Enqueue(key);
        if (_foreignTradeOrder.Count > _options.RecentForeignTradeWindow)
        {
            _foreignTrades.Remove(_foreignTradeOrder.Dequeue());
        }

        return true;
    }

    private void ApplyFailure(in VenueCommandFailure failure)
    {
        var now = failure.Timestamp != 0 ? failure.Timestamp : Now();
        if (failure.Command == TradingCommandKind.CancelAll)
        {
            _bus.Publish(new OrderModifyRejected(TradingCommandKind.CancelAll, default, failure.Instrument, failure.Code, failure.Reason, now));
            if (failure.FateUnknown)
            {
                // Which orders went is unknown: ask the venue what is still working (the instrument's client, else every client).
                if (failure.Instrument.IsDefault)
                {
                    foreach (var slot in _slotList)
                    {
                        RequestReconciliation(slot);
                    }
                }
                else if (TryGetSlot(failure.Instrument, out var slot))
                {
                    RequestReconciliation(slot);
                }
            }

            return;
        }

        if (!_store.TryGet(failure.ClientOrderId, out var order))
        {
            Interlocked.Increment(ref _unknownOrderReports);
            _logger.LogWarning("{Command} failure for unknown order {ClientOrderId}: {Reason}", failure.Command, failure.ClientOrderId, failure.Reason);
            return;
        }

        if (failure.FateUnknown)
        {
            if (order.IsOpen && TryGetSlot(order.Instrument, out var slot))
            {
                _ = ResolveUnknownFateAsync(slot, failure.Command, order.ClientOrderId, order.Instrument);
            }

            return;
        }

        switch (failure.Command)
        {
            case TradingCommandKind.Submit:
                if (order.Status is OrderStatus.Submitted
                    || (order.Status == OrderStatus.PendingCancel && order.StatusBeforePending == OrderStatus.Submitted))
                {
                    order.LastReason = failure.Reason;
                    _store.Transition(order, OrderStatus.Rejected, now);
                    _bus.Publish(new OrderRejected(order.ClientOrderId, order.Instrument, failure.Code, failure.Reason, now));
                }
                else
                {
                    Interlocked.Increment(ref _staleReports);
                }

                break;
            case TradingCommandKind.Cancel:
            case TradingCommandKind.Replace:
                var pending = failure.Command == TradingCommandKind.Cancel ? OrderStatus.PendingCancel : OrderStatus.PendingReplace;
                if (order.Status == pending)
                {
                    ForgetReplacement(order);
                    _store.Transition(order, order.StatusBeforePending, now);
                }

                _bus.Publish(new OrderModifyRejected(failure.Command, order.ClientOrderId, order.Instrument, failure.Code, failure.Reason, now));
                break;
        }
    }

    private void ApplyConnection(in ExecutionConnectionChanged change)
    {
        // The account's own client only: another account on the same venue keeps its connection and its orders.
        if (!TryGetSlot(change.Venue, change.Account, out var slot))
        {
            return;
        }

        if (!change.Connected)
        {
            slot.Disconnected = true;
            _logger.LogWarning("{Venue} execution connection of account {Account} lost: {Reason}", change.Venue, change.Account, change.Reason);
            return;
        }

        if (slot.Disconnected || change.Reconnected)
        {
            slot.Disconnected = false;
            RequestReconciliation(slot);
        }
    }
}
