using FlowSight.Cli.Trading;
using FlowSight.Core;
using FlowSight.Engine.Candles;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.OrderBook;
using FlowSight.Engine.Trading;
using FlowSight.Server.Hosting;
using FlowSight.Server.State;
using FlowSight.Venues.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Cli.Hosting;

/// <summary>
/// FlowSight in one process, as <c>flowsight serve</c> and <c>flowsight demo</c> run it: one engine thread fed by the
/// venues' market-data clients (books resynced on a fault), candles made from the trades, a trading node with the
/// accounts' execution clients behind the risk engine, the state replica the web side reads, and the web server —
/// started last, once the books are in sync and a trade arrived.
/// </summary>
internal sealed class FlowSightHost : IAsyncDisposable
{
    private static readonly TimeSpan CandleCloseInterval = TimeSpan.FromMilliseconds(250);

    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly List<IMarketDataClient> _clients = [];
    private readonly ReadinessProbe _probe = new();
    private EngineLoop? _engine;
    private CandleAggregator? _aggregator;
    private ITimer? _candleTimer;
    private Action<EngineLoop>? _closeCandles;
    private IDisposable? _probeSubscription;
    private TradingNode? _node;
    private StateReplica? _replica;
    private FlowSightServer? _server;
    private int _disposed;
    private bool _engineStarted;

    private FlowSightHost(ILoggerFactory loggers)
    {
        _loggers = loggers;
        _log = loggers.CreateLogger<FlowSightHost>();
    }

    /// <summary>The engine.</summary>
    public EngineLoop Engine => _engine!;

    /// <summary>The engine's books.</summary>
    public OrderBookManager Books { get; private set; } = null!;

    /// <summary>The candle store (engine thread only).</summary>
    public MemoryKlineStore Candles { get; private set; } = null!;

    /// <summary>The trading node, or null when no account is traded.</summary>
    public TradingNode? Trading => _node;

    /// <summary>The market-data clients.</summary>
    public IReadOnlyList<IMarketDataClient> MarketData => _clients;

    /// <summary>The instruments the host follows (books, trades, candles).</summary>
    public IReadOnlyList<Instrument> Instruments { get; private set; } = [];

    /// <summary>What the web side reads.</summary>
    public IStateReplica Replica => _replica!;

    /// <summary>The web server.</summary>
    public FlowSightServer Server => _server!;

    /// <summary>The dashboard's address, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri DashboardUrl => Server.BaseAddress;

    /// <summary>Starts everything; returns once the server answers.</summary>
    /// <exception cref="TimeoutException">The books did not sync, or no trade came, in time (the message says which).</exception>
    public static async Task<FlowSightHost> StartAsync(FlowSightHostOptions options, ILoggerFactory? loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Markets.Count == 0)
        {
            throw new ArgumentException("No market to follow: the host needs at least one.", nameof(options));
        }

