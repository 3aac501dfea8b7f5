using System.Text;
using FlowSight.Core;
using FlowSight.Engine.Hosting;
using FlowSight.Venues.Data;
using FlowSight.Venues.GateIo.Book;
using FlowSight.Venues.GateIo.Parsing;
using FlowSight.Venues.GateIo.Rest;
using FlowSight.Venues.GateIo.Streams;
using FlowSight.Venues.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Venues.GateIo.Data;

/// <summary>
/// Gate.io market data of one market (spot or USDT futures) into the engine: subscribes the configured channels,
/// parses every frame without allocating, keeps each instrument's book in sync by Gate's procedure (subscribe first,
/// then a REST snapshot with <c>with_id=true</c> through <see cref="GateIoRestClient"/>, a new one whenever the
/// <c>U</c>/<c>u</c> chain breaks and after every reconnect), and publishes book deltas, trades, quotes, candles, mark
/// prices and funding rates to an <see cref="IMarketDataPublisher"/>. Futures books and sizes stay in contracts.
/// </summary>
/// <remarks>
/// Frames arrive on the connection's receive thread; an instrument's synchronizer is guarded by its own lock, shared
/// only with its snapshot task, so one instrument's resync never blocks another.
/// </remarks>
public sealed class GateIoDataClient : IMarketDataClient
{
    private const int MalformedLogEvery = 1_000;

    private readonly GateIoDataClientOptions _options;
    private readonly IMarketDataPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly GateIoSymbolRegistry _registry = new();
    private readonly GateIoStreamParser _parser;
    private readonly Dictionary<InstrumentId, GateIoBookFeed> _feeds = [];
    private readonly GateIoRestClient _rest;
    private readonly GateIoStreamClient _streams;
    private readonly CancellationTokenSource _stopping = new();
    private readonly BookSnapshotFetcher _snapshots;
    private readonly IDisposable _stateSubscription;
    private long _frames;
    private long _malformed;
    private long _unknown;
    private int _reconnecting;
    private string? _lastMalformedSample;

    /// <summary>Creates the client; <see cref="StartAsync"/> connects.</summary>
    public GateIoDataClient(GateIoDataClientOptions options, IMarketDataPublisher publisher, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(publisher);
        options.Validate();
        _options = options;
        _publisher = publisher;
        _time = time ?? TimeProvider.System;
        loggers ??= NullLoggerFactory.Instance;
        _logger = loggers.CreateLogger<GateIoDataClient>();
        _snapshots = new BookSnapshotFetcher(_time, _logger, _stopping.Token);
        _parser = new GateIoStreamParser(_registry);
        _rest = new GateIoRestClient(new GateIoRestOptions { BaseAddress = options.RestBaseUri }, _time, loggers.CreateLogger<GateIoRestClient>());
        _streams = new GateIoStreamClient(
            new GateIoStreamClientOptions { Market = options.Market, Endpoint = options.StreamEndpoint, ConfigureConnection = options.ConfigureConnection, Protocol = options.Protocol },
            OnFrame,
            _time,
            loggers);
        _stateSubscription = _streams.StateChanges.Subscribe(new StateObserver(this));
    }

    /// <inheritdoc />
    public Venue Venue => Venue.GateIo;

    /// <inheritdoc />
    public string Name => _options.Market.ToCliPrefix();

    /// <inheritdoc />
    public event Action<ConnectionStateChanged>? StateChanged;

    /// <summary>Raised when an instrument's book goes out of sync (a snapshot request follows).</summary>
    public event Action<GateIoBookOutOfSync>? OutOfSync;

    /// <summary>The instruments this client feeds, by Gate name.</summary>
    public IReadOnlyDictionary<string, InstrumentId> Instruments { get; private set; } = new Dictionary<string, InstrumentId>();

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Specs { get; private set; } = [];

    /// <summary>The REST client (for backfills and other one-off requests).</summary>
    public GateIoRestClient Rest => _rest;

