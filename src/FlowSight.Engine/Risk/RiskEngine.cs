using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Execution;
using FlowSight.Engine.Instruments;
using FlowSight.Engine.Orders;
using FlowSight.Engine.Portfolio;

namespace FlowSight.Engine.Risk;

/// <summary>
/// The pre-trade risk engine: every trading command passes it on its way to the execution engine, which takes only
/// <see cref="RiskApproved{TCommand}"/> commands. A refused command never reaches the gateway; an
/// <see cref="OrderDenied"/> goes out on the bus instead, with the check and a reason a person understands. It also
/// owns the trading state (<see cref="TradingState"/>) and the kill switch (<see cref="Trip"/>).
/// </summary>
/// <remarks>
/// Engine thread only, like the order and portfolio views it reads. The passing path allocates nothing. The
/// automatic kill-switch triggers listen on the bus at <see cref="TriggerPriority"/>, below the portfolio's and the
/// order store's handlers, so they read the views after those have applied the event.
/// </remarks>
public sealed partial class RiskEngine : IDisposable
{
    /// <summary>Bus priority of the risk engine's trigger handlers: the portfolio and orders must subscribe higher.</summary>
    public const int TriggerPriority = -1_000;

    private const string KillSwitchOrigin = "kill-switch";

    private readonly RiskLimits _limits;
    private readonly RiskInstrument[] _instruments;
    private readonly int[] _indexByHandle;
    private readonly IOrderView _orders;
    private readonly IPortfolioView _portfolio;
    private readonly IExecutionGateway _gateway;
    private readonly EventBus _bus;
    private readonly TimeProvider _clock;
    private readonly Func<ClientOrderId> _nextClientOrderId;
    private readonly Action<Action>? _postToEngine;
    private readonly SlidingWindowCounter? _perSecond;
    private readonly SlidingWindowCounter? _perMinute;
    private readonly SlidingWindowCounter? _rejects;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<DownConnection> _downConnections = [];
    private readonly Dictionary<VenueAccount, string> _haltedAccounts = [];
    private readonly Action _evaluateTriggers;
    private readonly ITimer? _triggerTimer;
    private string _stateReason = "start";
    private bool _tripping;

