using System.Collections.Concurrent;
using System.Text;
using FlowSight.Core;
using FlowSight.Engine.Hosting;
using FlowSight.Venues.Binance.Book;
using FlowSight.Venues.Binance.Parsing;
using FlowSight.Venues.Binance.Rest;
using FlowSight.Venues.Binance.Streams;
using FlowSight.Venues.Data;
using FlowSight.Venues.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Venues.Binance.Data;

/// <summary>
/// Binance market data into the engine: subscribes the configured streams, parses every frame without allocating,
/// keeps each instrument's book in sync by Binance's snapshot + diff procedure (fetching REST snapshots whenever the
/// chain breaks), and publishes trades, quotes, book deltas, candles, mark prices and liquidations to an
/// <see cref="IMarketDataPublisher"/>. Connection state changes are published too.
/// </summary>
/// <remarks>
/// Threads: frames arrive on each connection's receive thread, each with its own parser; an instrument's
/// synchronizer is guarded by its own lock, shared only with its snapshot task, so one instrument's resync never
/// blocks another. After a reconnect every book is rebuilt from a new snapshot.
/// </remarks>
public sealed class BinanceDataClient : IMarketDataClient
{
    private const int MalformedLogEvery = 1_000;

    private readonly BinanceDataClientOptions _options;
    private readonly IMarketDataPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BinanceSymbolRegistry _registry = new(BinanceUnknownSymbolPolicy.Report);
    private readonly ConcurrentDictionary<string, ConnectionParser> _parsers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _reconnecting = new(StringComparer.Ordinal);
    private readonly Dictionary<InstrumentId, BinanceInstrumentFeed> _feeds = [];
    private readonly BinanceRestClient _rest;
    private readonly BinanceStreamClient _streams;
    private readonly CancellationTokenSource _stopping = new();
    private readonly BookSnapshotFetcher _snapshots;
    private readonly IDisposable _stateSubscription;
    private long _frames;
    private long _malformed;
    private long _unknown;
    private string? _lastMalformedSample;

    /// <summary>Creates the client; <see cref="StartAsync"/> connects.</summary>
    public BinanceDataClient(BinanceDataClientOptions options, IMarketDataPublisher publisher, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(publisher);
        options.Validate();
        _options = options;
        _publisher = publisher;
        _time = time ?? TimeProvider.System;
        loggers ??= NullLoggerFactory.Instance;
        _logger = loggers.CreateLogger<BinanceDataClient>();
        _snapshots = new BookSnapshotFetcher(_time, _logger, _stopping.Token);
        _rest = new BinanceRestClient(new BinanceRestOptions(options.Market) { BaseAddress = options.RestBaseUri }, _time, loggers.CreateLogger<BinanceRestClient>());
        _streams = new BinanceStreamClient(
            new BinanceStreamClientOptions { Market = options.Market, BaseUri = options.StreamBaseUri, UseRoutedEndpoints = options.UseRoutedEndpoints, ConfigureConnection = options.ConfigureConnection },
            OnFrame,
            _time,
            loggers);
        _stateSubscription = _streams.StateChanges.Subscribe(new StateObserver(this));
    }

    /// <inheritdoc />
    public Venue Venue => Venue.Binance;

    /// <inheritdoc />
    public string Name => _options.Market.ToCliPrefix();

    /// <summary>Raised for every connection state change (also published to the engine).</summary>
    public event Action<ConnectionStateChanged>? StateChanged;

    /// <summary>Raised when an instrument's book goes out of sync (a snapshot request follows).</summary>
    public event Action<BinanceDepthOutOfSync>? OutOfSync;

    /// <summary>The instruments this client feeds, by Binance symbol.</summary>
    public IReadOnlyDictionary<string, InstrumentId> Instruments { get; private set; } = new Dictionary<string, InstrumentId>();