    /// <summary>The stream client (its protocol counts refused requests).</summary>
    public GateIoStreamClient Streams => _streams;

    /// <summary>Loads instrument specs (optional), creates the books, subscribes every channel, then asks for the snapshots.</summary>
    /// <exception cref="WebSocketRequestException">Gate refused a subscription (e.g. an unknown pair).</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var specs = new Dictionary<InstrumentId, Instrument>();
        if (_options.LoadInstruments && _options.Specs is null)
        {
            await TryLoadInstrumentsAsync(specs, cancellationToken).ConfigureAwait(false);
        }

        foreach (var spec in _options.Specs ?? [])
        {
            specs[spec.Id] = spec;
        }

        var instruments = new Dictionary<string, InstrumentId>(StringComparer.Ordinal);
        var used = new List<Instrument>();
        foreach (var raw in _options.Names)
        {
            var name = raw.ToUpperInvariant();
            var id = GateIoInstrumentIds.Of(_options.Market, name);
            _registry.Register(_options.Market, name, id);
            instruments[name] = id;
            specs.TryGetValue(id, out var spec);
            if (spec is not null)
            {
                used.Add(spec);
            }

            if ((_options.Streams & GateIoDataStreams.OrderBook) != 0)
            {
                _feeds[id] = CreateFeed(name, id, spec);
            }
        }

        Instruments = instruments;
        Specs = used;