    /// <summary>Creates the risk engine and subscribes its kill-switch triggers on <paramref name="bus"/>.</summary>
    /// <param name="limits">The limits and triggers.</param>
    /// <param name="instruments">Every instrument that may be traded; orders for any other are refused.</param>
    /// <param name="orders">The engine's working orders.</param>
    /// <param name="portfolio">Positions, PnL, equity and mark prices.</param>
    /// <param name="gateway">Where approved commands go.</param>
    /// <param name="bus">Where refusals and kill-switch events go, and where the triggers listen.</param>
    /// <param name="clock">Time for rate windows, triggers and timestamps (a FakeTimeProvider in tests, simulated time in backtests).</param>
    /// <param name="nextClientOrderId">Ids for the kill switch's own flattening orders.</param>
    /// <param name="postToEngine">
    /// Runs work on the engine thread (e.g. <c>work =&gt; loop.Post(_ =&gt; work())</c>). When given, a timer on
    /// <paramref name="clock"/> checks a venue disconnect when it reaches its limit, and another runs the triggers every
    /// <see cref="RiskLimits.TriggerCheckInterval"/>; otherwise (or on a clock without timers, like
    /// <see cref="SimulatedClock"/>) the triggers run on the next event, submit or <see cref="EvaluateTriggers"/> call.
    /// </param>
    public RiskEngine(
        RiskLimits limits,
        IEnumerable<Instrument> instruments,
        IOrderView orders,
        IPortfolioView portfolio,
        IExecutionGateway gateway,
        EventBus bus,
        TimeProvider clock,
        Func<ClientOrderId> nextClientOrderId,
        Action<Action>? postToEngine = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(nextClientOrderId);
        _limits = limits;
        _orders = orders;
        _portfolio = portfolio;
        _gateway = gateway;
        _bus = bus;
        _clock = clock;
        _nextClientOrderId = nextClientOrderId;
        _postToEngine = postToEngine;

        var list = new List<RiskInstrument>();
        var maxHandle = -1;
        foreach (var spec in instruments)
        {
            var own = limits.Instruments.TryGetValue(spec.Id.Value, out var overrides) ? overrides.Over(limits.Defaults) : limits.Defaults;
            list.Add(new RiskInstrument(spec, own, limits));
            maxHandle = Math.Max(maxHandle, spec.Id.Handle);
        }

        _instruments = [.. list];
        _indexByHandle = new int[maxHandle + 1];
        for (var i = 0; i < _instruments.Length; i++)
        {
            _indexByHandle[_instruments[i].Id.Handle] = i + 1;
        }

        foreach (var key in limits.Instruments.Keys)
        {
            if (!InstrumentId.TryParse(key, out var id) || !TryGetInstrument(id, out _))
            {
                throw new ArgumentException($"Risk limits name instrument '{key}', which is not among the instruments given.", nameof(limits));
            }
        }

        if (limits.MaxOrdersPerSecond < 1 || limits.MaxOrdersPerMinute < 1 || limits.MaxRejects < 1)
        {
            throw new ArgumentException("MaxOrdersPerSecond, MaxOrdersPerMinute and MaxRejects must be at least 1 when set (HALTED is the way to refuse every order).", nameof(limits));
        }

        if (limits.MaxRejects is not null && limits.RejectWindow <= TimeSpan.Zero)
        {
            throw new ArgumentException($"RejectWindow must be positive, was {limits.RejectWindow}.", nameof(limits));
        }

        if (limits.MaxOrdersPerSecond is { } perSecond)
        {
            _perSecond = new SlidingWindowCounter(perSecond, UnixNanos.PerSecond);
        }

        if (limits.MaxOrdersPerMinute is { } perMinute)
        {
            _perMinute = new SlidingWindowCounter(perMinute, 60 * UnixNanos.PerSecond);
        }

        if (limits.MaxRejects is { } maxRejects)
        {
            _rejects = new SlidingWindowCounter(maxRejects, limits.RejectWindow.Ticks * 100);
        }

        _evaluateTriggers = EvaluateTriggers;
        if (postToEngine is not null && limits.TriggerCheckInterval is { } interval)
        {
            _triggerTimer = TryCreateTimer(interval, interval);
        }

        var triggers = new TriggerHandler(this);
        _subscriptions.Add(bus.Subscribe(new Subscription<OrderFilled> { Name = "risk-triggers", Priority = TriggerPriority }, triggers));
        _subscriptions.Add(bus.Subscribe(new Subscription<MarkPrice> { Name = "risk-triggers", Priority = TriggerPriority }, triggers));
        _subscriptions.Add(bus.Subscribe(new Subscription<OrderRejected> { Name = "risk-triggers", Priority = TriggerPriority }, triggers));
        _subscriptions.Add(bus.Subscribe(new Subscription<ExecutionConnectionChanged> { Name = "risk-triggers", Priority = TriggerPriority }, triggers));
        _subscriptions.Add(bus.Subscribe(new Subscription<BalanceReport> { Name = "risk-triggers", Priority = TriggerPriority }, triggers));
        _subscriptions.Add(bus.Subscribe(new Subscription<PositionStatusReport> { Name = "risk-triggers", Priority = TriggerPriority }, triggers));
    }

    /// <summary>Creates the risk engine over every instrument of <paramref name="registry"/> (see the other constructor).</summary>
    public RiskEngine(
        RiskLimits limits,
        InstrumentRegistry registry,
        IOrderView orders,
        IPortfolioView portfolio,
        IExecutionGateway gateway,
        EventBus bus,
        TimeProvider clock,
        Func<ClientOrderId> nextClientOrderId,
        Action<Action>? postToEngine = null)
        : this(limits, SpecsOf(registry), orders, portfolio, gateway, bus, clock, nextClientOrderId, postToEngine)
    {
    }

    /// <summary>What the risk engine lets through now.</summary>
    public TradingState State { get; private set; }

    /// <summary>Why the state is what it is (the kill switch's reason when tripped).</summary>
    public string StateReason => _stateReason;

    /// <summary>True from a kill-switch trip until <see cref="Reset"/>.</summary>
    public bool IsKillSwitchTripped { get; private set; }

    /// <summary>The venue accounts halted on their own (their daily loss limit, or <see cref="HaltAccount"/>), with why.</summary>
    public IReadOnlyDictionary<VenueAccount, string> HaltedAccounts => _haltedAccounts;

    /// <summary>The limits in force.</summary>
    public RiskLimits Limits => _limits;

