using System.Collections.Concurrent;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange.Replay;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Exchange;
using FlowSight.Simulator.Markets.Synthetic;
using FlowSight.Simulator.Orders;
using FlowSight.Venues.Binance;

namespace FlowSight.PaperVenue.Exchange;

/// <summary>
/// The simulated exchange of a paper venue, run on a thread of its own: it owns every piece of trading state, and
/// the protocol handlers (Kestrel threads) reach it only through <see cref="InvokeAsync{T}(Func{T})"/>, which queues
/// the work and completes when the exchange thread has run it. Between requests the thread moves the markets along
/// the clock (synthetic flow or replay), publishes mark prices (and so settles funding and liquidates), and lets every
/// <see cref="IPaperFeed"/> publish what is due. Feeds never block it: slow WebSocket clients are dropped, not waited for.
/// </summary>
/// <remarks>
/// Exchange time follows <see cref="TimeProvider"/>'s wall clock times <see cref="PaperVenueOptions.Speed"/> from
/// the start (speed 1: the wall clock itself; speed 0: wall-clock timestamps, market paused).
/// </remarks>
public sealed class PaperExchange : ISimulatorEventSink, IAsyncDisposable
{
    private const long FundingPeriod = 8 * 3_600_000_000_000L;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<IWorkItem> _work = new();
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly Dictionary<InstrumentId, PaperMarket> _byId = [];
    private readonly Dictionary<string, PaperMarket> _bySymbol = new(StringComparer.OrdinalIgnoreCase);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IPaperFeed[] _feeds = [];
    private Thread? _thread;
    private volatile bool _stopping;
    private long _startNs;
    private long _startWallNs;
    private long _now;
    private List<OrderEvent>? _capture;
    private int _captureAccount;
    private SimOrderRequest? _currentRequest;
    private long _warmUp;
    private bool _replayed;
    private BinanceRecordingReplay? _replay;

    /// <summary>Lists the instruments of <paramref name="options"/>, each with its market (synthetic unless <paramref name="sources"/> says otherwise).</summary>
    /// <param name="options">Venue, symbols, seed, speed, accounts.</param>
    /// <param name="time">The clock (system clock when null).</param>
    /// <param name="sources">Builds each instrument's market source (index, instrument, start of the warm-up in Unix ns); null: synthetic.</param>
    public PaperExchange(PaperVenueOptions options, TimeProvider? time = null, Func<int, Instrument, long, PaperMarketSource>? sources = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _warmUp = options.WarmUp.Ticks * 100;
        _time = time ?? TimeProvider.System;
        Credentials = new PaperCredentials(options.Credentials);
        var symbols = options.Symbols;
        if (sources is null && options.ReplayFile is not null)
        {
            var market = options.Venue switch
            {
                PaperVenueKind.BinanceUsdm => BinanceMarket.UsdM,
                PaperVenueKind.BinanceSpot => BinanceMarket.Spot,
                _ => throw new ArgumentException("Replay serves Binance recordings, on the binance-usdm and binance-spot venues.", nameof(options)),
            };
            if (symbols.Count == 0)
            {
                // List what the recording trades, so no listed market stands empty.
                var recorded = BinanceRecordingReplay.Scan(options.ReplayFile, market);
                symbols = [.. PaperInstruments.Supported(options.Venue)
                    .Where(s => PaperInstruments.For(options.Venue, [s]).Any(i => recorded.Contains(i.Id)))];
                if (symbols.Count == 0)
                {
                    throw new ArgumentException($"The recording {options.ReplayFile} has no depth or trades of a symbol this venue lists ({string.Join(", ", PaperInstruments.Supported(options.Venue))}).", nameof(options));
                }
            }

            _replay = new BinanceRecordingReplay(options.ReplayFile, market);
            sources = (_, _, _) => new ReplayMarketSource(_replay);
        }

        Instruments = PaperInstruments.For(options.Venue, symbols);
        _startWallNs = WallNs();
        _startNs = _startWallNs;
        _now = _startNs;
        sources ??= Synthetic;
        var markets = new List<PaperMarket>();
        for (var i = 0; i < Instruments.Count; i++)
        {
            var market = new PaperMarket(Instruments[i], i, sources(i, Instruments[i], _startNs - (options.WarmUp.Ticks * 100)));
            markets.Add(market);
            _byId.Add(market.Instrument.Id, market);
            _bySymbol.Add(market.Symbol, market);
        }

        Markets = markets;
        if (markets.Select(m => m.Source.ClockStart).FirstOrDefault(s => s is not null) is { } clockStart)
        {
            // A recording sets the clock: exchange time is recorded time, and the recording itself is the history.
            _startNs = clockStart;
            _now = clockStart;
            _warmUp = 0;
            _replayed = true;
        }

        Simulated = new SimulatedExchange(Instruments, this, new SimulatedExchangeOptions
        {
            MarketFactory = (instrument, listener, admission, orderIds) =>
                _byId[instrument.Id].Source.Create(instrument, listener, admission, orderIds),
        });
        foreach (var market in markets)
        {
            market.Market = Simulated.Market(market.Instrument.Id);
        }
    }