    /// <summary>Instrument specs from <c>exchangeInfo</c>, when loaded.</summary>
    public IReadOnlyList<Instrument> Specs { get; private set; } = [];

    /// <summary>The REST client (for backfills and other one-off requests).</summary>
    public BinanceRestClient Rest => _rest;

    /// <summary>Loads instrument specs (optional), creates the books and subscribes every stream.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var specs = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        if (_options.LoadInstruments && await TryLoadExchangeInfoAsync(cancellationToken).ConfigureAwait(false) is { } info)
        {
            foreach (var symbol in _options.Symbols)
            {
                var found = info.Find(symbol) ?? throw new ArgumentException($"Binance {_options.Market} has no symbol '{symbol}'.");
                specs[symbol] = found.Spec;
            }

            Specs = [.. specs.Values];
        }

        var instruments = new Dictionary<string, InstrumentId>(StringComparer.Ordinal);
        foreach (var symbol in _options.Symbols)
        {
            var id = specs.TryGetValue(symbol, out var spec) ? spec.Id : BinanceInstrumentIds.Of(_options.Market, symbol);
            _registry.Register(_options.Market, symbol, id);
            instruments[symbol] = id;
            if ((_options.Streams & BinanceDataStreams.Depth) != 0)
            {
                _feeds[id] = CreateFeed(symbol, id, spec);
            }
        }

        Instruments = instruments;