        var host = new FlowSightHost(loggers ?? NullLoggerFactory.Instance);
        try
        {
            await host.StartCoreAsync(options, cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartCoreAsync(FlowSightHostOptions options, CancellationToken cancellationToken)
    {
        var engine = _engine = new EngineLoop(new FlowSightOptions { WaitStrategy = WaitStrategyKind.Blocking }, TimeProvider.System, _loggers.CreateLogger<EngineLoop>());
        Books = new OrderBookManager(fault => Resync(fault.Instrument, fault.Reason));
        Books.Attach(engine.Bus);
        Candles = new MemoryKlineStore();
        _aggregator = new CandleAggregator(Candles, engine.Bus);
        var aggregator = _aggregator;
        _closeCandles = e => aggregator.CloseDue(e.Now);
        _probeSubscription = engine.Bus.Subscribe<TradeTick>("host-readiness", _probe);

        // Trading: each account's instrument specs and execution client (REST only; nothing is sent before the node starts).
        if (options.Accounts.Count > 0)
        {
            var venues = new List<TradingVenue>();
            foreach (var account in options.Accounts)
            {
                venues.Add(await TradingVenue.ConnectAsync(account, TimeProvider.System, _loggers, cancellationToken).ConfigureAwait(false));
            }

            _node = new TradingNode(engine, venues.SelectMany(v => v.Instruments), new TradingNodeOptions { Risk = options.Risk }, _loggers);
            foreach (var venue in venues)
            {
                _node.AddClient(venue.Client);
            }
        }

        // The feeds start before the engine so that everything subscribed below sees their first events (connection
        // states, snapshots); until the engine starts those wait in the ring buffer.
        foreach (var feed in options.Markets)
        {
            _clients.Add(FeedClients.Create(feed, engine, _loggers));
        }

        foreach (var client in _clients)
        {
            await client.StartAsync(cancellationToken).ConfigureAwait(false);
            _log.LogInformation("{Client}: following {Instruments}", client.Name, string.Join(", ", client.Specs.Select(s => s.Id)));
        }

        Instruments = [.. _clients.SelectMany(c => c.Specs).DistinctBy(s => s.Id)];
        foreach (var instrument in Instruments)
        {
            // The specs' precisions, not the first delta's: a later size with more decimals must still fit.
            Books.Register(instrument.Id, instrument.PricePrecision, instrument.SizePrecision);
        }

        _replica = StateReplica.Attach(engine, Instruments, Books, Candles, _node);
        engine.Start();
        _engineStarted = true;
        _candleTimer = TimeProvider.System.CreateTimer(_ => PostCandleClose(), null, CandleCloseInterval, CandleCloseInterval);
        if (_node is not null)
        {
            await _node.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        // The charts' history loads while the books sync.
        var history = SeedCandlesAsync(options, cancellationToken);
        await _probe.WaitAsync(_clients, options.ReadyTimeout, cancellationToken).ConfigureAwait(false);
        await history.ConfigureAwait(false);
        var probeSubscription = _probeSubscription;
        _probeSubscription = null;
        engine.Post(_ => probeSubscription.Dispose());

        var context = new ServerContext { Engine = engine, Replica = _replica, Trading = _node, MarketData = _clients };
        _server = await FlowSightServer.StartAsync(context, options.Server, _loggers, cancellationToken).ConfigureAwait(false);
        _log.LogInformation("Serving on {Address}", _server.BaseAddress);
    }

    private async Task SeedCandlesAsync(FlowSightHostOptions options, CancellationToken cancellationToken)
    {
        if (options.HistoryCandles <= 0)
        {
            return;
        }

        var loads = options.Markets.Select((feed, i) => CandleHistory.LoadAsync(feed, _clients[i], options.HistoryCandles, _log, cancellationToken)).ToList();
        var history = (await Task.WhenAll(loads).ConfigureAwait(false)).SelectMany(c => c).ToList();
        var seeded = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = Candles;
        // The store belongs to the engine thread: seed it there, merged under whatever the live trades made meanwhile.
        Engine.Post(_ =>
        {
            try
            {
                seeded.TrySetResult(store.Seed(history));
            }
            catch (Exception ex)
            {
                seeded.TrySetException(ex);
            }
        });
        var added = await seeded.Task.WaitAsync(options.ReadyTimeout, cancellationToken).ConfigureAwait(false);
        _log.LogInformation("Candle store seeded with {Added} of {Loaded} history candles", added, history.Count);
    }

    private void PostCandleClose()
    {
        if (_closeCandles is { } close && Volatile.Read(ref _disposed) == 0)
        {
            _engine?.Post(close);
        }
    }

    // Engine thread (a book fault): the client that follows the instrument rebuilds its book from a new snapshot.
    private void Resync(InstrumentId instrument, BookFaultReason reason)
    {
        foreach (var client in _clients)
        {
            foreach (var spec in client.Specs)
            {
                if (spec.Id == instrument)
                {
                    _log.LogWarning("Book of {Instrument} faulted ({Reason}): resyncing from a new snapshot", instrument, reason);
                    client.Resync(instrument);
                    return;
                }
            }
        }
    }

    /// <summary>Stops, in order: the server, the trading node, the market-data clients, the engine.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _candleTimer?.Dispose();
        _replica?.Dispose();
        if (_node is { } node)
        {
            if (_engineStarted)
            {
                // The node's unsubscribing is bus work and its stores are read by the replica's flushes: both belong to
                // the engine thread, so the node is disposed there (its clients then close on the thread pool).
                await (await node.InvokeAsync(n => n.DisposeAsync().AsTask()).ConfigureAwait(false)).ConfigureAwait(false);
            }
            else
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }
        }

        foreach (var client in _clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        if (_engine is { } engine)
        {
            var aggregator = _aggregator;
            var probe = _probeSubscription;
            engine.Post(_ =>
            {
                aggregator?.Dispose();
                probe?.Dispose();
            });
            engine.Stop();
            engine.Dispose();
        }

        _log.LogInformation("Stopped");
    }
}
