using FlowSight.Core;
using FlowSight.Engine.Bus;

namespace FlowSight.Engine.Exits;

/// <summary>
/// Watches positions' exits on the engine thread: fixed stops, take-profits, trailing stops (which only ever move in
/// the position's favour) and time stops. When one fires it sends a closing market order through the injected
/// <c>submit</c> delegate (the lead wires it to the risk engine), cancels the plan's venue-native orders, and forgets
/// the plan. With <see cref="ExitManagerOptions.UseVenueNativeStops"/>, on instruments whose venue takes them
/// (<see cref="ExitManagerOptions.NativeStopsSupported"/>), fixed stops and take-profits are sent to the venue as
/// StopMarket / TakeProfitMarket orders when the plan is tracked instead of being watched; elsewhere they stay local.
/// A plan's native orders are canceled when the position closes any other way: a local exit firing, the plan being
/// removed or replaced, one native order filling (the other is canceled), or — with a position source — the leg found
/// flat after it had been open.
/// Prices arrive from the bus (<see cref="Subscribe"/>: marks, trades and fills) or <see cref="OnPrice"/> and
/// <see cref="OnFill"/>; time stops are checked on every price and by <see cref="CheckTimeStops"/> on the engine's
/// timer.
/// </summary>
public sealed class ExitManager : IEventHandler<MarkPrice>, IEventHandler<TradeTick>, IEventHandler<OrderFilled>
{
    private static readonly string[] KindNames = ["", nameof(ExitKind.StopLoss), nameof(ExitKind.TakeProfit), nameof(ExitKind.TrailingStop), nameof(ExitKind.TimeStop)];

    private readonly Action<SubmitOrder> _submit;
    private readonly Action<CancelOrder>? _cancel;
    private readonly Func<ClientOrderId> _nextId;
    private readonly Func<InstrumentId, PositionSide, decimal>? _position;
    private readonly TimeProvider _time;
    private readonly ExitManagerOptions _options;
    private readonly string[] _origins;
    private readonly Dictionary<InstrumentId, List<ActiveExit>> _byInstrument = [];
    private readonly List<ExitTriggered> _triggered = [];

    /// <summary>Creates the manager.</summary>
    /// <param name="submit">Sends a closing order (to the risk engine).</param>
    /// <param name="nextId">Client order ids for exit orders (the order manager's generator).</param>
    /// <param name="time">The clock for time stops.</param>
    /// <param name="options">Local or venue-native stops; the orders' origin.</param>
    /// <param name="cancel">Cancels a plan's venue-native orders when a local exit closes the position first.</param>
    /// <param name="position">
    /// The leg's current signed size (e.g. <c>(i, s) =&gt; portfolio.GetPosition(i, s).Quantity</c>). When given, an exit
    /// that fires closes at most what is still open, and nothing when the leg is flat or reversed: a hedge-mode exit
    /// is not reduce-only, so without this check a stale plan could open a position.
    /// </param>
    public ExitManager(
        Action<SubmitOrder> submit,
        Func<ClientOrderId> nextId,
        TimeProvider? time = null,
        ExitManagerOptions? options = null,
        Action<CancelOrder>? cancel = null,
        Func<InstrumentId, PositionSide, decimal>? position = null)
    {
        ArgumentNullException.ThrowIfNull(submit);
        ArgumentNullException.ThrowIfNull(nextId);
        _submit = submit;
        _nextId = nextId;
        _cancel = cancel;
        _position = position;
        _time = time ?? TimeProvider.System;
        _options = options ?? new ExitManagerOptions();
        _origins = new string[KindNames.Length];
        for (var i = 1; i < KindNames.Length; i++)
        {
            _origins[i] = _options.Origin + ":" + KindNames[i];
        }
    }

    /// <summary>Exits that fired when the position was already flat or reversed, so no order was sent.</summary>
    public long SkippedStale { get; private set; }

    /// <summary>Exits fired so far, oldest first.</summary>
    public IReadOnlyList<ExitTriggered> Triggered => _triggered;

    /// <summary>Plans being watched.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var list in _byInstrument.Values)
            {
                count += list.Count;
            }

