using FlowSight.Core;
using FlowSight.Engine.Orders;
using Microsoft.Extensions.Logging;

namespace FlowSight.Engine.Execution;

/// <summary>Unknown outcomes and reconciliation: asking the venue, never sending again.</summary>
public sealed partial class ExecutionEngine
{
    /// <summary>The reason an unknown-outcome order the venue does not know ends with.</summary>
    public const string NotFoundAfterUnknownOutcome = "not found at venue after unknown outcome";

    /// <summary>
    /// Reconciles every client (account) of <paramref name="venue"/>, one after the other; see
    /// <see cref="ReconcileAsync(Venue, string, CancellationToken)"/>. Returns a summary per account.
    /// </summary>
    /// <exception cref="ArgumentException">No client for <paramref name="venue"/>.</exception>
    public async Task<IReadOnlyList<ReconciliationCompleted>> ReconcileAsync(Venue venue, CancellationToken cancellationToken = default)
    {
        var summaries = new List<ReconciliationCompleted>();
        foreach (var slot in _slotList)
        {
            if (slot.Venue == venue)
            {
                summaries.Add(await ReconcileSlotAsync(slot, cancellationToken).ConfigureAwait(false));
            }
        }

        return summaries.Count > 0 ? summaries : throw new ArgumentException($"No execution client for venue {venue}.", nameof(venue));
    }

    /// <summary>
    /// Brings the engine's orders in line with one venue account: working orders (ours are recovered into the id generator,
    /// others adopted as external), fills since the last one seen (minus a margin; duplicates dropped), balances and
    /// positions (published), and every local working order the venue no longer lists, queried by client order id.
    /// Publishes an <see cref="OrderStatusReport"/> per order and a <see cref="ReconciliationCompleted"/>. Sends no
    /// command. Runs off the engine thread; the changes are applied on it. Only orders of the instruments this
    /// account's client declares are its business: another account's orders on the same venue are left alone.
    /// </summary>
    /// <exception cref="ArgumentException">No client for <paramref name="venue"/> and <paramref name="account"/>.</exception>
    public Task<ReconciliationCompleted> ReconcileAsync(Venue venue, string account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return TryGetSlot(venue, account, out var slot)
            ? ReconcileSlotAsync(slot, cancellationToken)
            : throw new ArgumentException($"No execution client for venue {venue} account {account}.", nameof(account));
    }

