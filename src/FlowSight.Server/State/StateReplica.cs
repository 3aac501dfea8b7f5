using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Candles;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.OrderBook;
using FlowSight.Engine.Risk;
using FlowSight.Engine.Trading;
using FlowSight.Venues.Network;

namespace FlowSight.Server.State;

/// <summary>
/// The engine's state as immutable snapshots for the web side. Bus handlers on the engine thread only mark things
/// changed or copy event structs into preallocated rings (nothing is allocated per event); a timer posts
/// <see cref="Flush"/> to the engine every <see cref="StateReplicaOptions.FlushInterval"/>, which copies what changed
/// (book levels, trades, candles, orders, fills, positions, account, risk, engine statistics) into new snapshots,
/// converts fixed point to decimal, publishes them with <see cref="Volatile"/> writes and bumps the topic's version.
/// Readers on any thread get the latest snapshot and never wait for the engine.
/// </summary>
public sealed partial class StateReplica :
    IStateReplica,
    IDisposable,
    IEventHandler<BookDelta>,
    IEventHandler<TradeTick>,
    IEventHandler<ConnectionStateChanged>,
    IEventHandler<ExecutionConnectionChanged>
{
    private const int PendingConnectionCapacity = 256;

    private readonly EngineLoop _engine;
    private readonly OrderBookManager _books;
    private readonly MemoryKlineStore? _candles;
    private readonly TradingNode? _trading;
    private readonly StateReplicaOptions _options;
    private readonly InstrumentSlot[] _slots;
    private readonly InstrumentSlot?[] _slotByHandle;
    private readonly Dictionary<string, InstrumentSlot> _slotById;
    private readonly long[] _versions = new long[Enum.GetValues<ReplicaTopic>().Length];
    private readonly BookLevel[] _bidBuffer;
    private readonly BookLevel[] _askBuffer;
    private readonly Candle[] _candleBuffer;
    private readonly CandleInterval[] _intervals = Enum.GetValues<CandleInterval>();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Action<EngineLoop> _flushFromTimer;
    private readonly Action<EngineStatistics> _onStatistics;
    private readonly ConnectionStateChanged?[] _pendingMarketConnections = new ConnectionStateChanged?[PendingConnectionCapacity];
    private readonly ExecutionConnectionChanged[] _pendingExecutionConnections = new ExecutionConnectionChanged[PendingConnectionCapacity];
    private readonly Dictionary<string, ConnectionSlot> _connections = new(StringComparer.Ordinal);
    private int _pendingMarketCount;
    private int _pendingExecutionCount;
    private bool _connectionsDirty;
    private EngineStatistics? _statistics;
    private bool _engineDirty = true;
    private ITimer? _timer;
    private int _flushPending;
    private int _disposed;

    private EngineView _engineView;

    private StateReplica(EngineLoop engine, IReadOnlyList<Instrument> instruments, OrderBookManager books, MemoryKlineStore? candles, TradingNode? trading, StateReplicaOptions options)
    {
        _engine = engine;
        _books = books;
        _candles = candles;
        _trading = trading;
        _options = options;
        _slots = [.. instruments.DistinctBy(i => i.Id).Select(i => new InstrumentSlot(i, options.TradesKept))];
        var maxHandle = _slots.Length == 0 ? -1 : _slots.Max(s => s.Id.Handle);
        _slotByHandle = new InstrumentSlot?[maxHandle + 1];
        foreach (var slot in _slots)
        {
            _slotByHandle[slot.Id.Handle] = slot;
        }

        _slotById = _slots.ToDictionary(s => s.IdText, StringComparer.OrdinalIgnoreCase);
        Instruments = [.. _slots.Select(s => s.View)];
        _bidBuffer = new BookLevel[options.BookDepth];
        _askBuffer = new BookLevel[options.BookDepth];
        _candleBuffer = new Candle[options.CandlesKept];
        _flushFromTimer = _ => FlushFromTimer();
        _onStatistics = OnStatistics;
        _engineView = new EngineView(0, 0, 0, 0, engine.Capacity, 0, 0, 0, [], [], ReadGc());
        InitialiseTrading(options);
    }

    /// <inheritdoc/>
    public IReadOnlyList<InstrumentView> Instruments { get; }

    /// <inheritdoc/>
    public EngineView Engine => Volatile.Read(ref _engineView);

    /// <summary>Flushes that failed (the engine goes on; the snapshots stay at their previous state).</summary>
    public long FlushErrors => Interlocked.Read(ref _flushErrors);

    private long _flushErrors;

    /// <summary>
    /// Creates the replica and subscribes it to <paramref name="engine"/>'s bus; call before the engine starts (or on
    /// its thread). A timer on <paramref name="timers"/> (the system's by default) posts <see cref="Flush"/> to the
    /// engine every <see cref="StateReplicaOptions.FlushInterval"/>; an engine driven by
    /// <see cref="EngineLoop.RunPending"/> runs those flushes when it runs pending work, or the caller flushes itself.
    /// </summary>
    /// <param name="engine">The engine whose bus feeds the replica.</param>
    /// <param name="instruments">The instruments shown (book, trades, candles).</param>
    /// <param name="books">The engine's books, read at flush.</param>
    /// <param name="candles">The candle store, read at flush (null: no candles).</param>
    /// <param name="trading">The trading node whose orders, portfolio and risk are shown (null: a read-only market view).</param>
    /// <param name="options">Depths, counts and intervals.</param>
    /// <param name="timers">The clock of the flush timer.</param>
    public static StateReplica Attach(
        EngineLoop engine,
        IReadOnlyList<Instrument> instruments,
        OrderBookManager books,
        MemoryKlineStore? candles,
        TradingNode? trading,
        StateReplicaOptions? options = null,
        TimeProvider? timers = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(books);
        options = (options ?? new StateReplicaOptions()).EnsureValid();
        var replica = new StateReplica(engine, instruments, books, candles, trading, options);
        replica.Subscribe();
        var interval = options.FlushInterval;
        replica._timer = (timers ?? TimeProvider.System).CreateTimer(static state => ((StateReplica)state!).OnTimer(), replica, interval, interval);
        return replica;
    }

    /// <inheritdoc/>
    public bool TryGetInstrument(string id, out InstrumentId instrument)
    {
        if (id is not null && _slotById.TryGetValue(id, out var slot))
        {
            instrument = slot.Id;
            return true;
        }

        instrument = default;
        return false;
    }

    /// <inheritdoc/>
    public BookView? GetBook(InstrumentId instrument) => SlotOf(instrument) is { } slot ? Volatile.Read(ref slot.Book) : null;

    /// <inheritdoc/>
    public IReadOnlyList<TradeView> GetTrades(InstrumentId instrument, int limit)
    {
        if (SlotOf(instrument) is not { } slot || limit <= 0)
        {
            return [];
        }

        var trades = Volatile.Read(ref slot.Trades);
        return limit >= trades.Length ? trades : new ArraySegment<TradeView>(trades, 0, limit);
    }

    /// <inheritdoc/>
    public IReadOnlyList<CandleView> GetCandles(InstrumentId instrument, CandleInterval interval, int limit)
    {
        if (SlotOf(instrument) is not { } slot || limit <= 0 || (uint)interval >= (uint)slot.Candles.Length)
        {
            return [];
        }

        var series = Volatile.Read(ref slot.Candles[(int)interval]);
        if (series is null)
        {
            return [];
        }

        var views = series.Views;
        return limit >= views.Length ? views : new ArraySegment<CandleView>(views, views.Length - limit, limit);
    }

    /// <inheritdoc/>
    public long GetVersion(ReplicaTopic topic, InstrumentId instrument = default)
    {
        switch (topic)
        {
            case ReplicaTopic.Book:
                return SlotOf(instrument) is { } book ? Volatile.Read(ref book.BookVersion) : 0;
            case ReplicaTopic.Trades:
                return SlotOf(instrument) is { } trades ? Volatile.Read(ref trades.TradesVersion) : 0;
            case ReplicaTopic.Candles:
                return SlotOf(instrument) is { } candles ? Volatile.Read(ref candles.CandlesVersion) : 0;
            default:
                var index = (int)topic;
                return (uint)index < (uint)_versions.Length ? Volatile.Read(ref _versions[index]) : 0;
        }
    }

    /// <summary>
    /// Copies what changed since the previous flush into new snapshots and bumps their versions. Engine thread only
    /// (the timer posts it there; a test driving the engine with <see cref="EngineLoop.RunPending"/> may call it).
    /// </summary>
    public void Flush()
    {
        Volatile.Write(ref _flushPending, 0);
        var now = _engine.Now;
        foreach (var slot in _slots)
        {
            FlushBook(slot);
            FlushTrades(slot);
            FlushCandles(slot);
        }

        FlushTrading(now);
        FlushEngine(now);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _timer?.Dispose();
        _engine.StatisticsPublished -= _onStatistics;
        var subscriptions = _subscriptions.ToArray();

        // Unsubscribing is bus work, so it runs on the engine thread (if the engine has stopped, nothing runs anyway).
        _engine.Post(_ =>
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }
        });
    }

    // ---- engine-thread handlers: mark changed, copy structs; never allocate ----

    /// <inheritdoc/>
    void IEventHandler<BookDelta>.Handle(in BookDelta evt)
    {
        if (evt.IsLast && SlotOf(evt.Instrument) is { } slot)
        {
            slot.BookDirty = true;
            slot.BookMessages++;
        }
    }

    /// <inheritdoc/>
    void IEventHandler<TradeTick>.Handle(in TradeTick evt)
    {
        if (SlotOf(evt.Instrument) is { } slot)
        {
            slot.TradeRing.Add(in evt);
        }
    }

    /// <inheritdoc/>
    void IEventHandler<ConnectionStateChanged>.Handle(in ConnectionStateChanged evt)
    {
        if (_pendingMarketCount < _pendingMarketConnections.Length)
        {
            _pendingMarketConnections[_pendingMarketCount++] = evt;
        }
        else
        {
            // A storm of changes between two flushes: keep the latest, which is what the view shows.
            _pendingMarketConnections[^1] = evt;
        }
    }

    /// <inheritdoc/>
    void IEventHandler<ExecutionConnectionChanged>.Handle(in ExecutionConnectionChanged evt)
    {
        if (_pendingExecutionCount < _pendingExecutionConnections.Length)
        {
            _pendingExecutionConnections[_pendingExecutionCount++] = evt;
        }
        else
        {
            _pendingExecutionConnections[^1] = evt;
        }
    }

    private void OnStatistics(EngineStatistics statistics)
    {
        _statistics = statistics;
        _engineDirty = true;
    }

    private InstrumentSlot? SlotOf(InstrumentId instrument)
    {
        var handle = instrument.Handle;
        return (uint)handle < (uint)_slotByHandle.Length ? _slotByHandle[handle] : null;
    }

    private void Subscribe()
    {
        var bus = _engine.Bus;
        _subscriptions.Add(bus.Subscribe<BookDelta>("replica-book", this));
        _subscriptions.Add(bus.Subscribe<TradeTick>("replica-trades", this));
        _subscriptions.Add(bus.Subscribe<ConnectionStateChanged>("replica-connections", this));
        _subscriptions.Add(bus.Subscribe<ExecutionConnectionChanged>("replica-execution-connections", this));
        SubscribeTrading(bus);
        _engine.StatisticsPublished += _onStatistics;
    }

    private void OnTimer()
    {
        if (Volatile.Read(ref _disposed) != 0 || Interlocked.CompareExchange(ref _flushPending, 1, 0) != 0)
        {
            return; // a flush is still queued: a slow engine gets one, not a pile
        }

        try
        {
            _engine.Post(_flushFromTimer);
        }
        catch (Exception)
        {
            // An engine that stopped before the replica was disposed: a timer thread must not throw.
            Volatile.Write(ref _flushPending, 0);
        }
    }

    private void FlushFromTimer()
    {
        try
        {
            Flush();
        }
        catch (Exception)
        {
            // The engine thread must go on; the snapshots stay at their last good state and the next flush retries.
            Interlocked.Increment(ref _flushErrors);
        }
    }

    private void Bump(ReplicaTopic topic) => Interlocked.Increment(ref _versions[(int)topic]);

    // ---- flush: market data ----

    private void FlushBook(InstrumentSlot slot)
    {
        if (!slot.BookDirty)
        {
            return;
        }

        slot.BookDirty = false;
        if (!_books.TryGetBook(slot.Id, out var book) || (book.IsEmpty && slot.BookMessages == 0))
        {
            return; // no data yet: readers get null, not an empty book
        }

        var bidCount = book.CopyLevels(OrderSide.Buy, _bidBuffer);
        var askCount = book.CopyLevels(OrderSide.Sell, _askBuffer);
        var bids = LevelViews(_bidBuffer.AsSpan(0, bidCount), ref slot.BidLevels, ref slot.BidLevelCount, slot.BidViews, bidSide: true);
        var asks = LevelViews(_askBuffer.AsSpan(0, askCount), ref slot.AskLevels, ref slot.AskLevelCount, slot.AskViews, bidSide: false);
        slot.BidViews = bids;
        slot.AskViews = asks;
        var inSync = bidCount > 0 && askCount > 0 && !book.IsCrossed;
        var view = new BookView(slot.IdText, ViewText.Millis(book.LastEventTime), slot.BookMessages, inSync, bids, asks);
        Volatile.Write(ref slot.Book, view);
        Interlocked.Increment(ref slot.BookVersion);
    }

    /// <summary>
    /// Views of <paramref name="levels"/> (best first), reusing the previous snapshot's view of every level whose
    /// price and size did not change (most of a deep book between two flushes), then remembers the levels.
    /// </summary>
    private BookLevelView[] LevelViews(ReadOnlySpan<BookLevel> levels, ref BookLevel[] previous, ref int previousCount, BookLevelView[] previousViews, bool bidSide)
    {
        var views = new BookLevelView[levels.Length];
        var j = 0;
        for (var i = 0; i < levels.Length; i++)
        {
            var price = levels[i].Price.Raw;
            while (j < previousCount && (bidSide ? previous[j].Price.Raw > price : previous[j].Price.Raw < price))
            {
                j++;
            }

            views[i] = j < previousCount && previous[j].Price.Raw == price && previous[j].Size.Raw == levels[i].Size.Raw
                ? previousViews[j]
                : new BookLevelView(levels[i].Price.ToDecimal(), levels[i].Size.ToDecimal());
        }

        if (previous.Length < _options.BookDepth)
        {
            previous = new BookLevel[_options.BookDepth];
        }

        levels.CopyTo(previous);
        previousCount = levels.Length;
        return views;
    }

    private static void FlushTrades(InstrumentSlot slot)
    {
        if (!slot.TradeRing.HasNew)
        {
            return;
        }

        Volatile.Write(ref slot.Trades, slot.TradeRing.SnapshotNewestFirst());
        Interlocked.Increment(ref slot.TradesVersion);
    }

    private void FlushCandles(InstrumentSlot slot)
    {
        if (_candles is null)
        {
            return;
        }

        var changed = false;
        foreach (var interval in _intervals)
        {
            // Polling the store's versions (a dictionary lookup each) catches live candles and seeded history alike.
            var version = _candles.GetVersion(slot.Id, interval);
            var series = slot.Candles[(int)interval];
            if (version == 0 || (series is not null && series.StoreVersion == version))
            {
                continue;
            }

            var count = _candles.CopyLatest(slot.Id, interval, _candleBuffer);
            if (series is null)
            {
                series = new ReplicaCandleSeries();
                series.Update(_candleBuffer.AsSpan(0, count));
                Volatile.Write(ref slot.Candles[(int)interval], series);
            }
            else
            {
                series.Update(_candleBuffer.AsSpan(0, count));
            }

            series.StoreVersion = version;
            changed = true;
        }

        if (changed)
        {
            Interlocked.Increment(ref slot.CandlesVersion);
        }
    }

    // ---- flush: engine ----

    private void FlushEngine(long now)
    {
        var connectionsChanged = ApplyConnectionChanges(now);
        if (!_engineDirty && !connectionsChanged)
        {
            return;
        }

        _engineDirty = false;
        var stats = _statistics ?? EngineStatistics.Empty;
        var routes = new RouteView[stats.Routes.Count];
        for (var i = 0; i < routes.Length; i++)
        {
            var r = stats.Routes[i];
            routes[i] = new RouteView(r.Name, r.EventType, r.Instrument, r.Handled, r.Errors, r.EventsPerSecond, r.LatencyP50Nanos, r.LatencyP95Nanos, r.LatencyP99Nanos, r.LatencyP999Nanos, r.LatencyMaxNanos);
        }

        var connections = _connections.Values.OrderBy(c => c.Kind, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).Select(c => c.ToView()).ToArray();
        var view = new EngineView(
            ViewText.Millis(stats.TakenAt == 0 ? now : stats.TakenAt),
            stats.EventsPerSecond,
            stats.EventsProcessed,
            stats.QueueDepth,
            stats.Capacity == 0 ? _engine.Capacity : stats.Capacity,
            stats.BufferUtilisation,
            stats.ProducerStalls,
            stats.Errors,
            routes,
            connections,
            ReadGc());
        Volatile.Write(ref _engineView, view);
        Bump(ReplicaTopic.Engine);
    }

    private bool ApplyConnectionChanges(long now)
    {
        var changed = _connectionsDirty;
        _connectionsDirty = false;
        for (var i = 0; i < _pendingMarketCount; i++)
        {
            var change = _pendingMarketConnections[i]!;
            _pendingMarketConnections[i] = null;
            var slot = Connection(change.ConnectionName, "marketData");
            var connected = change.Current is ConnectionState.Connected or ConnectionState.Subscribed;
            if (change.Current == ConnectionState.Connected && slot.WasConnected)
            {
                slot.Reconnects++;
            }

            slot.WasConnected |= connected;
            slot.State = ViewText.Of(change.Current);
            slot.Reason = change.Reason;
            slot.ChangedAt = ViewText.Millis(change.TimestampNanos == 0 ? now : change.TimestampNanos);
            changed = true;
        }

        _pendingMarketCount = 0;
        for (var i = 0; i < _pendingExecutionCount; i++)
        {
            var change = _pendingExecutionConnections[i];
            _pendingExecutionConnections[i] = default;
            var slot = Connection($"{change.Venue.Name.ToLowerInvariant()}:{change.Account}", "execution");
            if (change.Connected && (change.Reconnected || slot.WasConnected))
            {
                slot.Reconnects++;
            }

            slot.WasConnected |= change.Connected;
            slot.State = change.Connected ? "connected" : "disconnected";
            slot.Reason = change.Reason;
            slot.ChangedAt = ViewText.Millis(change.Timestamp == 0 ? now : change.Timestamp);
            changed = true;
        }

        _pendingExecutionCount = 0;
        return changed;
    }

    private ConnectionSlot Connection(string name, string kind)
    {
        var key = kind + "/" + name;
        if (!_connections.TryGetValue(key, out var slot))
        {
            slot = new ConnectionSlot(name, kind);
            _connections.Add(key, slot);
        }

        return slot;
    }

    private static GcView ReadGc()
    {
        var info = GC.GetGCMemoryInfo();
        return new GcView(
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            info.HeapSizeBytes,
            Environment.WorkingSet,
            GC.GetTotalAllocatedBytes(),
            info.PauseTimePercentage);
    }
}