    /// <summary>Checks an order and sends it to the gateway, or publishes <see cref="OrderDenied"/> and returns the refusal.</summary>
    /// <remarks>
    /// When the day's loss has reached its limit and the kill switch has not tripped yet, the order is refused with
    /// <see cref="RiskChecks.DailyLoss"/> and, in this same call, the kill switch trips (the node-wide limit) or the
    /// order's account halts (its own limit; the other accounts trade on).
    /// </remarks>
    public RiskDecision Submit(in SubmitOrder order)
    {
        var now = UnixNanos.Now(_clock);
        if (!IsKillSwitchTripped && DailyLossBreached(order.Instrument, out var pnl, out var limit, out var account))
        {
            var refusal = RiskDecision.Deny(RiskChecks.DailyLoss, DailyLossReason(pnl, limit, account));
            Deny(TradingCommandKind.Submit, order.ClientOrderId, order.Instrument, refusal, now);
            if (account is { } breached)
            {
                HaltAccountBy(breached, KillSwitchTrigger.DailyLoss, refusal.Reason!, "daily-loss", _limits.FlattenOnDailyLoss, now);
            }
            else
            {
                TripBy(KillSwitchTrigger.DailyLoss, refusal.Reason!, "daily-loss", _limits.FlattenOnDailyLoss, now);
            }

            return refusal;
        }

        var decision = Check(in order, now);
        if (!decision.Approved)
        {
            Deny(TradingCommandKind.Submit, order.ClientOrderId, order.Instrument, decision, now);
            return decision;
        }

        RecordOrderRate(now);
        _gateway.Execute(new RiskApproved<SubmitOrder>(in order, now));
        return decision;
    }

    /// <summary>Checks a replace like a submit of the new values and sends it, or publishes <see cref="OrderDenied"/>.</summary>
    public RiskDecision Replace(in ReplaceOrder replace)
    {
        var now = UnixNanos.Now(_clock);
        var decision = Check(in replace, now);
        if (!decision.Approved)
        {
            Deny(TradingCommandKind.Replace, replace.ClientOrderId, replace.Instrument, decision, now);
            return decision;
        }

        RecordOrderRate(now);
        _gateway.Execute(new RiskApproved<ReplaceOrder>(in replace, now));
        return decision;
    }

    /// <summary>Sends a cancel: cancels are never refused, whatever the state.</summary>
    public RiskDecision Cancel(in CancelOrder cancel)
    {
        _gateway.Execute(new RiskApproved<CancelOrder>(in cancel, UnixNanos.Now(_clock)));
        return RiskDecision.Approve;
    }

    /// <summary>Sends a cancel-all: never refused, whatever the state.</summary>
    public RiskDecision CancelAll(in CancelAllOrders cancelAll)
    {
        _gateway.Execute(new RiskApproved<CancelAllOrders>(in cancelAll, UnixNanos.Now(_clock)));
        return RiskDecision.Approve;
    }

    /// <summary>
    /// Sets the trading state by hand (e.g. REDUCING before a close, HALTED for maintenance). Leaving HALTED while the
    /// kill switch is tripped takes <see cref="Reset"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The kill switch is tripped and <paramref name="state"/> is not HALTED.</exception>
    public void SetState(TradingState state, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (IsKillSwitchTripped && state != TradingState.Halted)
        {
            throw new InvalidOperationException($"The kill switch is tripped ({_stateReason}); call Reset() to trade again.");
        }

        ChangeState(state, reason, UnixNanos.Now(_clock));
    }

    /// <summary>Unsubscribes the triggers and stops the timers.</summary>
    public void Dispose()
    {
        _triggerTimer?.Dispose();
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
        foreach (var down in _downConnections)
        {
            down.Timer?.Dispose();
        }

        _downConnections.Clear();
    }

    private static List<Instrument> SpecsOf(InstrumentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var specs = new List<Instrument>(registry.Instruments.Count);
        foreach (var registered in registry.Instruments)
        {
            specs.Add(registered.Spec);
        }

        return specs;
    }

    private bool TryGetInstrument(InstrumentId id, out RiskInstrument instrument)
    {
        var handle = id.Handle;
        var index = (uint)handle < (uint)_indexByHandle.Length ? _indexByHandle[handle] : 0;
        if (index == 0)
        {
            instrument = null!;
            return false;
        }

        instrument = _instruments[index - 1];
        return true;
    }

    private void PostTriggerCheck() => _postToEngine?.Invoke(_evaluateTriggers);

    /// <summary>A timer that posts a trigger check to the engine thread, or null on a clock without timers (a backtest's simulated clock, where events drive the checks).</summary>
    private ITimer? TryCreateTimer(TimeSpan dueTime, TimeSpan period)
    {
        try
        {
            return _clock.CreateTimer(static state => ((RiskEngine)state!).PostTriggerCheck(), this, dueTime, period);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private void RecordOrderRate(long now)
    {
        _perSecond?.Record(now);
        _perMinute?.Record(now);
    }

    private void Deny(TradingCommandKind command, ClientOrderId clientOrderId, InstrumentId instrument, RiskDecision decision, long now) =>
        _bus.Publish(new OrderDenied(command, clientOrderId, instrument, decision.Check!, decision.Reason!, now));

    private void ChangeState(TradingState state, string reason, long now)
    {
        var previous = State;
        State = state;
        _stateReason = reason;
        if (previous != state)
        {
            _bus.Publish(new TradingStateChanged(previous, state, reason, now));
        }
    }
}
