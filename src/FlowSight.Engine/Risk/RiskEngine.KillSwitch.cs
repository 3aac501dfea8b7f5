using System.Runtime.ExceptionServices;
using FlowSight.Core;
using FlowSight.Engine.Bus;

namespace FlowSight.Engine.Risk;

public sealed partial class RiskEngine
{
    /// <summary>
    /// Trips the kill switch by hand: in this call the state goes to HALTED, a cancel-all goes to the gateway, with
    /// <paramref name="flatten"/> one market order per open position leg goes out (<see cref="CloseOrders"/>), and
    /// <see cref="KillSwitchTripped"/> is published. Only <see cref="Reset"/> trades again. When the gateway throws on
    /// one command the others still go out and the event is still published; the first exception is rethrown after.
    /// </summary>
    /// <param name="reason">Why, for a person.</param>
    /// <param name="flatten">Also close every open position at market.</param>
    /// <param name="by">Who asked (a user or strategy name).</param>
    public void Trip(string reason, bool flatten, string by = "manual")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        TripBy(KillSwitchTrigger.Manual, reason, by, flatten, UnixNanos.Now(_clock));
    }

    /// <summary>
    /// Halts one venue account while the others trade on: in this call its instruments go to taking cancels only, a
    /// cancel-all goes out for each of them, with <paramref name="flatten"/> one market order per open position leg of
    /// the account (<see cref="CloseOrders"/>), and <see cref="AccountHalted"/> is published. The node's state is
    /// unchanged; <see cref="ResumeAccount"/> or <see cref="Reset"/> trades the account again.
    /// </summary>
    /// <param name="account">The account (the execution client's venue and account name).</param>
    /// <param name="reason">Why, for a person.</param>
    /// <param name="flatten">Also close the account's open positions at market.</param>
    /// <param name="by">Who asked.</param>
    public void HaltAccount(VenueAccount account, string reason, bool flatten, string by = "manual")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        HaltAccountBy(account, KillSwitchTrigger.Manual, reason, by, flatten, UnixNanos.Now(_clock));
    }

    /// <summary>Trades a halted account again; an own daily loss still past its limit halts it again on the next event.</summary>
    public void ResumeAccount(VenueAccount account, string by = "manual")
    {
        if (!_haltedAccounts.Remove(account))
        {
            return;
        }

        foreach (var instrument in _instruments)
        {
            if (_portfolio.AccountOf(instrument.Id) == account)
            {
                instrument.AccountHaltReason = null;
            }
        }

        _bus.Publish(new AccountResumed(account, by, UnixNanos.Now(_clock)));
    }

    /// <summary>
    /// Back to ACTIVE after a trip or a manual halt: the only way out of a trip; halted accounts trade again too. The
    /// reject count starts afresh, and a venue connection still down gets a new disconnect window from now. A daily
    /// loss still past its limit trips (or halts its account) again on the next event.
    /// </summary>
    public void Reset(string by = "manual")
    {
        var now = UnixNanos.Now(_clock);
        foreach (var account in _haltedAccounts.Keys.ToArray())
        {
            ResumeAccount(account, by);
        }

        IsKillSwitchTripped = false;
        _rejects?.Clear();
        foreach (var down in _downConnections)
        {
            down.Since = now;
            ScheduleDisconnectCheck(down);
        }

        ChangeState(TradingState.Active, $"reset by {by}", now);
    }

    /// <summary>
    /// Runs the automatic triggers now (daily loss, venue disconnect). They also run on every fill, mark price,
    /// reject, connection change, balance and position report, and on the <see cref="RiskLimits.TriggerCheckInterval"/> timer.
    /// </summary>
    public void EvaluateTriggers()
    {
        var now = UnixNanos.Now(_clock);
        CheckDailyLossTrigger(now);
        CheckDisconnectTrigger(now);
    }

    private void TripBy(KillSwitchTrigger trigger, string reason, string by, bool flatten, long now)
    {
        if (_tripping)
        {
            return; // the gateway's own events (a reject of a cancel) must not trip it again mid-trip
        }

        _tripping = true;
        ExceptionDispatchInfo? failure = null;
        try
        {
            IsKillSwitchTripped = true;
            ChangeState(TradingState.Halted, $"kill switch: {reason}", now);

            // A gateway that throws on one command must not stop the others: halt, cancel, flatten, tell, then fail.
            try
            {
                var cancelAll = new CancelAllOrders { Origin = KillSwitchOrigin, Timestamp = now };
                _gateway.Execute(new RiskApproved<CancelAllOrders>(in cancelAll, now));
            }
            catch (Exception ex)
            {
                failure ??= ExceptionDispatchInfo.Capture(ex);
            }

            var flattenOrders = flatten ? Flatten(now, ref failure) : 0;
            _bus.Publish(new KillSwitchTripped(trigger, reason, by, flattenOrders, now));
        }
        finally
        {
            _tripping = false;
        }

        failure?.Throw();
    }

    private void HaltAccountBy(VenueAccount account, KillSwitchTrigger trigger, string reason, string by, bool flatten, long now)
    {
        if (_tripping || _haltedAccounts.ContainsKey(account))
        {
            return;
        }

        _tripping = true;
        ExceptionDispatchInfo? failure = null;
        var flattenOrders = 0;
        try
        {
            _haltedAccounts.Add(account, reason);
            List<SubmitOrder>? orders = null;
            foreach (var instrument in _instruments)
            {
                if (_portfolio.AccountOf(instrument.Id) != account)
                {
                    continue;
                }

                instrument.AccountHaltReason = reason;
                try
                {
                    var cancelAll = new CancelAllOrders { Instrument = instrument.Id, Origin = KillSwitchOrigin, Timestamp = now };
                    _gateway.Execute(new RiskApproved<CancelAllOrders>(in cancelAll, now));
                }
                catch (Exception ex)
                {
                    failure ??= ExceptionDispatchInfo.Capture(ex);
                }

                if (flatten)
                {
                    orders ??= [];
                    orders.Clear();
                    CloseOrders.Append(_portfolio, instrument.Spec, _nextClientOrderId, KillSwitchOrigin, now, orders);
                    flattenOrders += Send(orders, now, ref failure);
                }
            }

            _bus.Publish(new AccountHalted(account, trigger, reason, by, flattenOrders, now));
        }
        finally
        {
            _tripping = false;
        }

        failure?.Throw();
    }

    private int Send(List<SubmitOrder> orders, long now, ref ExceptionDispatchInfo? failure)
    {
        var sent = 0;
        foreach (var order in orders)
        {
            try
            {
                _gateway.Execute(new RiskApproved<SubmitOrder>(in order, now));
                sent++;
            }
            catch (Exception ex)
            {
                failure ??= ExceptionDispatchInfo.Capture(ex);
            }
        }

        return sent;
    }

    /// <summary>
    /// One market order closing each open position leg (<see cref="CloseOrders"/>: reduce-only in net mode, one per leg
    /// with its position side in hedge mode), each to the client of the account holding it; returns how many went out.
    /// </summary>
    private int Flatten(long now, ref ExceptionDispatchInfo? failure)
    {
        var sent = 0;
        var orders = new List<SubmitOrder>();
        foreach (var instrument in _instruments)
        {
            orders.Clear();
            CloseOrders.Append(_portfolio, instrument.Spec, _nextClientOrderId, KillSwitchOrigin, now, orders);
            sent += Send(orders, now, ref failure);
        }

        return sent;
    }

    private void CheckDailyLossTrigger(long now)
    {
        // Each account past its own limit halts (the others trade on); the node-wide limit trips the kill switch.
        while (!IsKillSwitchTripped && DailyLossBreached(default, out var pnl, out var limit, out var account))
        {
            if (account is not { } breached)
            {
                TripBy(KillSwitchTrigger.DailyLoss, DailyLossReason(pnl, limit, null), "daily-loss", _limits.FlattenOnDailyLoss, now);
                return;
            }

            if (_tripping)
            {
                return;
            }

            HaltAccountBy(breached, KillSwitchTrigger.DailyLoss, DailyLossReason(pnl, limit, breached), "daily-loss", _limits.FlattenOnDailyLoss, now);
        }
    }

    private void OnRejected(in OrderRejected rejected, long now)
    {
        if (_rejects is null)
        {
            return;
        }

        _rejects.Record(now);
        if (!IsKillSwitchTripped && _rejects.IsFull(now))
        {
            var reason = $"{_rejects.Capacity} orders rejected by venues within {RiskText.Duration(_limits.RejectWindow)} reach the limit of {_limits.MaxRejects}; last: {rejected.ClientOrderId} on {rejected.Instrument}: {rejected.Reason}";
            TripBy(KillSwitchTrigger.RepeatedRejects, reason, "repeated-rejects", flatten: false, now);
        }
    }

    private void OnConnectionChanged(in ExecutionConnectionChanged change, long now)
    {
        var index = -1;
        for (var i = 0; i < _downConnections.Count; i++)
        {
            if (_downConnections[i].Venue == change.Venue && _downConnections[i].Account == change.Account)
            {
                index = i;
                break;
            }
        }

        if (change.Connected)
        {
            if (index >= 0)
            {
                _downConnections[index].Timer?.Dispose();
                _downConnections.RemoveAt(index);
            }
        }
        else if (index < 0 && _limits.MaxDisconnect is not null)
        {
            var down = new DownConnection(change.Venue, change.Account, now, change.Reason);
            _downConnections.Add(down);
            ScheduleDisconnectCheck(down);
        }

        CheckDisconnectTrigger(now);
    }

    private void ScheduleDisconnectCheck(DownConnection down)
    {
        down.Timer?.Dispose();
        down.Timer = null;
        if (_postToEngine is null || _limits.MaxDisconnect is not { } limit)
        {
            return;
        }

        down.Timer = TryCreateTimer(limit, Timeout.InfiniteTimeSpan);
    }

    private void CheckDisconnectTrigger(long now)
    {
        if (IsKillSwitchTripped || _limits.MaxDisconnect is not { } limit)
        {
            return;
        }

        var limitNanos = limit.Ticks * 100;
        foreach (var down in _downConnections)
        {
            var downFor = now - down.Since;
            if (downFor >= limitNanos)
            {
                var reason = $"{down.Venue} account {down.Account}'s execution connection has been down for {RiskText.Duration(TimeSpan.FromTicks(downFor / 100))}, the limit is {RiskText.Duration(limit)}{(down.Reason is null ? string.Empty : $" ({down.Reason})")}";
                TripBy(KillSwitchTrigger.Disconnect, reason, "venue-disconnect", flatten: false, now);
                return;
            }
        }
    }

    /// <summary>A venue account whose execution connection is down, since when.</summary>
    private sealed class DownConnection(Venue venue, string account, long since, string? reason)
    {
        public Venue Venue { get; } = venue;

        public string Account { get; } = account;

        public string? Reason { get; } = reason;

        public long Since { get; set; } = since;

        public ITimer? Timer { get; set; }
    }

    /// <summary>The bus handlers of the automatic triggers (kept off the engine's public surface).</summary>
    private sealed class TriggerHandler(RiskEngine engine) :
        IEventHandler<OrderFilled>,
        IEventHandler<MarkPrice>,
        IEventHandler<OrderRejected>,
        IEventHandler<ExecutionConnectionChanged>,
        IEventHandler<BalanceReport>,
        IEventHandler<PositionStatusReport>
    {
        public void Handle(in OrderFilled evt) => engine.EvaluateTriggers();

        public void Handle(in MarkPrice evt) => engine.EvaluateTriggers();

        public void Handle(in OrderRejected evt) => engine.OnRejected(in evt, UnixNanos.Now(engine._clock));

        public void Handle(in ExecutionConnectionChanged evt) => engine.OnConnectionChanged(in evt, UnixNanos.Now(engine._clock));

        public void Handle(in BalanceReport evt) => engine.EvaluateTriggers();

        public void Handle(in PositionStatusReport evt) => engine.EvaluateTriggers();
    }
}