    private async Task<ReconciliationCompleted> ReconcileSlotAsync(VenueSlot slot, CancellationToken cancellationToken)
    {
        var client = slot.Client;
        var requestedAt = Now();
        var lastFill = Volatile.Read(ref slot.LastFillTime);
        var since = lastFill > 0
            ? lastFill - _options.ReconcileFillMargin.Ticks * 100
            : requestedAt - _options.InitialFillLookback.Ticks * 100;
        var snapshot = await client.QueryStateAsync(since, cancellationToken).ConfigureAwait(false);

        var first = await OnEngineAsync(() => ApplySnapshot(slot, snapshot, requestedAt, since), cancellationToken).ConfigureAwait(false);

        // Ids, not Order references, cross the awaits: the store may forget a closed order and reuse its instance.
        var answers = new List<(ClientOrderId Id, OrderStatusReport? Report)>(first.Missing.Count);
        var errors = 0;
        foreach (var (id, instrument) in first.Missing)
        {
            try
            {
                answers.Add((id, await client.QueryOrderAsync(instrument, id, cancellationToken).ConfigureAwait(false)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                errors++;
                _logger.LogWarning(ex, "Reconciliation could not query {ClientOrderId} at {Venue}/{Account}; the next reconciliation will.", id, slot.Venue, slot.Account);
            }
        }

        return await OnEngineAsync(
            () =>
            {
                var notFound = 0;
                foreach (var (id, report) in answers)
                {
                    if (report is { } found)
                    {
                        ApplyOrderStatus(in found);
                        _bus.Publish(in found);
                    }
                    else if (_store.TryGet(id, out var order) && order.IsOpen)
                    {
                        notFound++;
                        MarkNotFound(order, order.Status == OrderStatus.Submitted || order.StatusBeforePending == OrderStatus.Submitted, "not found at venue at reconciliation");
                    }
                }

                var summary = first.Summary with
                {
                    OrdersQueried = first.Missing.Count,
                    OrdersNotFound = notFound,
                    QueryErrors = errors,
                    Timestamp = Now(),
                };
                _bus.Publish(in summary);
                _logger.LogInformation(
                    "Reconciled {Venue}/{Account}: {Open} open ({Adopted} adopted), {NewFills}/{Fills} new fills, {Queried} queried, {NotFound} not found, {Errors} errors.",
                    summary.Venue,
                    summary.Account,
                    summary.OpenOrders,
                    summary.AdoptedOrders,
                    summary.NewFills,
                    summary.Fills,
                    summary.OrdersQueried,
                    summary.OrdersNotFound,
                    summary.QueryErrors);
                return summary;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> on the engine thread and returns its result.</summary>
    private async Task<T> OnEngineAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _sink.Post(() =>
        {
            try
            {
                done.TrySetResult(work());
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                done.TrySetException(ex);
            }
        });
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private (ReconciliationCompleted Summary, List<(ClientOrderId Id, InstrumentId Instrument)> Missing) ApplySnapshot(VenueSlot slot, ExecutionStateSnapshot snapshot, long requestedAt, long since)
    {
        var adoptedBefore = AdoptedOrders;
        var listed = new HashSet<Order>(ReferenceEqualityComparer.Instance);

        foreach (var report in snapshot.OpenOrders)
        {
            if (!report.ClientOrderId.IsDefault)
            {
                _ids.Recover(report.ClientOrderId);
            }

            ApplyOrderStatus(in report);
            _bus.Publish(in report);
            if (Find(report.ClientOrderId, report.Instrument, report.VenueOrderId) is { } order)
            {
                listed.Add(order);
            }
        }

        var newFills = 0;
        foreach (var fill in snapshot.Fills)
        {
            if (!fill.ClientOrderId.IsDefault)
            {
                _ids.Recover(fill.ClientOrderId);
            }

            var before = DuplicateFills;
            ApplyFill(in fill);
            if (DuplicateFills == before)
            {
                newFills++;
            }
        }

        // Fills older than the venue still lists: take its cumulative figure once every listed fill is in.
        foreach (var report in snapshot.OpenOrders)
        {
            if (Find(report.ClientOrderId, report.Instrument, report.VenueOrderId) is { } order && report.FilledQuantity > order.FilledQuantity)
            {
                order.SyncFilledFromVenue(report.FilledQuantity, report.AveragePrice, report.UpdateTime);
            }
        }

        foreach (var position in snapshot.Positions)
        {
            var truth = position with { IsSnapshot = true };
            _bus.Publish(in truth);
        }

        foreach (var balance in snapshot.Balances)
        {
            // The slot names the account: the portfolio keeps each account's balances apart by it.
            var truth = balance with { IsSnapshot = true, Venue = slot.Venue, Account = slot.Account };
            _bus.Publish(in truth);
        }

        var open = new List<Order>();
        _store.CopyOpenOrders(open);
        var missing = new List<(ClientOrderId Id, InstrumentId Instrument)>();
        var inFlight = _options.InFlightGrace.Ticks * 100;
        foreach (var order in open)
        {
            if (!Routes(slot, order.Instrument) || listed.Contains(order) || order.Status == OrderStatus.Initialized)
            {
                continue;
            }

            if (order.Status == OrderStatus.Submitted && order.UpdatedAt > requestedAt - inFlight)
            {
                continue; // just sent: its own reply (or unknown-outcome query) decides
            }

            missing.Add((order.ClientOrderId, order.Instrument));
        }

        var summary = new ReconciliationCompleted
        {
            Venue = slot.Venue,
            Account = slot.Account,
            OpenOrders = snapshot.OpenOrders.Count,
            AdoptedOrders = (int)(AdoptedOrders - adoptedBefore),
            Fills = snapshot.Fills.Count,
            NewFills = newFills,
            Positions = snapshot.Positions.Count,
            Balances = snapshot.Balances.Count,
            FillsSince = since,
            Timestamp = Now(),
        };
        return (summary, missing);
    }

    /// <summary>The venue does not know the order: a submit that never arrived is rejected; an order it once had is taken as canceled.</summary>
    private void MarkNotFound(Order order, bool neverAcknowledged, string reason)
    {
        var now = Now();
        order.LastReason = reason;
        if (neverAcknowledged)
        {
            _store.Transition(order, OrderStatus.Rejected, now);
            _bus.Publish(new OrderRejected(order.ClientOrderId, order.Instrument, null, reason, now));
        }
        else
        {
            _store.Transition(order, OrderStatus.Canceled, now);
            _bus.Publish(new OrderCanceled(order.ClientOrderId, order.VenueOrderId, order.Instrument, now));
        }

        var report = new OrderStatusReport
        {
            Instrument = order.Instrument,
            ClientOrderId = order.ClientOrderId,
            VenueOrderId = order.VenueOrderId,
            Side = order.Side,
            Type = order.Type,
            Status = order.Status,
            Quantity = order.Quantity,
            FilledQuantity = order.FilledQuantity,
            Price = order.Price,
            AveragePrice = order.AveragePrice,
            TriggerPrice = order.TriggerPrice,
            TimeInForce = order.TimeInForce,
            ReduceOnly = order.ReduceOnly,
            PositionSide = order.PositionSide,
            Reason = reason,
            Timestamp = now,
        };
        _bus.Publish(in report);
    }

    /// <summary>Starts a reconciliation unless one runs; then it runs once more after it.</summary>
    private void RequestReconciliation(VenueSlot slot)
    {
        if (Interlocked.Exchange(ref slot.Reconciling, 1) == 1)
        {
            Volatile.Write(ref slot.ReconcileAgain, 1);
            return;
        }

        _ = RunReconciliationsAsync(slot);
    }

    private async Task RunReconciliationsAsync(VenueSlot slot)
    {
        await Task.Yield(); // off the engine thread
        try
        {
            do
            {
                Volatile.Write(ref slot.ReconcileAgain, 0);
                try
                {
                    await ReconcileSlotAsync(slot, _stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    _logger.LogError(ex, "Reconciliation of {Venue}/{Account} failed; it runs again on the next reconnect.", slot.Venue, slot.Account);
                    Volatile.Write(ref slot.ReconcileAgain, 0);
                }
            }
            while (Volatile.Read(ref slot.ReconcileAgain) == 1);
        }
        finally
        {
            Volatile.Write(ref slot.Reconciling, 0);
        }
    }

    /// <summary>
    /// After a timeout or dropped connection the command may or may not have reached the venue: wait a grace period,
    /// ask the venue by client order id (a few times), apply what it says; if it never knew the order, a submit is
    /// rejected. Nothing is ever sent again.
    /// </summary>
    private async Task ResolveUnknownFateAsync(VenueSlot slot, TradingCommandKind command, ClientOrderId id, InstrumentId instrument)
    {
        var token = _stopping;
        var answered = false;
        try
        {
            for (var attempt = 0; attempt < _options.UnknownFateQueryAttempts; attempt++)
            {
                var wait = attempt == 0 ? _options.UnknownFateGrace : _options.UnknownFateRetryInterval;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _clock, token).ConfigureAwait(false);
                }
                else
                {
                    await Task.Yield();
                }

                OrderStatusReport? report;
                try
                {
                    report = await slot.Client.QueryOrderAsync(instrument, id, token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    _logger.LogWarning(ex, "Query of {ClientOrderId} at {Venue}/{Account} after an unknown {Command} outcome failed (attempt {Attempt}).", id, slot.Venue, slot.Account, command, attempt + 1);
                    continue;
                }

                answered = true;
                if (report is { } found)
                {
                    _sink.Post(() => ApplyResolved(command, in found));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }

        if (!answered)
        {
            _logger.LogError("The {Venue} venue (account {Account}) never answered about {ClientOrderId} after an unknown {Command} outcome; the next reconciliation decides.", slot.Venue, slot.Account, id, command);
            return;
        }

        _sink.Post(() => ApplyNotFound(command, id));
    }

    private void ApplyResolved(TradingCommandKind command, in OrderStatusReport report)
    {
        Interlocked.Increment(ref _unknownFatesResolved);
        ApplyOrderStatus(in report);
        _bus.Publish(in report);
        if (!_store.TryGet(report.ClientOrderId, out var order))
        {
            return;
        }

        var pending = command switch
        {
            TradingCommandKind.Cancel => OrderStatus.PendingCancel,
            TradingCommandKind.Replace => OrderStatus.PendingReplace,
            _ => OrderStatus.Initialized,
        };
        if (pending != OrderStatus.Initialized && order.Status == pending && !report.Status.IsTerminal())
        {
            // The venue still lists the order as it was: the cancel or replace did not happen.
            var now = Now();
            ForgetReplacement(order);
            _store.Transition(order, order.StatusBeforePending, now);
            _bus.Publish(new OrderModifyRejected(command, order.ClientOrderId, order.Instrument, null, $"{command} outcome unknown; the venue still lists the order as {report.Status}", now));
        }
    }

    private void ApplyNotFound(TradingCommandKind command, ClientOrderId id)
    {
        if (!_store.TryGet(id, out var order) || !order.IsOpen)
        {
            return;
        }

        var neverAcknowledged = order.Status == OrderStatus.Submitted
            || (order.Status is OrderStatus.PendingCancel && order.StatusBeforePending == OrderStatus.Submitted);
        if (command == TradingCommandKind.Submit && !neverAcknowledged)
        {
            return; // acknowledged meanwhile: the venue knows it after all
        }

        Interlocked.Increment(ref _notFoundAfterUnknownFate);
        MarkNotFound(order, neverAcknowledged, NotFoundAfterUnknownOutcome);
    }
}
