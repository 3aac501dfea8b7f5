using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Execution;
using FlowSight.Engine.Orders;
using FlowSight.Engine.Risk;

namespace FlowSight.Server.State;

/// <summary>The trading half of the replica: orders, fills, positions, account and risk.</summary>
public sealed partial class StateReplica :
    IEventHandler<OrderSubmitted>,
    IEventHandler<OrderAccepted>,
    IEventHandler<OrderFilled>,
    IEventHandler<OrderCanceled>,
    IEventHandler<OrderExpired>,
    IEventHandler<OrderRejected>,
    IEventHandler<OrderReplaced>,
    IEventHandler<OrderPendingCancel>,
    IEventHandler<OrderPendingReplace>,
    IEventHandler<OrderModifyRejected>,
    IEventHandler<OrderDenied>,
    IEventHandler<OrderStatusReport>,
    IEventHandler<ReconciliationCompleted>,
    IEventHandler<MarkPrice>,
    IEventHandler<BalanceReport>,
    IEventHandler<PositionStatusReport>,
    IEventHandler<TradingStateChanged>,
    IEventHandler<KillSwitchTripped>,
    IEventHandler<AccountHalted>,
    IEventHandler<AccountResumed>
{
    private const int TouchedCapacity = 4096;

    private readonly ClientOrderId[] _touched = new ClientOrderId[TouchedCapacity];
    private readonly Dictionary<ClientOrderId, OrderView> _openViews = [];
    private readonly Dictionary<ClientOrderId, OrderView> _closedViews = [];
    private readonly Queue<ClientOrderId> _closedOrder = new();
    private readonly List<Order> _openBuffer = [];
    private readonly List<EquityPointView> _equity = [];
    private readonly Dictionary<VenueAccount, AccountCurve> _accountEquity = [];
    private RecentRing<OrderFilled, FillView> _fillRing = null!;
    private RecentRing<OrderDenied, OrderView> _denialRing = null!;
    private Money[] _feesByHandle = [];
    private long _denialsSeen;
    private int _touchedCount;
    private bool _ordersDirty;
    private bool _ordersResync = true;
    private bool _portfolioDirty = true;
    private bool _riskDirty = true;
    private long _nextPortfolioAt;
    private long _lastEquityTime = long.MinValue;

    private OrderView[] _openOrders = [];
    private OrderView[] _allOrders = [];
    private FillView[] _fills = [];
    private PositionView[] _positions = [];
    private AccountView _account = new(string.Empty, 0, 0, 0, 0, 0, 0, [], []);
    private RiskView _risk = new("ACTIVE", null, false, 0, 0, []);

    /// <inheritdoc/>
    public IReadOnlyList<PositionView> Positions => Volatile.Read(ref _positions);

    /// <inheritdoc/>
    public AccountView Account => Volatile.Read(ref _account);

    /// <inheritdoc/>
    public RiskView Risk => Volatile.Read(ref _risk);

    /// <inheritdoc/>
    public IReadOnlyList<OrderView> GetOrders(bool openOnly) => openOnly ? Volatile.Read(ref _openOrders) : Volatile.Read(ref _allOrders);

    /// <inheritdoc/>
    public IReadOnlyList<FillView> GetFills(int limit)
    {
        var fills = Volatile.Read(ref _fills);
        return limit <= 0 ? [] : limit >= fills.Length ? fills : new ArraySegment<FillView>(fills, 0, limit);
    }

    void IEventHandler<OrderSubmitted>.Handle(in OrderSubmitted evt) => Touch(evt.ClientOrderId);

    void IEventHandler<OrderAccepted>.Handle(in OrderAccepted evt) => Touch(evt.ClientOrderId);

    void IEventHandler<OrderFilled>.Handle(in OrderFilled evt)
    {
        Touch(evt.ClientOrderId);
        _fillRing.Add(in evt);
        var handle = evt.Instrument.Handle;
        if ((uint)handle < (uint)_feesByHandle.Length)
        {
            _feesByHandle[handle] = _feesByHandle[handle].Raw == 0 ? evt.Fee : _feesByHandle[handle] + evt.Fee;
        }

        _portfolioDirty = true;
    }

    void IEventHandler<OrderCanceled>.Handle(in OrderCanceled evt) => Touch(evt.ClientOrderId);

    void IEventHandler<OrderExpired>.Handle(in OrderExpired evt) => Touch(evt.ClientOrderId);

    void IEventHandler<OrderRejected>.Handle(in OrderRejected evt) => Touch(evt.ClientOrderId);

    void IEventHandler<OrderReplaced>.Handle(in OrderReplaced evt) => Touch(evt.ClientOrderId);

    void IEventHandler<OrderPendingCancel>.Handle(in OrderPendingCancel evt) => Touch(evt.ClientOrderId);

    void IEventHandler<OrderPendingReplace>.Handle(in OrderPendingReplace evt) => Touch(evt.ClientOrderId);

    void IEventHandler<OrderModifyRejected>.Handle(in OrderModifyRejected evt)
    {
        if (evt.ClientOrderId.IsDefault)
        {
            _ordersResync = true;
            _ordersDirty = true;
        }
        else
        {
            Touch(evt.ClientOrderId);
        }
    }

    void IEventHandler<OrderDenied>.Handle(in OrderDenied evt)
    {
        _denialRing.Add(in evt);
        _ordersDirty = true;
        _riskDirty = true;
    }

    void IEventHandler<OrderStatusReport>.Handle(in OrderStatusReport evt) => Touch(evt.ClientOrderId);

    void IEventHandler<ReconciliationCompleted>.Handle(in ReconciliationCompleted evt)
    {
        _ordersResync = true;
        _ordersDirty = true;
        _portfolioDirty = true;
    }

    void IEventHandler<MarkPrice>.Handle(in MarkPrice evt) => _portfolioDirty = true;

    void IEventHandler<BalanceReport>.Handle(in BalanceReport evt) => _portfolioDirty = true;

    void IEventHandler<PositionStatusReport>.Handle(in PositionStatusReport evt) => _portfolioDirty = true;

    void IEventHandler<TradingStateChanged>.Handle(in TradingStateChanged evt) => _riskDirty = true;

    void IEventHandler<KillSwitchTripped>.Handle(in KillSwitchTripped evt) => _riskDirty = true;

    void IEventHandler<AccountHalted>.Handle(in AccountHalted evt) => _riskDirty = true;

    void IEventHandler<AccountResumed>.Handle(in AccountResumed evt) => _riskDirty = true;

    private void Touch(ClientOrderId id)
    {
        _ordersDirty = true;
        if (id.IsDefault)
        {
            return;
        }

        if (_touchedCount < _touched.Length)
        {
            _touched[_touchedCount++] = id;
        }
        else
        {
            _ordersResync = true; // more changes than the ring holds between two flushes: rebuild from the store
        }
    }

    private void InitialiseTrading(StateReplicaOptions options)
    {
        _fillRing = new RecentRing<OrderFilled, FillView>(options.FillsKept, static f => new FillView(
            f.ClientOrderId.ToString(),
            f.Instrument.Value,
            ViewText.Side(f.Side),
            f.LastPrice.ToDecimal(),
            f.LastQuantity.ToDecimal(),
            f.Fee.ToDecimal(),
            f.FeeAsset,
            ViewText.Of(f.Liquidity),
            f.TradeId,
            ViewText.Millis(f.Timestamp)));
        _denialRing = new RecentRing<OrderDenied, OrderView>(options.ClosedOrdersKept, static d => new OrderView(
            d.ClientOrderId.ToString(), null, d.Instrument.Value, string.Empty, string.Empty, 0m, null, null, string.Empty, false,
            "denied", 0m, null, 0m, null, $"{d.Check}: {d.Reason}", ViewText.Millis(d.Timestamp), ViewText.Millis(d.Timestamp)));
        if (_trading is not null)
        {
            var maxHandle = _trading.Instruments.Count == 0 ? -1 : _trading.Instruments.Max(i => i.Id.Handle);
            _feesByHandle = new Money[maxHandle + 1];
        }
    }

    private void SubscribeTrading(EventBus bus)
    {
        if (_trading is null)
        {
            return;
        }

        _subscriptions.Add(bus.Subscribe<OrderSubmitted>("replica-orders", this));
        _subscriptions.Add(bus.Subscribe<OrderAccepted>("replica-orders", this));
        _subscriptions.Add(bus.Subscribe<OrderFilled>("replica-orders", this));
        _subscriptions.Add(bus.Subscribe<OrderCanceled>("replica-orders", this));
        _subscriptions.Add(bus.Subscribe<OrderExpired>("replica-orders", this));
        _subscriptions.Add(bus.Subscribe<OrderRejected>("replica-orders", this));
        _subscriptions.Add(bus.Subscribe<OrderReplaced>("replica-orders", this));
        _subscriptions.Add(bus.Subscribe<OrderPendingCancel>("replica-orders", this));
        _subscriptions.Add(bus.Subscribe<OrderPendingReplace>("replica-orders", this));
        _subscriptions.Add(bus.Subscribe<OrderModifyRejected>("replica-orders", this));
        _subscriptions.Add(bus.Subscribe<OrderDenied>("replica-orders", this));
        _subscriptions.Add(bus.Subscribe<OrderStatusReport>("replica-orders", this));
        _subscriptions.Add(bus.Subscribe<ReconciliationCompleted>("replica-orders", this));
        _subscriptions.Add(bus.Subscribe<MarkPrice>("replica-portfolio", this));
        _subscriptions.Add(bus.Subscribe<BalanceReport>("replica-portfolio", this));
        _subscriptions.Add(bus.Subscribe<PositionStatusReport>("replica-portfolio", this));
        _subscriptions.Add(bus.Subscribe<TradingStateChanged>("replica-risk", this));
        _subscriptions.Add(bus.Subscribe<KillSwitchTripped>("replica-risk", this));
        _subscriptions.Add(bus.Subscribe<AccountHalted>("replica-risk", this));
        _subscriptions.Add(bus.Subscribe<AccountResumed>("replica-risk", this));
    }

    // ---- flush ----

    private void FlushTrading(long now)
    {
        if (_trading is null)
        {
            return;
        }

        var ordersChanged = FlushOrders();
        var portfolioDue = _portfolioDirty || now >= _nextPortfolioAt;
        if (portfolioDue)
        {
            _portfolioDirty = false;
            _nextPortfolioAt = now + (_options.PortfolioInterval.Ticks * 100);
            FlushPositions();
            FlushAccount();
        }

        if (_riskDirty || ordersChanged || portfolioDue)
        {
            _riskDirty = false;
            FlushRisk();
        }
    }

    private bool FlushOrders()
    {
        var changed = false;
        if (_ordersDirty)
        {
            _ordersDirty = false;
            var store = _trading!.Orders;
            if (_ordersResync)
            {
                _ordersResync = false;
                _openBuffer.Clear();
                store.CopyOpenOrders(_openBuffer);
                var stillOpen = new HashSet<ClientOrderId>();
                foreach (var order in _openBuffer)
                {
                    stillOpen.Add(order.ClientOrderId);
                    Refresh(order);
                }

                foreach (var id in _openViews.Keys.Where(id => !stillOpen.Contains(id)).ToArray())
                {
                    if (store.TryGet(id, out var order))
                    {
                        Refresh(order);
                    }
                    else
                    {
                        _openViews.Remove(id); // purged from the store
                    }
                }

                _openBuffer.Clear();
            }

            for (var i = 0; i < _touchedCount; i++)
            {
                if (store.TryGet(_touched[i], out var order))
                {
                    Refresh(order);
                }

                _touched[i] = default;
            }

            _touchedCount = 0;
            if (_denialRing.Added != _denialsSeen)
            {
                var newest = _denialRing.SnapshotNewestFirst();
                var fresh = (int)Math.Min(newest.Length, _denialRing.Added - _denialsSeen);
                _denialsSeen = _denialRing.Added;
                for (var i = fresh - 1; i >= 0; i--)
                {
                    AddClosed(ClientOrderId.TryParse(newest[i].ClientOrderId, out var id) ? id : default, newest[i]);
                }
            }

            var open = _openViews.Values.OrderByDescending(o => o.CreatedAt).ToArray();
            var all = open.Concat(_closedViews.Values).OrderByDescending(o => o.CreatedAt).ToArray();
            Volatile.Write(ref _openOrders, open);
            Volatile.Write(ref _allOrders, all);
            changed = true;
        }

        if (_fillRing.HasNew)
        {
            Volatile.Write(ref _fills, _fillRing.SnapshotNewestFirst());
            changed = true;
        }

        if (changed)
        {
            Bump(ReplicaTopic.Orders);
        }

        return changed;
    }

    private void Refresh(Order order)
    {
        var view = ToView(order);
        if (order.IsOpen)
        {
            _openViews[order.ClientOrderId] = view;
        }
        else
        {
            _openViews.Remove(order.ClientOrderId);
            AddClosed(order.ClientOrderId, view);
        }
    }

    private void AddClosed(ClientOrderId id, OrderView view)
    {
        if (_closedViews.ContainsKey(id))
        {
            _closedViews[id] = view; // a late fill of a finished order
            return;
        }

        _closedViews.Add(id, view);
        _closedOrder.Enqueue(id);
        while (_closedOrder.Count > _options.ClosedOrdersKept)
        {
            _closedViews.Remove(_closedOrder.Dequeue());
        }
    }

    private static OrderView ToView(Order order) => new(
        order.ClientOrderId.ToString(),
        order.VenueOrderId.IsDefault ? null : order.VenueOrderId.ToString(),
        order.Instrument.Value,
        ViewText.Side(order.Side),
        ViewText.Of(order.Type),
        order.Quantity.ToDecimal(),
        order.Price?.ToDecimal(),
        order.TriggerPrice?.ToDecimal(),
        ViewText.Of(order.TimeInForce),
        order.ReduceOnly,
        ViewText.Of(order.Status),
        order.FilledQuantity.ToDecimal(),
        order.AveragePrice?.ToDecimal(),
        order.Fees.ToDecimal(),
        order.FeeAsset,
        order.LastReason,
        ViewText.Millis(order.CreatedAt),
        ViewText.Millis(order.UpdatedAt));

    private void FlushPositions()
    {
        var portfolio = _trading!.Portfolio;
        var open = portfolio.OpenPositions();
        var views = new PositionView[open.Count];
        for (var i = 0; i < views.Length; i++)
        {
            var p = open[i];
            var handle = p.Instrument.Handle;
            var fees = (uint)handle < (uint)_feesByHandle.Length ? _feesByHandle[handle].ToDecimal() : 0m;
            views[i] = new PositionView(
                p.Instrument.Value,
                ViewText.Of(p.PositionSide),
                p.Quantity,
                p.AverageEntryPrice,
                portfolio.MarkPrice(p.Instrument) ?? 0m,
                p.UnrealizedPnl,
                p.RealizedPnl,
                p.Funding,
                fees,
                p.MarginUsed,
                p.LiquidationPrice);
        }

        if (!views.AsSpan().SequenceEqual(Volatile.Read(ref _positions)))
        {
            Volatile.Write(ref _positions, views);
            Bump(ReplicaTopic.Positions);
        }
    }

    private void FlushAccount()
    {
        var portfolio = _trading!.Portfolio;
        portfolio.SampleIfDue();
        var currency = portfolio.ValuationCurrency;
        var unrealised = portfolio.UnrealizedPnl;
        var margin = portfolio.MarginUsed;
        var realised = 0m;
        foreach (var instrument in _trading.Instruments)
        {
            for (var side = PositionSide.Both; side <= PositionSide.Short; side++)
            {
                realised += portfolio.GetPosition(instrument.Id, side).RealizedPnl;
            }
        }

        // One row per account and asset: two accounts' USDT (Binance spot and USDⓈ-M) are two wallets, and what is
        // available in one is its own balance less its own positions' margin and losses.
        var balances = new List<BalanceView>();
        foreach (var account in portfolio.Accounts.OrderBy(a => a.ToString(), StringComparer.Ordinal))
        {
            var accountUnrealised = portfolio.AccountUnrealizedPnl(account);
            var accountMargin = portfolio.AccountMarginUsed(account);
            foreach (var asset in portfolio.AssetsOf(account).Order(StringComparer.Ordinal))
            {
                var total = portfolio.Balance(account, asset);
                var available = string.Equals(asset, currency, StringComparison.Ordinal) ? Math.Max(0m, total + Math.Min(0m, accountUnrealised) - accountMargin) : total;
                balances.Add(new BalanceView(asset, total, available, account.ToString()));
            }
        }

        var equityChanged = UpdateEquityCurve(portfolio.EquityCurve, _equity, ref _lastEquityTime);
        var previous = Volatile.Read(ref _account);
        var accounts = new List<AccountEquityView>();
        var accountsChanged = false;
        foreach (var account in portfolio.Accounts.OrderBy(a => a.ToString(), StringComparer.Ordinal))
        {
            if (!_accountEquity.TryGetValue(account, out var kept))
            {
                kept = new AccountCurve();
                _accountEquity.Add(account, kept);
            }

            if (portfolio.AccountEquityCurve(account) is { } accountCurve && UpdateEquityCurve(accountCurve, kept.Points, ref kept.LastTime))
            {
                kept.Snapshot = [.. kept.Points];
                accountsChanged = true;
            }

            accounts.Add(new AccountEquityView(account.ToString(), portfolio.AccountEquity(account), portfolio.AccountDailyPnl(account), kept.Snapshot));
        }

        accountsChanged |= previous.Accounts is null || !previous.Accounts.SequenceEqual(accounts);
        var equity = portfolio.Equity;
        var daily = portfolio.DailyPnl;
        var funding = portfolio.TotalFunding;
        if (!equityChanged && !accountsChanged
            && string.Equals(previous.Asset, currency, StringComparison.Ordinal)
            && previous.Equity == equity && previous.UnrealisedPnl == unrealised && previous.RealisedPnl == realised
            && previous.DailyPnl == daily && previous.Funding == funding && previous.MarginUsed == margin
            && previous.Balances.SequenceEqual(balances))
        {
            return;
        }

        var curve = equityChanged ? _equity.ToArray() : previous.EquityCurve;
        Volatile.Write(ref _account, new AccountView(currency, equity, unrealised, realised, daily, funding, margin, balances, curve, accounts));
        Bump(ReplicaTopic.Account);
    }

    /// <summary>Appends to <paramref name="kept"/> the curve's samples newer than <paramref name="lastTime"/>; true when any was.</summary>
    private bool UpdateEquityCurve(Engine.Portfolio.EquityCurve curve, List<EquityPointView> kept, ref long lastTime)
    {
        var count = curve.Count;
        if (count == 0 || curve[count - 1].Timestamp <= lastTime)
        {
            return false;
        }

        var first = count - 1;
        while (first > 0 && curve[first - 1].Timestamp > lastTime)
        {
            first--;
        }

        for (var i = first; i < count; i++)
        {
            var point = curve[i];
            kept.Add(new EquityPointView(ViewText.Millis(point.Timestamp), point.Equity));
        }

        lastTime = curve[count - 1].Timestamp;
        if (kept.Count > _options.EquityPointsKept)
        {
            kept.RemoveRange(0, kept.Count - _options.EquityPointsKept);
        }

        return true;
    }

    /// <summary>One venue account's equity points as the replica keeps them.</summary>
    private sealed class AccountCurve
    {
        public List<EquityPointView> Points { get; } = [];

        public EquityPointView[] Snapshot { get; set; } = [];

#pragma warning disable SA1401 // Passed by ref to UpdateEquityCurve.
        public long LastTime = long.MinValue;
#pragma warning restore SA1401
    }

    private void FlushRisk()
    {
        var node = _trading!;
        var risk = node.Risk;
        var portfolio = node.Portfolio;
        var limits = risk.Limits;
        var openOrders = node.Orders.TotalOpenOrderCount;
        var daily = portfolio.DailyPnl;
        var equity = portfolio.Equity;
        var totalNotional = portfolio.TotalPositionNotional;
        var currency = limits.ValuationCurrency;
        var rows = new List<RiskLimitView>();
        Add("Max total position notional", limits.MaxTotalPositionNotional, currency, totalNotional);
        Add("Max total open orders", limits.MaxTotalOpenOrders, null, openOrders);
        Add("Max orders per second", limits.MaxOrdersPerSecond, null, null);
        Add("Max orders per minute", limits.MaxOrdersPerMinute, null, null);
        Add("Max leverage", limits.MaxLeverage, "×", equity > 0 ? decimal.Round(totalNotional / equity, 4) : null);
        Add("Daily loss limit", limits.DailyLossLimit, currency, daily < 0 ? -daily : 0m);
        Add("Max venue rejects per " + FormatSpan(limits.RejectWindow), limits.MaxRejects, null, null);
        if (limits.MaxDisconnect is { } disconnect)
        {
            rows.Add(new RiskLimitView("Max venue disconnect", FormatSpan(disconnect), null));
        }

        AddInstrument("(all instruments)", limits.Defaults, null);
        foreach (var (id, overrides) in limits.Instruments.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            AddInstrument(id, overrides.Over(limits.Defaults), InstrumentId.TryParse(id, out var parsed) ? parsed : null);
        }

        var state = risk.State switch
        {
            TradingState.Active => "ACTIVE",
            TradingState.Reducing => "REDUCING",
            _ => "HALTED",
        };
        var reason = string.IsNullOrEmpty(risk.StateReason) ? null : risk.StateReason;
        foreach (var (name, accountLimits) in limits.Accounts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var used = portfolio.Accounts.Where(a => string.Equals(a.Name, name, StringComparison.Ordinal)).Sum(portfolio.AccountDailyPnl);
            Add($"Account {name}: daily loss limit", accountLimits.DailyLossLimit, currency, used < 0 ? -used : 0m);
        }

        var halted = risk.HaltedAccounts.Select(p => new AccountHaltView(p.Key.ToString(), p.Value)).OrderBy(h => h.Account, StringComparer.Ordinal).ToArray();
        var previous = Volatile.Read(ref _risk);
        if (string.Equals(previous.State, state, StringComparison.Ordinal) && string.Equals(previous.Reason, reason, StringComparison.Ordinal)
            && previous.KillSwitchTripped == risk.IsKillSwitchTripped && previous.OpenOrders == openOrders && previous.DailyPnl == daily
            && previous.Limits.SequenceEqual(rows) && (previous.HaltedAccounts ?? []).SequenceEqual(halted))
        {
            return;
        }

        Volatile.Write(ref _risk, new RiskView(state, reason, risk.IsKillSwitchTripped, openOrders, daily, rows, halted));
        Bump(ReplicaTopic.Risk);

        void Add(string name, decimal? limit, string? unit, decimal? used)
        {
            if (limit is { } value)
            {
                rows.Add(new RiskLimitView(name, Text(value, unit), used is { } u ? Text(u, unit) : null));
            }
        }

        void AddInstrument(string scope, InstrumentRiskLimits values, InstrumentId? instrument)
        {
            decimal? position = instrument is { } id ? Math.Abs(portfolio.NetPosition(id)) : null;
            decimal? notional = instrument is { } id2 ? portfolio.PositionNotional(id2) : null;
            decimal? orders = instrument is { } id3 ? node.Orders.OpenOrderCount(id3) : null;
            Add($"{scope}: max order quantity", values.MaxOrderQuantity, null, null);
            Add($"{scope}: max order notional", values.MaxOrderNotional, null, null);
            Add($"{scope}: max position quantity", values.MaxPositionQuantity, null, position);
            Add($"{scope}: max position notional", values.MaxPositionNotional, null, notional);
            Add($"{scope}: max open orders", values.MaxOpenOrders, null, orders);
            Add($"{scope}: price band (bps)", values.PriceBandBps, null, null);
        }
    }

    private static string Text(decimal value, string? unit)
    {
        var number = value.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
        return unit is null ? number : unit == "×" ? number + "×" : number + " " + unit;
    }

    private static string FormatSpan(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? $"{span.TotalHours:0} h"
        : span.TotalMinutes >= 1 && span.TotalMinutes % 1 == 0 ? $"{span.TotalMinutes:0} min"
        : $"{span.TotalSeconds:0.###} s";
}
