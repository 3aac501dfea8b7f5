using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Orders;
using FlowSight.Engine.Risk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Engine.Execution;

/// <summary>
/// Routes approved commands to the <see cref="IExecutionClient"/> that trades their instrument (several clients, one
/// per venue account, may share a venue: Binance spot and USDⓈ-M) and turns what the venues report into
/// order events. Commands arrive on the engine thread and leave it at once (client calls run on the thread pool,
/// their faults observed); reports arrive on I/O threads through <see cref="ReportSink"/> and are applied on the
/// engine thread, where late, duplicate and out-of-order reports are recognised and dropped (counted). An order whose
/// submit outcome is unknown is queried by client order id, never sent again. Reconciliation runs at start and after
/// every reconnect.
/// </summary>
public sealed partial class ExecutionEngine : IExecutionGateway, IDisposable
{
    private readonly EventBus _bus;
    private readonly OrderStore _store;
    private readonly ClientOrderIdGenerator _ids;
    private readonly TimeProvider _clock;
    private readonly ExecutionEngineOptions _options;
    private readonly ILogger _logger;
    private readonly ExecutionReportSink _sink;
    private readonly Lock _adding = new();
    private readonly Dictionary<ClientOrderId, Order> _replacements = [];
    private readonly HashSet<(InstrumentId Instrument, string TradeId)> _foreignTrades = [];
    private readonly Queue<(InstrumentId Instrument, string TradeId)> _foreignTradeOrder = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly CancellationToken _stopping;
    private VenueSlot[] _slotList = [];
    private Dictionary<InstrumentId, VenueSlot> _routes = [];
    private long _staleReports;
    private long _duplicateFills;
    private long _unknownOrderReports;
    private long _foreignFills;
    private long _adoptedOrders;
    private long _unknownFatesResolved;
    private long _notFoundAfterUnknownFate;
    private long _clientFaults;

    /// <summary>Creates the engine.</summary>
    /// <param name="bus">The engine's bus, where order events and the venues' reports are published (engine thread).</param>
    /// <param name="store">The order store it keeps (share it with the risk engine as <see cref="IOrderView"/>).</param>
    /// <param name="ids">Makes ids for commands that carry none and learns the venue's ids at reconciliation.</param>
    /// <param name="postToEngine">Runs an action on the engine thread (tests: run it inline).</param>
    /// <param name="clock">The engine's clock (waits before queries use it too).</param>
    /// <param name="options">Waits and limits; defaults when null.</param>
    /// <param name="logger">Logger.</param>
    public ExecutionEngine(
        EventBus bus,
        OrderStore store,
        ClientOrderIdGenerator ids,
        Action<Action> postToEngine,
        TimeProvider? clock = null,
        ExecutionEngineOptions? options = null,
        ILogger<ExecutionEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(postToEngine);
        _bus = bus;
        _store = store;
        _ids = ids;
        _clock = clock ?? TimeProvider.System;
        _options = (options ?? new ExecutionEngineOptions()).EnsureValid();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _sink = new ExecutionReportSink(this, postToEngine);
        _stopping = _shutdown.Token; // kept: it stays readable after the source is disposed
    }

    /// <summary>Creates the engine on an <see cref="EngineLoop"/>: its bus, its clock, reports applied through <see cref="EngineLoop.Post(Action)"/>.</summary>
    public ExecutionEngine(EngineLoop loop, OrderStore store, ClientOrderIdGenerator ids, ExecutionEngineOptions? options = null, ILogger<ExecutionEngine>? logger = null)
        : this(RequireLoop(loop).Bus, store, ids, loop.Post, loop.Clock, options, logger)
    {
    }

    /// <summary>Where venue clients deliver reports; pass it to <see cref="IExecutionClient.ConnectAsync"/> (<see cref="StartAsync"/> does).</summary>
    public IExecutionReportSink ReportSink => _sink;

    /// <summary>The orders.</summary>
    public OrderStore Orders => _store;

    /// <summary>Reports dropped as late or out of order (e.g. Accepted after Filled, a lower filled quantity), plus duplicates of the current state.</summary>
    public long StaleReports => Interlocked.Read(ref _staleReports);

    /// <summary>Fills dropped because their trade id was counted already.</summary>
    public long DuplicateFills => Interlocked.Read(ref _duplicateFills);

    /// <summary>Terminal status reports about orders the engine does not hold (ignored).</summary>
    public long UnknownOrderReports => Interlocked.Read(ref _unknownOrderReports);

    /// <summary>Fills of orders the engine does not hold (published as <see cref="FillReport"/> only).</summary>
    public long ForeignFills => Interlocked.Read(ref _foreignFills);

    /// <summary>Working orders found at the venue that the engine did not hold, now tracked.</summary>
    public long AdoptedOrders => Interlocked.Read(ref _adoptedOrders);