    /// <summary>How the venue was configured.</summary>
    public PaperVenueOptions Options { get; }

    /// <summary>The API keys and their accounts.</summary>
    public PaperCredentials Credentials { get; }

    /// <summary>Listed instruments, in listing order.</summary>
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>Listed markets, in listing order.</summary>
    public IReadOnlyList<PaperMarket> Markets { get; }

    /// <summary>The simulated exchange (exchange thread only).</summary>
    public SimulatedExchange Simulated { get; }

    /// <summary>Accounts (exchange thread only).</summary>
    public SimulatedAccounts Accounts => Simulated.Accounts;

    /// <summary>Our accounts' orders and fills (exchange thread only).</summary>
    public PaperOrderStore Orders { get; } = new();

    /// <summary>Exchange time, Unix nanoseconds, as of the work or step being run (exchange thread).</summary>
    public long Now => Volatile.Read(ref _now);

    /// <summary>Wall-clock time now, Unix milliseconds (for signed requests' <c>timestamp</c> checks; any thread).</summary>
    public long WallClockMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The clock.</summary>
    public TimeProvider Time => _time;

    /// <summary>True while the exchange thread runs.</summary>
    public bool IsRunning => _thread is not null && !_stopping;

    /// <summary>The market of a venue symbol (case-insensitive).</summary>
    public bool TryGetMarket(string? symbol, out PaperMarket market)
    {
        if (symbol is not null && _bySymbol.TryGetValue(symbol, out var found))
        {
            market = found;
            return true;
        }

        market = null!;
        return false;
    }

    /// <summary>The market of an instrument.</summary>
    public PaperMarket MarketOf(InstrumentId instrument) => _byId[instrument];

    /// <summary>Adds a publisher; it sees everything from the next event on. Any thread.</summary>
    public void AddFeed(IPaperFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        lock (_work)
        {
            _feeds = [.. _feeds, feed];
        }
    }