            return count;
        }
    }

    /// <summary>
    /// Subscribes to mark prices, trades and fills on <paramref name="bus"/>; dispose the result to stop. Subscribe
    /// after the portfolio, so that a fill's position change is seen by the position source when the fill arrives.
    /// </summary>
    public IDisposable Subscribe(EventBus bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var marks = bus.Subscribe<MarkPrice>("exits", this);
        var trades = bus.Subscribe<TradeTick>("exits", this);
        var fills = bus.Subscribe<OrderFilled>("exits", this);
        return new Portfolio.CompositeDisposable([marks, trades, fills]);
    }

    /// <summary>
    /// Starts watching <paramref name="plan"/>, replacing any plan of the same instrument and leg (whose venue-native
    /// orders are canceled). With venue-native stops, its fixed stop and take-profit are sent now.
    /// </summary>
    /// <exception cref="ArgumentException">The plan is inconsistent; the message lists every problem.</exception>
    public void Track(ExitPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = plan.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Exit plan for {plan.Instrument} is invalid: {string.Join(" ", errors)}", nameof(plan));
        }

        Remove(plan.Instrument, plan.PositionSide);
        var now = NowNs();
        ClientOrderId[] native = [];
        ExitKind[] nativeKinds = [];
        List<SubmitOrder>? toSend = null;
        if (_options.UseVenueNativeStops && (plan.StopPrice is not null || plan.TakeProfitPrice is not null) && _options.NativeStopsSupported(plan.Instrument))
        {
            var orders = new List<ClientOrderId>(2);
            var kinds = new List<ExitKind>(2);
            var sent = new List<SubmitOrder>(2);
            if (plan.StopPrice is { } stop)
            {
                var order = ExitOrders.NativeStop(plan, stop, _nextId(), _origins[(int)ExitKind.StopLoss], now);
                orders.Add(order.ClientOrderId);
                kinds.Add(ExitKind.StopLoss);
                sent.Add(order);
            }

            if (plan.TakeProfitPrice is { } target)
            {
                var order = ExitOrders.NativeTakeProfit(plan, target, _nextId(), _origins[(int)ExitKind.TakeProfit], now);
                orders.Add(order.ClientOrderId);
                kinds.Add(ExitKind.TakeProfit);
                sent.Add(order);
            }

            native = [.. orders];
            nativeKinds = [.. kinds];
            toSend = sent;
        }

        var active = new ActiveExit(plan, now, native) { NativeKinds = nativeKinds };
        UpdateTrailing(active, plan.EntryPrice.ToDecimal());
        if (!_byInstrument.TryGetValue(plan.Instrument, out var list))
        {
            list = [];
            _byInstrument[plan.Instrument] = list;
        }

        list.Add(active);

        // Sent once the plan is tracked: a fill that comes back at once (a synchronous venue) finds it.
        if (toSend is not null)
        {
            foreach (var order in toSend)
            {
                _submit(order);
            }
        }
    }

    /// <summary>Stops watching the leg's plan and cancels its venue-native orders (the position was closed another way).</summary>
    /// <returns>False when there was none.</returns>
    public bool Remove(InstrumentId instrument, PositionSide positionSide = PositionSide.Both)
    {
        if (!_byInstrument.TryGetValue(instrument, out var list))
        {
            return false;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Plan.PositionSide == positionSide)
            {
                CancelNative(list[i], NowNs());
                list.RemoveAt(i);
                return true;
            }
        }

        return false;
    }

    /// <summary>The current trailing stop level of the leg's plan; null without a plan or a trailing stop.</summary>
    public decimal? TrailingStopLevel(InstrumentId instrument, PositionSide positionSide = PositionSide.Both) =>
        Find(instrument, positionSide)?.TrailingLevel;

    /// <summary>The venue-native orders sent for the leg's plan (empty when none).</summary>
    public IReadOnlyList<ClientOrderId> NativeOrders(InstrumentId instrument, PositionSide positionSide = PositionSide.Both) =>
        Find(instrument, positionSide)?.NativeOrders ?? [];

    /// <summary>A new price for <paramref name="instrument"/>: trailing levels ratchet, and any exit it crosses fires.</summary>
    public void OnPrice(InstrumentId instrument, Price price)
    {
        if (!_byInstrument.TryGetValue(instrument, out var list) || list.Count == 0)
        {
            return;
        }

        var now = NowNs();
        var value = price.ToDecimal();
        for (var i = list.Count - 1; i >= 0; i--)
        {
            var active = list[i];
            if (ClosedOtherwise(active))
            {
                list.RemoveAt(i);
                CancelNative(active, now);
                continue;
            }

            var kind = Check(active, value, now);
            if (kind != 0)
            {
                list.RemoveAt(i);
                Fire(active, kind, price, now);
            }
        }
    }

    /// <summary>Fires every time stop that is due (the engine calls this on a timer; prices check them too).</summary>
    public void CheckTimeStops()
    {
        var now = NowNs();
        foreach (var list in _byInstrument.Values)
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                var active = list[i];
                if (TimeStopDue(active, now))
                {
                    list.RemoveAt(i);
                    Fire(active, ExitKind.TimeStop, null, now);
                }
            }
        }
    }

    /// <summary>
    /// A fill: when it completes one of a plan's native orders, the venue closed the position and the plan's other
    /// native orders are canceled; otherwise, with a position source, a plan whose leg is now flat (after being open)
    /// is dropped and its native orders canceled.
    /// </summary>
    public void OnFill(in OrderFilled fill)
    {
        if (!_byInstrument.TryGetValue(fill.Instrument, out var list) || list.Count == 0)
        {
            return;
        }

        var now = NowNs();
        for (var i = list.Count - 1; i >= 0; i--)
        {
            var active = list[i];
            var native = Array.IndexOf(active.NativeOrders, fill.ClientOrderId);
            if (native >= 0)
            {
                if (fill.LeavesQuantity.Raw != 0)
                {
                    continue;
                }

                list.RemoveAt(i);
                CancelNative(active, now, except: fill.ClientOrderId);
                var kind = active.NativeKinds[native];
                _triggered.Add(new ExitTriggered(active.Plan.Instrument, active.Plan.PositionSide, kind, fill.LastPrice, fill.ClientOrderId, now));
            }
            else if (active.Native && ClosedOtherwise(active))
            {
                list.RemoveAt(i);
                CancelNative(active, now);
            }
        }
    }

    /// <inheritdoc/>
    void IEventHandler<OrderFilled>.Handle(in OrderFilled evt) => OnFill(in evt);

    /// <inheritdoc/>
    void IEventHandler<MarkPrice>.Handle(in MarkPrice evt) => OnPrice(evt.Instrument, evt.Mark);

    /// <inheritdoc/>
    void IEventHandler<TradeTick>.Handle(in TradeTick evt) => OnPrice(evt.Instrument, evt.Price);

    /// <summary>
    /// True when a plan with native orders finds its leg flat or reversed after having seen it open: the position was
    /// closed another way and its native stops must go. Without a position source this is never known here.
    /// </summary>
    private bool ClosedOtherwise(ActiveExit active)
    {
        if (!active.Native || _position is null)
        {
            return false;
        }

        var open = _position(active.Plan.Instrument, active.Plan.PositionSide);
        if (active.Plan.IsLong ? open > 0m : open < 0m)
        {
            active.SeenOpen = true;
            return false;
        }

        return active.SeenOpen;
    }

    private static ExitKind Check(ActiveExit active, decimal price, long now)
    {
        var plan = active.Plan;
        var local = !active.Native;
        if (local && plan.StopPrice is { } stop && (plan.IsLong ? price <= stop.ToDecimal() : price >= stop.ToDecimal()))
        {
            return ExitKind.StopLoss;
        }

        // The level set by earlier prices decides; this price then ratchets it for the next one.
        if (active.TrailingLevel is { } level && (plan.IsLong ? price <= level : price >= level))
        {
            return ExitKind.TrailingStop;
        }

        UpdateTrailing(active, price);
        if (local && plan.TakeProfitPrice is { } target && (plan.IsLong ? price >= target.ToDecimal() : price <= target.ToDecimal()))
        {
            return ExitKind.TakeProfit;
        }

        return TimeStopDue(active, now) ? ExitKind.TimeStop : 0;
    }

    /// <summary>Moves the best price and the trailing level only in the position's favour.</summary>
    private static void UpdateTrailing(ActiveExit active, decimal price)
    {
        var plan = active.Plan;
        if (plan.TrailingDistance is null && plan.TrailingPercent is null)
        {
            return;
        }

        var best = active.BestPrice;
        if (plan.IsLong ? price > best : price < best)
        {
            best = price;
            active.BestPrice = best;
        }

        var level = plan.TrailingDistance is { } distance
            ? (plan.IsLong ? best - distance : best + distance)
            : (plan.IsLong ? best * (1m - plan.TrailingPercent!.Value) : best * (1m + plan.TrailingPercent!.Value));
        if (active.TrailingLevel is not { } current || (plan.IsLong ? level > current : level < current))
        {
            active.TrailingLevel = level;
        }
    }

    private static bool TimeStopDue(ActiveExit active, long now) =>
        active.Plan.MaxHoldingTime is { } holding && now - active.OpenedAtNs >= holding.Ticks * 100;

    private void Fire(ActiveExit active, ExitKind kind, Price? price, long now)
    {
        CancelNative(active, now);
        var plan = active.Plan;
        if (_position is not null)
        {
            var open = _position(plan.Instrument, plan.PositionSide);
            open = plan.IsLong ? open : -open;
            if (open <= 0m)
            {
                SkippedStale++;
                return;
            }

            var planned = plan.Quantity.ToDecimal();
            if (open < planned)
            {
                var scale = Pow10(plan.Quantity.Precision);
                var capped = Math.Floor(open * scale) / scale;
                if (capped <= 0m)
                {
                    SkippedStale++;
                    return;
                }

                plan = plan with { Quantity = Quantity.FromDecimal(capped, plan.Quantity.Precision) };
            }
        }

        var order = ExitOrders.Market(plan, _nextId(), _origins[(int)kind], now);
        _triggered.Add(new ExitTriggered(active.Plan.Instrument, active.Plan.PositionSide, kind, price, order.ClientOrderId, now));
        _submit(order);
    }

    private void CancelNative(ActiveExit active, long now, ClientOrderId except = default)
    {
        if (_cancel is null)
        {
            return;
        }

        foreach (var id in active.NativeOrders)
        {
            if (id == except)
            {
                continue;
            }

            _cancel(new CancelOrder { ClientOrderId = id, Instrument = active.Plan.Instrument, Origin = _options.Origin, Timestamp = now });
        }
    }

    private ActiveExit? Find(InstrumentId instrument, PositionSide positionSide)
    {
        if (_byInstrument.TryGetValue(instrument, out var list))
        {
            foreach (var active in list)
            {
                if (active.Plan.PositionSide == positionSide)
                {
                    return active;
                }
            }
        }

        return null;
    }

    private static decimal Pow10(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10m;
        }

        return value;
    }

    private long NowNs() => (_time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
}