    /// <summary>Unknown outcomes the venue answered (the order found and its state applied).</summary>
    public long UnknownFatesResolved => Interlocked.Read(ref _unknownFatesResolved);

    /// <summary>Unknown-outcome orders the venue did not know after every query (marked rejected).</summary>
    public long NotFoundAfterUnknownFate => Interlocked.Read(ref _notFoundAfterUnknownFate);

    /// <summary>Client calls that threw (a client bug: treated as an unknown outcome).</summary>
    public long ClientFaults => Interlocked.Read(ref _clientFaults);

    /// <summary>
    /// Adds a venue account's client. Several clients may share a venue (one per account); commands are routed by
    /// instrument, so each instrument the client declares in <see cref="IExecutionClient.Instruments"/> must be
    /// declared by no other client. Call before <see cref="StartAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A client for that venue and account was added already, the client declares an instrument of another venue, or
    /// another client declares one of its instruments.
    /// </exception>
    public void AddClient(IExecutionClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var slot = new VenueSlot(client);
        lock (_adding)
        {
            foreach (var existing in _slotList)
            {
                if (existing.Venue == slot.Venue && string.Equals(existing.Account, slot.Account, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"An execution client for {slot.Venue} account {slot.Account} was added already.", nameof(client));
                }
            }

            var routes = new Dictionary<InstrumentId, VenueSlot>(_routes);
            foreach (var instrument in client.Instruments)
            {
                var id = instrument.Id;
                if (id.Venue != slot.Venue)
                {
                    throw new ArgumentException($"The {slot.Venue} execution client of account {slot.Account} declares {id}, an instrument of another venue.", nameof(client));
                }

                if (routes.TryGetValue(id, out var other) && other != slot)
                {
                    throw new ArgumentException($"{id} is declared by two execution clients of {slot.Venue}: account {other.Account} and account {slot.Account}; an instrument is traded by one client only.", nameof(client));
                }

                routes[id] = slot;
            }

            _routes = routes;
            _slotList = [.. _slotList, slot];
        }
    }

    /// <summary>
    /// Connects every client to <see cref="ReportSink"/>, then reconciles each venue. The engine thread must be
    /// running (or the poster inline): reconciliation applies what it learns there and waits for it.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var slots = _slotList;
        foreach (var slot in slots)
        {
            await slot.Client.ConnectAsync(_sink, cancellationToken).ConfigureAwait(false);
        }