    /// <summary>
    /// Funds the accounts, generates the warm-up history, then starts the exchange thread. Returns once the market
    /// is open (its book seeded).
    /// </summary>
    public void Start()
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("The paper exchange is already running.");
        }

        WarmUp();
        _thread = new Thread(Run) { IsBackground = true, Name = "flowsight-paper-exchange" };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the exchange thread; its exception (if any) faults the task.</summary>
    public Task<T> InvokeAsync<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new WorkItem<T>(work);
        Enqueue(item);
        return item.Completion.Task;
    }

    /// <summary>Runs <paramref name="work"/> on the exchange thread.</summary>
    public Task InvokeAsync(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return InvokeAsync(() =>
        {
            work();
            return true;
        });
    }

    /// <summary>
    /// Submits an order at <see cref="Now"/> (exchange thread only) and returns every event of the sender's account
    /// raised by it, in order: the order's New or Rejected first, then its fills and expiry.
    /// </summary>
    public List<OrderEvent> Submit(in SimOrderRequest request)
    {
        _currentRequest = request;
        try
        {
            var copy = request;
            return Capture(request.AccountId, () => Simulated.Submit(copy, _now));
        }
        finally
        {
            _currentRequest = null;
        }
    }

    /// <summary>Cancels an order at <see cref="Now"/> (exchange thread only); returns the account's events.</summary>
    public List<OrderEvent> Cancel(in SimCancelRequest request)
    {
        var copy = request;
        return Capture(request.AccountId, () => Simulated.Cancel(copy, _now));
    }

    /// <summary>Amends an order at <see cref="Now"/> (exchange thread only); returns the account's events.</summary>
    public List<OrderEvent> Amend(in SimAmendRequest request)
    {
        var copy = request;
        return Capture(request.AccountId, () => Simulated.Amend(copy, _now));
    }

    /// <summary>Cancels the account's orders on one instrument (exchange thread only); returns the account's events.</summary>
    public List<OrderEvent> CancelAll(int accountId, InstrumentId instrument) =>
        Capture(accountId, () => Simulated.CancelAll(accountId, instrument, _now));

    /// <summary>Runs <paramref name="action"/> collecting the events of <paramref name="accountId"/>'s orders it raises (exchange thread only).</summary>
    public List<OrderEvent> Capture(int accountId, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var previous = _capture;
        var previousAccount = _captureAccount;
        var list = new List<OrderEvent>();
        _capture = list;
        _captureAccount = accountId;
        try
        {
            action();
        }
        finally
        {
            _capture = previous;
            _captureAccount = previousAccount;
        }

        return list;
    }

    /// <summary>Stops the exchange thread (pending work is failed).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_thread is null)
        {
            return;
        }

        _stopping = true;
        _signal.Release();
        await _stopped.Task.ConfigureAwait(false);
        while (_work.TryDequeue(out var item))
        {
            item.Abandon();
        }

        _signal.Dispose();
        _replay?.Dispose();
    }

    /// <inheritdoc/>
    void Simulator.Markets.IMarketListener.OnOrderEvent(in OrderEvent orderEvent)
    {
        if (SimulatedAccounts.IsHouseAccount(orderEvent.AccountId))
        {
            return;
        }

        SimOrderRequest? request = null;
        if (_currentRequest is { } current && orderEvent.ExecutionType == ExecutionType.New
            && current.AccountId == orderEvent.AccountId && current.ClientOrderId == orderEvent.ClientOrderId)
        {
            request = current;
        }

        Orders.Apply(orderEvent, request);
        if (_capture is not null && orderEvent.AccountId == _captureAccount)
        {
            _capture.Add(orderEvent);
        }

        var market = _byId[orderEvent.Instrument];
        foreach (var feed in _feeds)
        {
            feed.OnOrderEvent(market, orderEvent);
        }
    }

    /// <inheritdoc/>
    void Simulator.Markets.IMarketListener.OnTrade(in TradeTick trade)
    {
        var market = _byId[trade.Instrument];
        market.Trades.Add(trade);
        market.Candles.Add(trade);
        foreach (var feed in _feeds)
        {
            feed.OnTrade(market, trade);
        }
    }

    /// <inheritdoc/>
    void Simulator.Markets.IMarketListener.OnBookLevel(InstrumentId instrument, OrderSide side, Price price, Quantity total, long timestamp) =>
        _byId[instrument].Book.Apply(side, price, total, timestamp);

    /// <inheritdoc/>
    void IAccountEventSink.OnBalanceUpdate(in BalanceUpdate update)
    {
        if (SimulatedAccounts.IsHouseAccount(update.AccountId))
        {
            return;
        }

        foreach (var feed in _feeds)
        {
            feed.OnBalanceUpdate(update);
        }
    }

    /// <inheritdoc/>
    void IAccountEventSink.OnPositionUpdate(in PositionUpdate update)
    {
        if (SimulatedAccounts.IsHouseAccount(update.Position.AccountId))
        {
            return;
        }

        foreach (var feed in _feeds)
        {
            feed.OnPositionUpdate(update);
        }
    }

    /// <inheritdoc/>
    void IAccountEventSink.OnFundingPayment(in FundingPayment payment)
    {
        if (SimulatedAccounts.IsHouseAccount(payment.AccountId))
        {
            return;
        }

        foreach (var feed in _feeds)
        {
            feed.OnFundingPayment(payment);
        }
    }

    /// <inheritdoc/>
    void IAccountEventSink.OnLiquidation(in LiquidationEvent liquidation)
    {
    }

    private SyntheticMarketSource Synthetic(int index, Instrument instrument, long start) => new(new SyntheticMarketOptions
    {
        Seed = unchecked(Options.Seed + index),
        InitialPrice = PaperInstruments.StartPrice(instrument),
        StartTime = start,
    });

    private long WallNs() => _time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000L;

    private long Clock()
    {
        var elapsed = WallNs() - _startWallNs;
        var speed = Options.Speed > 0 ? Options.Speed : 1;
        var now = _startNs + (long)(elapsed * speed);
        return Math.Max(now, _now);
    }

    private void Enqueue(IWorkItem item)
    {
        if (_stopping)
        {
            item.Abandon();
            return;
        }

        _work.Enqueue(item);
        _signal.Release();
    }

    private void WarmUp()
    {
        // Warm-up runs before the thread starts; timestamps run from start − warm-up up to start.
        var from = _startNs - _warmUp;
        _now = from;
        foreach (var credential in Credentials.All)
        {
            foreach (var asset in Accounts.Assets)
            {
                if (Options.InitialBalances.TryGetValue(asset, out var amount) && amount > 0)
                {
                    var wallet = Options.Venue == PaperVenueKind.BinanceSpot ? WalletKind.Spot : WalletKind.Futures;
                    Accounts.Deposit(credential.AccountId, wallet, asset, Money.FromDecimal(amount, SimulatedAccounts.MoneyPrecision), from);
                }
            }
        }

        var step = Math.Max(Options.MarkPriceInterval.Ticks * 100, 1_000_000L);
        for (var t = from; t < _startNs; t += step)
        {
            _now = t;
            Step(publish: false);
        }

        _now = _startNs;
        Step(publish: false);
        if (_replayed)
        {
            // A recording's first frames are usually diffs that wait for its depth snapshot: the market opens when
            // every book has both sides, so no client ever sees an empty replayed book.
            const long openStep = 10_000_000;
            while (!Markets.All(m => m.Source.IsOpen))
            {
                _now += openStep;
                Step(publish: false);
            }

            _startNs = _now;
            _startWallNs = WallNs();
        }
    }

    private void Run()
    {
        try
        {
            while (!_stopping)
            {
                while (_work.TryDequeue(out var item))
                {
                    // The whole clock step (market, mark price, funding) comes first, so a request sees the venue as of now.
                    _now = Clock();
                    Step(publish: false);
                    item.Run();
                    Publish();
                }

                _now = Clock();
                Step(publish: true);
                _signal.Wait(Options.TickInterval);
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void Step(bool publish)
    {
        Advance();
        foreach (var market in Markets)
        {
            if (market.Instrument.Kind == InstrumentKind.Spot || _now < market.NextMarkTime)
            {
                continue;
            }

            PublishMark(market);
            market.NextMarkTime = _now + Math.Max(Options.MarkPriceInterval.Ticks * 100, 1_000_000L);
        }

        if (publish)
        {
            Publish();
        }
    }

    private void Advance()
    {
        if (Options.Speed <= 0 && _thread is not null)
        {
            return;
        }

        foreach (var market in Markets)
        {
            market.Source.AdvanceTo(_now);
        }
    }

    private void PublishMark(PaperMarket market)
    {
        var mark = market.Source.TakeMarkPrice() ?? MidMark(market);
        if (mark is not { } m)
        {
            return;
        }

        if (market.HasMark && market.Mark.NextFundingTime > 0 && m.EventTime >= market.Mark.NextFundingTime)
        {
            market.FundingHistory.Add(new PaperFunding(market.Mark.NextFundingTime, market.Mark.FundingRate, m.Mark));
        }

        market.Mark = m;
        Simulated.OnMarkPrice(m);
        foreach (var feed in _feeds)
        {
            feed.OnMarkPrice(market, m);
        }
    }

    private MarkPrice? MidMark(PaperMarket market)
    {
        Price mark;
        if (market.Book.Levels.TryGetMid(out var mid))
        {
            mark = mid.RoundTo(market.Instrument.PricePrecision, RoundingMode.ToEven);
        }
        else if (market.Trades.TryGetLast(out var last))
        {
            mark = last.Price;
        }
        else
        {
            return null;
        }

        var nextFunding = ((_now / FundingPeriod) + 1) * FundingPeriod;
        return new MarkPrice(market.Instrument.Id, mark, mark, mark, Options.FundingRate, nextFunding, _now, _now);
    }

    private void Publish()
    {
        foreach (var feed in _feeds)
        {
            feed.OnTick(_now);
        }
    }

    private interface IWorkItem
    {
        void Run();

        void Abandon();
    }

    private sealed class WorkItem<T>(Func<T> work) : IWorkItem
    {
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run()
        {
            try
            {
                Completion.TrySetResult(work());
            }
#pragma warning disable CA1031 // The caller's task carries the failure; the exchange thread goes on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Completion.TrySetException(ex);
            }
        }

        public void Abandon() => Completion.TrySetException(new ObjectDisposedException(nameof(PaperExchange), "The paper exchange has stopped."));
    }
}