        // Binance's procedure: open the stream and buffer its diffs first, then take the snapshot, so the snapshot is
        // never older than the first buffered diff (and a recording holds diffs before the snapshot, as Binance's do).
        await _streams.SubscribeAsync(StreamNames(), cancellationToken).ConfigureAwait(false);
        foreach (var feed in _feeds.Values)
        {
            lock (feed.Gate)
            {
                feed.Synchronizer.Start();
            }
        }
    }

    private async Task<BinanceExchangeInfo?> TryLoadExchangeInfoAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _rest.GetExchangeInfoAsync(null, cancellationToken).ConfigureAwait(false);
        }
        catch (Network.Http.VenueRestException ex)
        {
            // Books can still be kept: they take their precisions from the first snapshot.
            _logger.LogWarning(ex, "exchangeInfo failed; continuing without instrument specs.");
            return null;
        }
    }

    /// <summary>Throws away an instrument's book and rebuilds it from a new snapshot (e.g. the engine found it crossed). Thread-safe.</summary>
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
    public BinanceDataClientStatistics GetStatistics()
    {
        var feeds = new List<BinanceFeedStatistics>();
        foreach (var feed in _feeds.Values)
        {
            lock (feed.Gate)
            {
                var c = feed.Synchronizer.Counters;
                feeds.Add(new BinanceFeedStatistics(feed.Instrument.Value, feed.Synchronizer.IsSynced, feed.Synchronizer.LastUpdateId, c.DiffsApplied, c.DiffsFused, c.DiffsDropped, c.Gaps, c.Resyncs, c.Crossed, c.Snapshots, feed.LastSnapshotError));
            }
        }

        return new BinanceDataClientStatistics(Interlocked.Read(ref _frames), Interlocked.Read(ref _malformed), Interlocked.Read(ref _unknown), Volatile.Read(ref _lastMalformedSample), feeds);
    }

    /// <inheritdoc />
    public MarketDataHealth GetHealth()
    {
        var statistics = GetStatistics();

        // A book follows the venue only while the connection carrying its diffs is up: the synchronizer keeps its state
        // over a lost socket (the resync waits for the new subscription), but no diff can reach it meanwhile.
        var down = _streams.Connections
            .Where(c => c.State is not (ConnectionState.Subscribed or ConnectionState.Rotating))
            .SelectMany(c => c.Topics)
            .ToHashSet(StringComparer.Ordinal);
        var books = statistics.Feeds
            .Select(f =>
            {
                var id = InstrumentId.Parse(f.Instrument);
                var live = !_feeds.TryGetValue(id, out var feed) || !down.Contains(BinanceStreamNames.Depth(feed.Symbol, _options.DepthSpeed));
                return new BookFeedHealth(id, f.Synced && live, f.LastUpdateId, f.DiffsApplied, f.Gaps, f.Resyncs, 0, 0, f.LastSnapshotError);
            })
            .ToList();
        return new MarketDataHealth(Name, statistics.Frames, statistics.Malformed, statistics.Unknown, statistics.LastMalformedSample, books);
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

    private BinanceInstrumentFeed CreateFeed(string symbol, InstrumentId id, Instrument? spec)
    {
        var synchronizer = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions
        {
            Instrument = id,
            Market = _options.Market,
            PricePrecision = spec?.PricePrecision,
            SizePrecision = spec?.SizePrecision,
        });
        var feed = new BinanceInstrumentFeed(symbol, id, synchronizer, new BinanceStreamParser(_options.Market, _registry));
        synchronizer.Applied += _publisher.Publish;
        synchronizer.SnapshotRequested += _ => RequestSnapshot(feed);
        synchronizer.OutOfSync += failure =>
        {
            _logger.LogWarning("Book {Instrument} out of sync: {Failure}; fetching a new snapshot.", id, failure);
            OutOfSync?.Invoke(failure);
        };
        return feed;
    }

    private List<string> StreamNames()
    {
        var names = new List<string>();
        var streams = _options.Streams;
        foreach (var symbol in _options.Symbols)
        {
            if ((streams & BinanceDataStreams.Depth) != 0)
            {
                names.Add(BinanceStreamNames.Depth(symbol, _options.DepthSpeed));
            }

            if ((streams & BinanceDataStreams.Trades) != 0)
            {
                names.Add(BinanceStreamNames.Trade(symbol));
            }

            if ((streams & BinanceDataStreams.AggTrades) != 0)
            {
                names.Add(BinanceStreamNames.AggTrade(symbol));
            }

            if ((streams & BinanceDataStreams.BookTicker) != 0)
            {
                names.Add(BinanceStreamNames.BookTicker(symbol));
            }

            if ((streams & BinanceDataStreams.Klines) != 0)
            {
                names.Add(BinanceStreamNames.Kline(symbol, _options.KlineInterval));
            }

            if ((streams & BinanceDataStreams.MarkPrice) != 0)
            {
                names.Add(BinanceStreamNames.MarkPrice(symbol));
            }

            if ((streams & BinanceDataStreams.Liquidations) != 0)
            {
                names.Add(BinanceStreamNames.ForceOrder(symbol));
            }
        }

        return names;
    }

    private void OnFrame(in WebSocketFrame frame)
    {
        Interlocked.Increment(ref _frames);
        _options.RawFrames?.TryWrite(frame.ReceivedAtNanos, frame.Payload.Span);
        var connection = _parsers.GetOrAdd(frame.ConnectionName, static (_, state) => state.CreateParser(), this);
        var parser = connection.Parser;
        BinanceMessageKind kind;
        try
        {
            kind = parser.Parse(frame.Payload.Span, frame.ReceivedAtNanos);
        }
        finally
        {
            connection.Router.EndFrame(); // the feed's lock, should the parse have thrown with a diff half applied
        }

        switch (kind)
        {
            case BinanceMessageKind.DepthUpdate:
                // Taken: the fused path applied it (and raised Applied) under the feed's lock during Parse. Otherwise
                // (not synced yet, buffering, a gap...) the synchronizer gets it the classic way.
                if (!parser.DiffTaken && _feeds.TryGetValue(parser.Instrument, out var feed))
                {
                    lock (feed.Gate)
                    {
                        feed.Synchronizer.OnDiff(parser.Deltas);
                    }
                }

                break;
            case BinanceMessageKind.PartialDepth:
                _publisher.Publish(parser.Deltas); // a top-N snapshot that replaces the book
                break;
            case BinanceMessageKind.Trade:
            case BinanceMessageKind.AggTrade:
                _publisher.Publish(in parser.Trade);
                break;
            case BinanceMessageKind.BookTicker:
                _publisher.Publish(in parser.Quote);
                break;
            case BinanceMessageKind.Kline:
                _publisher.Publish(in parser.Candle);
                break;
            case BinanceMessageKind.MarkPrice:
                _publisher.Publish(in parser.MarkPrice);
                break;
            case BinanceMessageKind.MarkPriceArray:
                foreach (ref readonly var mark in parser.MarkPrices)
                {
                    _publisher.Publish(in mark);
                }

                break;
            case BinanceMessageKind.Liquidation:
                _publisher.Publish(in parser.Liquidation);
                break;
            case BinanceMessageKind.Malformed:
                OnMalformed(parser);
                break;
            case BinanceMessageKind.NonMarketTrade:
            case BinanceMessageKind.Result:
            case BinanceMessageKind.Error:
            case BinanceMessageKind.Ticker:
            case BinanceMessageKind.TickerArray:
                break; // not market data the engine consumes yet; acks are handled by the stream protocol
            default:
                Interlocked.Increment(ref _unknown);
                break;
        }
    }

    private ConnectionParser CreateParser()
    {
        var parser = new BinanceStreamParser(_options.Market, _registry);
        var router = new BinanceDepthRouter(_feeds);
        parser.DepthSink = router; // the fused path: diffs go from the frame straight into their book
        return new ConnectionParser(parser, router);
    }

    private void OnMalformed(BinanceStreamParser parser)
    {
        var count = Interlocked.Increment(ref _malformed);
        var sample = Encoding.UTF8.GetString(parser.Diagnostics.LastSample);
        Volatile.Write(ref _lastMalformedSample, sample);
        if (count == 1 || count % MalformedLogEvery == 0)
        {
            _logger.LogWarning("Skipped malformed Binance frame #{Count} ({Reason}); sample: {Sample}", count, parser.Diagnostics.LastReason, sample);
        }
    }

    private void RequestSnapshot(BinanceInstrumentFeed feed) => _snapshots.Request(
        feed,
        async token => (await _rest.GetDepthAsync(new DepthRequest(feed.Symbol) { Limit = _options.SnapshotLimit }, token).ConfigureAwait(false)).Json,
        (json, received) =>
        {
            _options.RawFrames?.TryWrite(received, json.Span);
            if (feed.SnapshotParser.ParseDepthSnapshot(json.Span, feed.Instrument, received) != BinanceMessageKind.DepthSnapshot)
            {
                return feed.SnapshotParser.LastReason ?? "not a depth snapshot";
            }

            feed.Synchronizer.OnSnapshot(feed.SnapshotParser.Deltas);
            return null;
        });

    private void OnStateChanged(ConnectionStateChanged change)
    {
        _logger.LogInformation("{Change}", change);
        if (change.Current == ConnectionState.Reconnecting)
        {
            _reconnecting[change.ConnectionName] = true;
        }
        else if (change.Current == ConnectionState.Subscribed && _reconnecting.TryRemove(change.ConnectionName, out _))
        {
            // Diffs were lost while the connection was down. The chain check would notice at the next diff, but not
            // if the venue restarted its sequence (maintenance, a restarted local server): rebuild from a snapshot.
            foreach (var feed in _feeds.Values)
            {
                Resync(feed.Instrument);
            }
        }

        _publisher.PublishObject(change);
        StateChanged?.Invoke(change);
    }

    private sealed record ConnectionParser(BinanceStreamParser Parser, BinanceDepthRouter Router);

    private sealed class StateObserver(BinanceDataClient owner) : IObserver<ConnectionStateChanged>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error) => owner._logger.LogError(error, "Connection state stream failed.");

        public void OnNext(ConnectionStateChanged value) => owner.OnStateChanged(value);
    }
}