        foreach (var slot in slots)
        {
            await ReconcileSlotAsync(slot, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Execute(in RiskApproved<SubmitOrder> command)
    {
        var cmd = command.Command;
        if (cmd.ClientOrderId.IsDefault)
        {
            cmd = cmd with { ClientOrderId = _ids.Next() };
        }

        var now = Now();
        if (_store.Contains(cmd.ClientOrderId))
        {
            // The existing order keeps its id; this command never leaves.
            _bus.Publish(new OrderRejected(cmd.ClientOrderId, cmd.Instrument, null, $"client order id {cmd.ClientOrderId} is already used by another order; ids are never reused", now));
            return;
        }

        var order = _store.Create(in cmd);
        _store.Add(order);
        if (!TryGetSlot(cmd.Instrument, out var slot))
        {
            var reason = NoClientReason(cmd.Instrument);
            order.LastReason = reason;
            _store.Transition(order, OrderStatus.Rejected, now);
            _bus.Publish(new OrderRejected(cmd.ClientOrderId, cmd.Instrument, null, reason, now));
            return;
        }

        _store.Transition(order, OrderStatus.Submitted, now);
        _bus.Publish(new OrderSubmitted(cmd.ClientOrderId, cmd.Instrument, now));
        Dispatch(slot, TradingCommandKind.Submit, cmd.ClientOrderId, cmd.Instrument, cmd, static (c, x, ct) => c.SubmitAsync(x, ct));
    }

    /// <inheritdoc />
    public void Execute(in RiskApproved<CancelOrder> command)
    {
        var cmd = command.Command;
        var now = Now();
        if (!_store.TryGet(cmd.ClientOrderId, out var order))
        {
            _bus.Publish(new OrderModifyRejected(TradingCommandKind.Cancel, cmd.ClientOrderId, cmd.Instrument, null, $"order {cmd.ClientOrderId} is not known to the engine", now));
            return;
        }

        if (!order.IsOpen)
        {
            _bus.Publish(new OrderModifyRejected(TradingCommandKind.Cancel, cmd.ClientOrderId, order.Instrument, null, $"order {cmd.ClientOrderId} is already {order.Status}", now));
            return;
        }

        if (!TryGetSlot(order.Instrument, out var slot))
        {
            _bus.Publish(new OrderModifyRejected(TradingCommandKind.Cancel, cmd.ClientOrderId, order.Instrument, null, NoClientReason(order.Instrument), now));
            return;
        }

        if (cmd.VenueOrderId.IsDefault && !order.VenueOrderId.IsDefault)
        {
            cmd = cmd with { VenueOrderId = order.VenueOrderId };
        }

        if (order.Status != OrderStatus.PendingCancel)
        {
            _store.Transition(order, OrderStatus.PendingCancel, now);
            _bus.Publish(new OrderPendingCancel(order.ClientOrderId, order.Instrument, now));
        }

        // A repeated cancel is sent again: harmless at the venue, and the way out of a lost request.
        Dispatch(slot, TradingCommandKind.Cancel, cmd.ClientOrderId, order.Instrument, cmd, static (c, x, ct) => c.CancelAsync(x, ct));
    }

    /// <inheritdoc />
    public void Execute(in RiskApproved<ReplaceOrder> command)
    {
        var cmd = command.Command;
        var now = Now();
        if (!_store.TryGet(cmd.ClientOrderId, out var order))
        {
            _bus.Publish(new OrderModifyRejected(TradingCommandKind.Replace, cmd.ClientOrderId, cmd.Instrument, null, $"order {cmd.ClientOrderId} is not known to the engine", now));
            return;
        }

        if (order.Status is not (OrderStatus.Accepted or OrderStatus.PartiallyFilled or OrderStatus.Untriggered))
        {
            _bus.Publish(new OrderModifyRejected(TradingCommandKind.Replace, cmd.ClientOrderId, order.Instrument, null, $"order {cmd.ClientOrderId} is {order.Status}; only an accepted order can be replaced", now));
            return;
        }

        if (!TryGetSlot(order.Instrument, out var slot))
        {
            _bus.Publish(new OrderModifyRejected(TradingCommandKind.Replace, cmd.ClientOrderId, order.Instrument, null, NoClientReason(order.Instrument), now));
            return;
        }

        if (cmd.NewClientOrderId.IsDefault)
        {
            cmd = cmd with { NewClientOrderId = _ids.Next() };
        }

        if (cmd.VenueOrderId.IsDefault && !order.VenueOrderId.IsDefault)
        {
            cmd = cmd with { VenueOrderId = order.VenueOrderId };
        }

        ForgetReplacement(order);
        _store.Transition(order, OrderStatus.PendingReplace, now);
        order.PendingNewClientOrderId = cmd.NewClientOrderId;
        order.PendingQuantity = cmd.Quantity;
        order.PendingPrice = cmd.Price;
        order.PendingTriggerPrice = cmd.TriggerPrice;
        _replacements[cmd.NewClientOrderId] = order;
        _bus.Publish(new OrderPendingReplace(order.ClientOrderId, order.Instrument, now));
        Dispatch(slot, TradingCommandKind.Replace, cmd.ClientOrderId, order.Instrument, cmd, static (c, x, ct) => c.ReplaceAsync(x, ct));
    }

    /// <inheritdoc />
    public void Execute(in RiskApproved<CancelAllOrders> command)
    {
        var cmd = command.Command;
        if (cmd.Instrument is { } instrument)
        {
            if (!TryGetSlot(instrument, out var slot))
            {
                _bus.Publish(new OrderModifyRejected(TradingCommandKind.CancelAll, default, instrument, null, NoClientReason(instrument), Now()));
                return;
            }

            Dispatch(slot, TradingCommandKind.CancelAll, default, instrument, cmd, static (c, x, ct) => c.CancelAllAsync(x, ct));
            return;
        }

        // Every instrument: each client (every account of every venue) cancels its own.
        foreach (var slot in _slotList)
        {
            Dispatch(slot, TradingCommandKind.CancelAll, default, default, cmd, static (c, x, ct) => c.CancelAllAsync(x, ct));
        }
    }

    /// <summary>Stops waits and queries in progress. Clients are the caller's to dispose.</summary>
    public void Dispose()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _shutdown.Cancel();
            _shutdown.Dispose();
        }
    }

    /// <summary>Drops the order's pending replacement id (call before it leaves PendingReplace), so the map holds only replaces in flight.</summary>
    private void ForgetReplacement(Order order)
    {
        if (!order.PendingNewClientOrderId.IsDefault)
        {
            _replacements.Remove(order.PendingNewClientOrderId);
        }
    }

    private static EngineLoop RequireLoop(EngineLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return loop;
    }

    private long Now() => UnixNanos.Now(_clock);

    /// <summary>The slot of the client that declared <paramref name="instrument"/>.</summary>
    private bool TryGetSlot(InstrumentId instrument, out VenueSlot slot) => _routes.TryGetValue(instrument, out slot!);

    /// <summary>True when <paramref name="instrument"/> is traded by <paramref name="slot"/>'s client.</summary>
    private bool Routes(VenueSlot slot, InstrumentId instrument) => _routes.TryGetValue(instrument, out var owner) && owner == slot;