        // Gate's procedure: subscribe and buffer the updates first, then take the snapshot, so that it is never older
        // than the first buffered update.
        await _streams.SubscribeAsync(Topics(), cancellationToken).ConfigureAwait(false);
        foreach (var feed in _feeds.Values)
        {
            lock (feed.Gate)
            {
                feed.Synchronizer.Start();
            }
        }
    }

    /// <inheritdoc />
    public void Resync(InstrumentId instrument)
    {
        if (_feeds.TryGetValue(instrument, out var feed))
        {
            lock (feed.Gate)
            {
                feed.Synchronizer.Resync();
            }
        }
    }

    /// <summary>A snapshot of the client's counters. Thread-safe.</summary>
    public GateIoDataClientStatistics GetStatistics()
    {
        var feeds = new List<GateIoFeedStatistics>();
        foreach (var feed in _feeds.Values)
        {
            lock (feed.Gate)
            {
                var s = feed.Synchronizer;
                var c = s.Counters;
                feeds.Add(new GateIoFeedStatistics(feed.Instrument, s.State != GateIoBookSyncState.AwaitingSnapshot, s.LastUpdateId, c.UpdatesApplied, c.UpdatesDropped, c.Gaps, c.Resyncs, c.Snapshots, feed.LastSnapshotError));
            }
        }

        return new GateIoDataClientStatistics(Interlocked.Read(ref _frames), Interlocked.Read(ref _malformed), Interlocked.Read(ref _unknown), _parser.TruncatedValues, Volatile.Read(ref _lastMalformedSample), feeds);
    }

    /// <inheritdoc />
    public MarketDataHealth GetHealth()
    {
        var statistics = GetStatistics();

        // A book follows the venue only while the socket is up: the resync starts at the disconnect, and its snapshot
        // may arrive before the new socket does, but no update can reach the book until then.
        var live = _streams.Connection.State is ConnectionState.Subscribed or ConnectionState.Rotating;
        var books = statistics.Feeds
            .Select(f => new BookFeedHealth(f.Instrument, f.Synced && live, f.LastUpdateId, f.UpdatesApplied, f.Gaps, f.Resyncs, 0, 0, f.LastSnapshotError))
            .ToList();
        return new MarketDataHealth(Name, statistics.Frames, statistics.Malformed, statistics.Unknown, statistics.LastMalformedSample, books);
    }

    /// <summary>The book of <paramref name="instrument"/> copied out under its lock (tests and diagnostics), or null.</summary>
    public BookLevel[]? CopyBook(InstrumentId instrument, OrderSide side)
    {
        if (!_feeds.TryGetValue(instrument, out var feed))
        {
            return null;
        }

        lock (feed.Gate)
        {
            var book = feed.Synchronizer.Book;
            if (book is null)
            {
                return [];
            }

            var levels = new BookLevel[book.Count(side)];
            book.CopyLevels(side, levels);
            return levels;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _stateSubscription.Dispose();
        await _streams.DisposeAsync().ConfigureAwait(false);
        _rest.Dispose();
        _stopping.Dispose();
    }

    private async Task TryLoadInstrumentsAsync(Dictionary<InstrumentId, Instrument> specs, CancellationToken cancellationToken)
    {
        try
        {
            var list = _options.Market == GateIoMarket.Spot
                ? (await _rest.GetCurrencyPairsAsync(cancellationToken).ConfigureAwait(false)).Pairs.Select(p => p.Spec)
                : (await _rest.GetContractsAsync(cancellationToken).ConfigureAwait(false)).Contracts.Select(c => c.Spec);
            foreach (var spec in list)
            {
                specs[spec.Id] = spec;
            }
        }
        catch (Network.Http.VenueRestException ex)
        {
            // Books can still be kept: they take their precisions from the first snapshot.
            _logger.LogWarning(ex, "Gate.io instruments failed to load; continuing without specs.");
        }
    }

    private GateIoBookFeed CreateFeed(string name, InstrumentId id, Instrument? spec)
    {
        var synchronizer = new GateIoBookSynchronizer(new GateIoBookSynchronizerOptions
        {
            Instrument = id,
            PricePrecision = spec?.PricePrecision,
            // Gate's spot books carry amounts finer than the pair's amount_precision (recorded OMG_USDT: 153.1893464532
            // with amount_precision 3), so spot books hold every decimal FlowSight can; futures sizes are whole contracts.
            SizePrecision = _options.Market == GateIoMarket.Spot ? Quantity.MaxPrecision : spec?.SizePrecision,
        });
        var feed = new GateIoBookFeed(name, id, synchronizer, new GateIoStreamParser(_registry));
        synchronizer.Applied += _publisher.Publish;
        synchronizer.SnapshotRequested += _ => RequestSnapshot(feed);
        synchronizer.OutOfSync += failure =>
        {
            _logger.LogWarning("Book {Instrument} out of sync: {Failure}; fetching a new snapshot.", id, failure);
            OutOfSync?.Invoke(failure);
        };
        return feed;
    }

    private List<string> Topics()
    {
        var topics = new List<string>();
        var market = _options.Market;
        foreach (var name in Instruments.Keys)
        {
            if ((_options.Streams & GateIoDataStreams.OrderBook) != 0)
            {
                topics.Add(GateIoTopics.OrderBookUpdate(market, name, _options.BookInterval, market == GateIoMarket.UsdtFutures ? _options.BookLevel : null));
            }

            if ((_options.Streams & GateIoDataStreams.Trades) != 0)
            {
                topics.Add(GateIoTopics.Trades(market, name));
            }

            if ((_options.Streams & GateIoDataStreams.BookTicker) != 0)
            {
                topics.Add(GateIoTopics.BookTicker(market, name));
            }

            if ((_options.Streams & GateIoDataStreams.Tickers) != 0)
            {
                topics.Add(GateIoTopics.Tickers(market, name));
            }

            if ((_options.Streams & GateIoDataStreams.Candlesticks) != 0)
            {
                topics.Add(GateIoTopics.Candlesticks(market, _options.CandleInterval, name));
            }
        }

        return topics;
    }

    private void OnFrame(in WebSocketFrame frame)
    {
        Interlocked.Increment(ref _frames);
        _options.RawFrames?.TryWrite(frame.ReceivedAtNanos, frame.Payload.Span);
        var parser = _parser;
        switch (parser.Parse(frame.Payload.Span, frame.ReceivedAtNanos))
        {
            case GateIoMessageKind.BookUpdate:
                if (_feeds.TryGetValue(parser.Instrument, out var feed))
                {
                    lock (feed.Gate)
                    {
                        feed.Synchronizer.OnUpdate(parser.Deltas);
                    }
                }

                break;
            case GateIoMessageKind.BookSnapshot:
                break; // a WebSocket order_book snapshot has no id the update chain continues from
            case GateIoMessageKind.Trades:
                foreach (ref readonly var trade in parser.Trades)
                {
                    _publisher.Publish(in trade);
                }

                break;
            case GateIoMessageKind.BookTicker:
            case GateIoMessageKind.Ticker:
                _publisher.Publish(in parser.Quote);
                break;
            case GateIoMessageKind.FuturesTicker:
                _publisher.Publish(in parser.MarkPrice);
                _publisher.Publish(in parser.FundingRate);
                break;
            case GateIoMessageKind.Candle:
                _publisher.Publish(in parser.Candle);
                break;
            case GateIoMessageKind.Malformed:
                OnMalformed(parser);
                break;
            case GateIoMessageKind.Control:
            case GateIoMessageKind.Pong:
                break; // replies and pongs are consumed by the protocol before they get here
            default:
                Interlocked.Increment(ref _unknown);
                break;
        }
    }

    private void OnMalformed(GateIoStreamParser parser)
    {
        var count = Interlocked.Increment(ref _malformed);
        var sample = Encoding.UTF8.GetString(parser.Diagnostics.LastSample);
        Volatile.Write(ref _lastMalformedSample, sample);
        if (count == 1 || count % MalformedLogEvery == 0)
        {
            _logger.LogWarning("Skipped malformed Gate.io frame #{Count} ({Reason}); sample: {Sample}", count, parser.Diagnostics.LastReason, sample);
        }
    }

    private void RequestSnapshot(GateIoBookFeed feed) => _snapshots.Request(
        feed,
        async token => (await _rest.GetBookAsync(new GateIoBookRequest(_options.Market, feed.Name) { Limit = _options.SnapshotLimit }, token).ConfigureAwait(false)).Json,
        (json, received) =>
        {
            _options.RawFrames?.TryWrite(received, json.Span);
            if (feed.SnapshotParser.ParseRestSnapshot(json.Span, feed.Instrument, received) != GateIoMessageKind.BookSnapshot)
            {
                return feed.SnapshotParser.LastReason ?? "not a book snapshot";
            }

            feed.Synchronizer.OnSnapshot(feed.SnapshotParser.Deltas);
            return null;
        });

    private void OnStateChanged(ConnectionStateChanged change)
    {
        _logger.LogInformation("{Change}", change);
        if (change.Current == ConnectionState.Reconnecting && Interlocked.Exchange(ref _reconnecting, 1) == 0)
        {
            // Updates are lost while the connection is down: rebuild every book now. Resyncing here rather than once
            // resubscribed keeps the updates the new socket delivers before the state change is seen; Gate's chain
            // rule then takes whichever order the snapshot and the first new updates arrive in (a snapshot older than
            // the new stream is refused and fetched again).
            foreach (var feed in _feeds.Values)
            {
                Resync(feed.Instrument);
            }
        }
        else if (change.Current == ConnectionState.Subscribed)
        {
            Volatile.Write(ref _reconnecting, 0);
        }

        _publisher.PublishObject(change);
        StateChanged?.Invoke(change);
    }

    private sealed class StateObserver(GateIoDataClient owner) : IObserver<ConnectionStateChanged>
    {
        public void OnCompleted()
        {
            // The stream client completes on dispose.
        }

        public void OnError(Exception error)
        {
            // Connections do not publish errors; faults are states.
        }

        public void OnNext(ConnectionStateChanged value) => owner.OnStateChanged(value);
    }
}