    /// <summary>The slot of the venue's <paramref name="account"/>.</summary>
    private bool TryGetSlot(Venue venue, string account, out VenueSlot slot)
    {
        var slots = _slotList;
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i].Venue == venue && string.Equals(slots[i].Account, account, StringComparison.Ordinal))
            {
                slot = slots[i];
                return true;
            }
        }

        slot = null!;
        return false;
    }

    /// <summary>Why a command on <paramref name="instrument"/> cannot be routed (off the hot path: a refusal).</summary>
    private string NoClientReason(InstrumentId instrument)
    {
        var accounts = new List<string>();
        foreach (var slot in _slotList)
        {
            if (slot.Venue == instrument.Venue)
            {
                accounts.Add(slot.Account);
            }
        }

        return accounts.Count == 0
            ? $"no execution client for venue {instrument.Venue} (instrument {instrument})"
            : $"no execution client trades {instrument}: the {instrument.Venue} clients (accounts {string.Join(", ", accounts)}) do not declare it";
    }

    /// <summary>Calls the client off the engine thread and turns a throwing client into an unknown outcome.</summary>
    /// <remarks>
    /// Allocates nothing on the engine thread when the client completes at once: the thread-pool hop is a pooled work
    /// item (<see cref="ClientCall{TCommand}"/>), not a closure and a <see cref="Task"/> per command.
    /// </remarks>
    private void Dispatch<TCommand>(VenueSlot slot, TradingCommandKind kind, ClientOrderId id, InstrumentId instrument, in TCommand command, Func<IExecutionClient, TCommand, CancellationToken, Task> send)
        where TCommand : struct
    {
        if (_options.CallClientsInline)
        {
            Call(slot, kind, id, instrument, in command, send);
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(ClientCall<TCommand>.Rent(this, slot, kind, id, instrument, in command, send), preferLocal: false);
    }

    /// <summary>Calls the client on this thread; a task that did not complete successfully at once is observed.</summary>
    private void Call<TCommand>(VenueSlot slot, TradingCommandKind kind, ClientOrderId id, InstrumentId instrument, in TCommand command, Func<IExecutionClient, TCommand, CancellationToken, Task> send)
        where TCommand : struct
    {
        Task task;
        try
        {
            task = send(slot.Client, command, _stopping);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            task = Task.FromException(ex);
        }

        if (!task.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(task, slot, kind, id, instrument);
        }
    }

    /// <summary>One client call queued to the thread pool; instances are reused (a lock-free queue per command type).</summary>
    private sealed class ClientCall<TCommand> : IThreadPoolWorkItem
        where TCommand : struct
    {
        // Bounded by the calls in flight at once; ConcurrentQueue reuses its ring segment once it stops growing.
        private static readonly System.Collections.Concurrent.ConcurrentQueue<ClientCall<TCommand>> Pool = new();

        private ExecutionEngine? _engine;
        private VenueSlot? _slot;
        private TradingCommandKind _kind;
        private ClientOrderId _id;
        private InstrumentId _instrument;
        private TCommand _command;
        private Func<IExecutionClient, TCommand, CancellationToken, Task>? _send;

        public static ClientCall<TCommand> Rent(ExecutionEngine engine, VenueSlot slot, TradingCommandKind kind, ClientOrderId id, InstrumentId instrument, in TCommand command, Func<IExecutionClient, TCommand, CancellationToken, Task> send)
        {
            if (!Pool.TryDequeue(out var call))
            {
                call = new ClientCall<TCommand>();
            }

            call._engine = engine;
            call._slot = slot;
            call._kind = kind;
            call._id = id;
            call._instrument = instrument;
            call._command = command;
            call._send = send;
            return call;
        }

        public void Execute()
        {
            var engine = _engine!;
            var slot = _slot!;
            var kind = _kind;
            var id = _id;
            var instrument = _instrument;
            var command = _command;
            var send = _send!;
            _engine = null;
            _slot = null;
            _send = null;
            _command = default;
            Pool.Enqueue(this);
            engine.Call(slot, kind, id, instrument, in command, send);
        }
    }

    private async Task ObserveAsync(Task task, VenueSlot slot, TradingCommandKind kind, ClientOrderId id, InstrumentId instrument)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _clientFaults);
            _logger.LogError(ex, "The {Venue} execution client of account {Account} threw on {Command} of {ClientOrderId}; treating the outcome as unknown.", slot.Venue, slot.Account, kind, id);
            _sink.OnCommandFailed(new VenueCommandFailure
            {
                Command = kind,
                ClientOrderId = id,
                Instrument = instrument,
                FateUnknown = true,
                Reason = $"the {slot.Venue} client of account {slot.Account} failed on {kind}: {ex.Message}",
                Timestamp = Now(),
            });
        }
    }
}
