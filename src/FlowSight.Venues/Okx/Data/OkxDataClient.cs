using System.Collections.Concurrent;
using System.Text;
using FlowSight.Core;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Data;
using FlowSight.Venues.Network;
using FlowSight.Venues.Okx.Book;
using FlowSight.Venues.Okx.Parsing;
using FlowSight.Venues.Okx.Rest;
using FlowSight.Venues.Okx.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Venues.Okx.Data;

/// <summary>
/// OKX market data into the engine: subscribes the configured channels per instrument, parses every frame without
/// allocating, keeps each instrument's <c>books</c> in sync by OKX's rules (<see cref="OkxBookSynchronizer"/>:
/// <c>prevSeqId</c> chain, CRC32 checksum after every message) and publishes trades, quotes, book deltas, candles,
/// mark prices, funding rates and open interest to an <see cref="IMarketDataPublisher"/>. A book that loses sync (a gap
/// or a checksum mismatch) is rebuilt by unsubscribing and subscribing its <c>books</c> channel, which makes OKX send a
/// new snapshot; after a reconnect every book of that connection waits for the new socket's snapshot.
/// </summary>
/// <remarks>
/// Threads: frames arrive on each connection's receive thread, each with its own parser; an instrument's book is
/// guarded by its own lock, shared with resync requests. Resubscriptions run on the thread pool, never on the receive
/// thread (their acknowledgements arrive there).
/// </remarks>
public sealed class OkxDataClient : IMarketDataClient
{
    private const int MalformedLogEvery = 1_000;

    private readonly OkxDataClientOptions _options;
    private readonly IMarketDataPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggers;
    private readonly OkxSymbolRegistry _registry = new();
    private readonly ConcurrentDictionary<string, OkxStreamParser> _parsers = new(StringComparer.Ordinal);
    private readonly Dictionary<InstrumentId, OkxBookFeed> _feeds = [];
    private readonly OkxStreamClient _streams;
    private readonly CancellationTokenSource _stopping = new();
    private readonly IDisposable _stateSubscription;
    private readonly bool _publishPartialBooks;
    private long _frames;
    private long _malformed;
    private long _unknown;
    private string? _lastMalformedSample;
    private int _disposed;

    /// <summary>Creates the client; <see cref="StartAsync"/> connects.</summary>
    public OkxDataClient(OkxDataClientOptions options, IMarketDataPublisher publisher, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(publisher);
        options.Validate();
        _options = options;
        _publisher = publisher;
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<OkxDataClient>();
        _publishPartialBooks = (options.Channels & OkxDataChannels.Books) == 0;
        _streams = new OkxStreamClient(
            new OkxStreamClientOptions
            {
                BaseUri = options.StreamBaseUri,
                Protocol = options.Protocol,
                WatchdogTimeout = options.WatchdogTimeout,
                ConfigureConnection = options.ConfigureConnection,
            },
            OnFrame,
            _time,
            _loggers);
        _stateSubscription = _streams.StateChanges.Subscribe(new StateObserver(this));
    }

    /// <inheritdoc />
    public Venue Venue => Venue.Okx;

    /// <inheritdoc />
    public string Name => "okx";

    /// <summary>Raised for every connection state change (also published to the engine).</summary>
    public event Action<ConnectionStateChanged>? StateChanged;

    /// <summary>Raised when an instrument's book lost sync (a resubscription follows).</summary>
    public event Action<OkxResubscribeRequested>? OutOfSync;

    /// <summary>The instruments this client feeds, by instId.</summary>
    public IReadOnlyDictionary<string, InstrumentId> Instruments { get; private set; } = new Dictionary<string, InstrumentId>();

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Specs { get; private set; } = [];

    /// <summary>The streams (connections, protocol counters).</summary>
    public OkxStreamClient Streams => _streams;

    /// <summary>Loads (or takes) instrument specs, creates the books and subscribes every channel.</summary>
    /// <exception cref="WebSocketRequestException">OKX refused a subscription (e.g. an unknown instId).</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var specs = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        foreach (var spec in _options.Specs ?? (_options.LoadInstruments ? await LoadSpecsAsync(cancellationToken).ConfigureAwait(false) : []))
        {
            specs[spec.VenueSymbol] = spec;
        }

        Specs = [.. _options.InstIds.Where(specs.ContainsKey).Select(i => specs[i])];
        var instruments = new Dictionary<string, InstrumentId>(StringComparer.Ordinal);
        foreach (var instId in _options.InstIds)
        {
            var spec = specs.GetValueOrDefault(instId);
            var id = spec?.Id ?? OkxInstrumentIds.Of(instId);
            _registry.Register(instId, id);
            instruments[instId] = id;
            if ((_options.Channels & OkxDataChannels.Books) != 0)
            {
                lock (_feeds)
                {
                    _feeds[id] = new OkxBookFeed(instId, id, OkxTopics.Books(instId), spec);
                }
            }
        }

        Instruments = instruments;
        await _streams.SubscribeAsync(Topics(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Throws an instrument's book away and resubscribes its <c>books</c> channel for a new snapshot. Thread-safe.</summary>
    public void Resync(InstrumentId instrument)
    {
        if (TryGetFeed(instrument, out var feed))
        {
            lock (feed.Gate)
            {
                feed.Synchronizer?.Reset();
            }

            RequestResubscribe(feed);
        }
    }

    /// <summary>A snapshot of the client's counters. Thread-safe.</summary>
    public OkxDataClientStatistics GetStatistics()
    {
        OkxBookFeed[] feeds;
        lock (_feeds)
        {
            feeds = [.. _feeds.Values];
        }

        var books = new List<OkxBookFeedStatistics>(feeds.Length);
        foreach (var feed in feeds)
        {
            lock (feed.Gate)
            {
                var sync = feed.Synchronizer;
                var c = sync?.Counters;
                books.Add(new OkxBookFeedStatistics(
                    feed.Instrument.Value,
                    sync?.State == OkxBookSyncState.Synced,
                    sync?.LastSeqId ?? -1,
                    c?.Snapshots ?? 0,
                    c?.UpdatesApplied ?? 0,
                    c?.UpdatesFused ?? 0,
                    c?.Heartbeats ?? 0,
                    c?.Gaps ?? 0,
                    c?.ChecksumChecked ?? 0,
                    c?.ChecksumMismatched ?? 0,
                    c?.Rejected ?? 0,
                    c?.Resyncs ?? 0,
                    Interlocked.Read(ref feed.Resubscribes),
                    feed.LastError));
            }
        }

        return new OkxDataClientStatistics(
            Interlocked.Read(ref _frames), Interlocked.Read(ref _malformed), Interlocked.Read(ref _unknown), Volatile.Read(ref _lastMalformedSample), _streams.Protocol.ErrorReplies, books);
    }

    /// <summary>The local book of <paramref name="instrument"/> (read it only while the client is quiet, e.g. in tests), or null before its first snapshot.</summary>
    public L2OrderBook? BookOf(InstrumentId instrument) => TryGetFeed(instrument, out var feed) ? feed.Synchronizer?.Book : null;

    /// <inheritdoc />
    public MarketDataHealth GetHealth()
    {
        var statistics = GetStatistics();
        // Resyncs are rebuilds from a new snapshot, as on the other venues: after a reconnect OKX's new subscription
        // brings one without any resubscription, so resubscriptions alone under-count them.
        var books = statistics.Books
            .Select(b => new BookFeedHealth(InstrumentId.Parse(b.Instrument), b.Synced, b.LastSeqId, b.UpdatesApplied, b.Gaps, Math.Max(0, b.Snapshots - 1), b.ChecksumChecked, b.ChecksumMismatched, b.LastError))
            .ToList();
        return new MarketDataHealth(Name, statistics.Frames, statistics.Malformed, statistics.Unknown, statistics.LastMalformedSample, books);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _stateSubscription.Dispose();
        await _streams.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task<List<Instrument>> LoadSpecsAsync(CancellationToken cancellationToken)
    {
        var specs = new List<Instrument>();
        using var rest = new OkxRestClient(new OkxRestOptions { BaseAddress = _options.RestBaseUri }, _time, _loggers.CreateLogger<OkxRestClient>());
        foreach (var instId in _options.InstIds)
        {
            if (TypeOf(instId) is not { } type)
            {
                continue;
            }

            try
            {
                var list = await rest.GetInstrumentsAsync(new OkxInstrumentsRequest(type) { InstId = instId }, cancellationToken).ConfigureAwait(false);
                if (list.Find(instId) is { } found)
                {
                    specs.Add(found.Spec);
                }
                else
                {
                    _logger.LogWarning("OKX lists no instrument {InstId}; its book takes precisions from its first snapshot.", instId);
                }
            }
            catch (Exception ex) when (ex is Network.Http.VenueRestException or HttpRequestException or TimeoutException or IOException)
            {
                // Books can still be kept: they take their precisions from the first snapshot.
                _logger.LogWarning(ex, "public/instruments failed for {InstId}; continuing without its spec.", instId);
            }
        }

        return specs;
    }

    private static OkxInstrumentType? TypeOf(string instId)
    {
        if (instId.EndsWith(OkxInstrumentIds.SwapSuffix, StringComparison.Ordinal))
        {
            return OkxInstrumentType.Swap;
        }

        var parts = instId.Split('-');
        return parts.Length switch
        {
            2 => OkxInstrumentType.Spot,
            3 when parts[2].All(char.IsAsciiDigit) => OkxInstrumentType.Futures,
            _ => null,
        };
    }

    private List<string> Topics()
    {
        var topics = new List<string>();
        var channels = _options.Channels;
        foreach (var instId in _options.InstIds)
        {
            Add(OkxDataChannels.Books, OkxTopics.Books(instId));
            Add(OkxDataChannels.Books5, OkxTopics.Books5(instId));
            Add(OkxDataChannels.BboTbt, OkxTopics.BboTbt(instId));
            Add(OkxDataChannels.Trades, OkxTopics.Trades(instId));
            Add(OkxDataChannels.Tickers, OkxTopics.Tickers(instId));
            Add(OkxDataChannels.Candles, OkxTopics.Candle(_options.CandleBar, instId));
            Add(OkxDataChannels.MarkPrice, OkxTopics.MarkPrice(instId));
            Add(OkxDataChannels.FundingRate, OkxTopics.FundingRate(instId));
            Add(OkxDataChannels.OpenInterest, OkxTopics.OpenInterest(instId));
        }

        return topics;

        void Add(OkxDataChannels channel, string topic)
        {
            if ((channels & channel) != 0)
            {
                topics.Add(topic);
            }
        }
    }

    private bool TryGetFeed(InstrumentId instrument, out OkxBookFeed feed)
    {
        lock (_feeds)
        {
            return _feeds.TryGetValue(instrument, out feed!);
        }
    }

    private void OnFrame(in WebSocketFrame frame)
    {
        Interlocked.Increment(ref _frames);
        _options.RawFrames?.TryWrite(frame.ReceivedAtNanos, frame.Payload.Span);
        var parser = _parsers.GetOrAdd(frame.ConnectionName, static (_, client) => client.CreateParser(), this);
        OkxMessageKind kind;
        try
        {
            kind = parser.Parse(frame.Payload.Span, frame.ReceivedAtNanos);
        }
        finally
        {
            ((BookRouter)parser.BookSink!).EndFrame();
        }

        switch (kind)
        {
            case OkxMessageKind.Book:
                if (!parser.UpdateTaken)
                {
                    OnBook(parser); // a taken update was applied and published during Parse
                }

                break;
            case OkxMessageKind.Trades:
                foreach (ref readonly var trade in parser.Trades)
                {
                    _publisher.Publish(in trade);
                }

                break;
            case OkxMessageKind.Ticker:
                _publisher.Publish(in parser.Quote);
                break;
            case OkxMessageKind.Candle:
                _publisher.Publish(in parser.Candle);
                break;
            case OkxMessageKind.MarkPrice:
                _publisher.Publish(in parser.MarkPrice);
                break;
            case OkxMessageKind.FundingRate:
                _publisher.Publish(in parser.FundingRate);
                break;
            case OkxMessageKind.OpenInterest:
                _publisher.Publish(in parser.OpenInterest);
                break;
            case OkxMessageKind.Malformed:
                OnMalformed(parser);
                break;
            case OkxMessageKind.Control:
            case OkxMessageKind.Pong:
                break; // consumed by the protocol before delivery; nothing to publish
            default:
                Interlocked.Increment(ref _unknown);
                break;
        }
    }

    private void OnBook(OkxStreamParser parser)
    {
        var deltas = parser.Deltas;
        if (parser.Channel is not (OkxChannel.Books or OkxChannel.BooksL2Tbt or OkxChannel.Books50L2Tbt))
        {
            if (_publishPartialBooks)
            {
                _publisher.Publish(deltas); // books5 / bbo-tbt: each one replaces the book
            }

            return;
        }

        if (!TryGetFeed(deltas.Instrument, out var feed))
        {
            Interlocked.Increment(ref _unknown);
            return;
        }

        lock (feed.Gate)
        {
            if (feed.Synchronizer is null)
            {
                if (!deltas.IsSnapshot)
                {
                    return; // nothing to size the book by before the first snapshot
                }

                feed.Synchronizer = CreateSynchronizer(feed, deltas);
            }

            var result = feed.Synchronizer.Apply(deltas);
            if (result is OkxBookResult.SnapshotApplied or OkxBookResult.Applied)
            {
                _publisher.Publish(deltas);
            }
        }
    }

    private OkxStreamParser CreateParser()
    {
        var parser = new OkxStreamParser(_registry);
        parser.BookSink = new BookRouter(this); // the fused path: updates go from the frame straight into their book
        return parser;
    }

    private OkxBookSynchronizer CreateSynchronizer(OkxBookFeed feed, BookDeltas snapshot)
    {
        byte price = feed.Spec?.PricePrecision ?? 0;
        byte size = feed.Spec?.SizePrecision ?? 0;
        foreach (var delta in snapshot.Deltas)
        {
            if (delta.Action == BookAction.Set)
            {
                price = Math.Max(price, delta.Price.Precision);
                size = Math.Max(size, delta.Size.Precision);
            }
        }

        var synchronizer = new OkxBookSynchronizer(new L2OrderBook(feed.Instrument, price, size, 512));
        synchronizer.ResubscribeRequested += request =>
        {
            _logger.LogWarning("Book {Instrument} out of sync ({Reason} after seqId {SeqId}); resubscribing for a new snapshot.", request.Instrument, request.Reason, request.LastSeqId);
            OutOfSync?.Invoke(request);
            RequestResubscribe(feed);
        };
        return synchronizer;
    }

    private void OnMalformed(OkxStreamParser parser)
    {
        var count = Interlocked.Increment(ref _malformed);
        var sample = Encoding.UTF8.GetString(parser.Diagnostics.LastSample);
        Volatile.Write(ref _lastMalformedSample, sample);
        if (count == 1 || count % MalformedLogEvery == 0)
        {
            _logger.LogWarning("Skipped malformed OKX frame #{Count} ({Reason}); sample: {Sample}", count, parser.Diagnostics.LastReason, sample);
        }
    }

    private void RequestResubscribe(OkxBookFeed feed)
    {
        if (Interlocked.Exchange(ref feed.ResubscribeInFlight, 1) == 1 || _stopping.IsCancellationRequested)
        {
            return;
        }

        _ = Task.Run(() => ResubscribeAsync(feed));
    }

    private async Task ResubscribeAsync(OkxBookFeed feed)
    {
        var delay = _options.ResubscribeRetryDelay;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await _streams.ResubscribeAsync(feed.Topic, _stopping.Token).ConfigureAwait(false);
                Interlocked.Increment(ref feed.Resubscribes);
                lock (feed.Gate)
                {
                    feed.LastError = null;
                }

                Volatile.Write(ref feed.ResubscribeInFlight, 0);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is WebSocketRequestException or TimeoutException or System.Net.WebSockets.WebSocketException or InvalidOperationException or ObjectDisposedException)
            {
                lock (feed.Gate)
                {
                    feed.LastError = ex.Message;
                }

                _logger.LogWarning(ex, "Resubscribing {Topic} failed; retrying in {Delay}.", feed.Topic, delay);
            }

            try
            {
                await Task.Delay(delay, _time, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    private void OnStateChanged(ConnectionStateChanged change)
    {
        _logger.LogInformation("{Change}", change);
        if (change.Current == ConnectionState.Reconnecting)
        {
            // The socket is gone, and updates with it: the books it carried wait for the new socket's snapshots.
            OkxBookFeed[] feeds;
            lock (_feeds)
            {
                feeds = [.. _feeds.Values];
            }

            foreach (var feed in feeds)
            {
                if (_streams.ConnectionNameOf(feed.Topic) == change.ConnectionName)
                {
                    lock (feed.Gate)
                    {
                        feed.Synchronizer?.Reset();
                    }
                }
            }
        }

        _publisher.PublishObject(change);
        StateChanged?.Invoke(change);
    }

    private sealed class StateObserver(OkxDataClient owner) : IObserver<ConnectionStateChanged>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error) => owner._logger.LogError(error, "Connection state stream failed.");

        public void OnNext(ConnectionStateChanged value) => owner.OnStateChanged(value);
    }

    /// <summary>
    /// The book sink of one connection's parser (the fused path): each update goes to the synchronizer of the
    /// instrument its header names, under that feed's <see cref="OkxBookFeed.Gate"/>, taken in
    /// <see cref="BeginUpdate"/> (a resubscription's reset between the check and the levels would land them in the
    /// wrong book state) and released by <see cref="EndUpdate"/>, <see cref="AbortUpdate"/> or, whatever happened,
    /// <see cref="EndFrame"/>. The levels are kept and the applied update published, as on the classic path.
    /// Used only from the connection's receive thread.
    /// </summary>
    private sealed class BookRouter(OkxDataClient client) : IOkxBookSink
    {
        private OkxBookFeed? _held; // the feed whose Gate this thread holds
        private bool _open; // BeginUpdate gave its book and neither EndUpdate nor AbortUpdate came yet

        public L2OrderBook? BeginUpdate(in OkxUpdateHeader header, out bool keepLevels)
        {
            keepLevels = true;
            if (!client.TryGetFeed(header.Instrument, out var feed))
            {
                return null; // OnBook counts it as unknown
            }

            feed.Gate.Enter();
            L2OrderBook? book = null;
            try
            {
                book = feed.Synchronizer?.BeginUpdate(header);
            }
            finally
            {
                if (book is null)
                {
                    feed.Gate.Exit(); // OnBook applies, ignores or fails it, taking the lock itself
                }
            }

            if (book is not null)
            {
                _held = feed;
                _open = true;
            }

            return book;
        }

        OkxBookChecksum? IOkxBookSink.LevelTextChecksum => _open ? _held?.Synchronizer?.TakingChecksum : null;

        public void EndUpdate(BookDeltas update, bool levelsValid)
        {
            var feed = _held ?? throw new InvalidOperationException("EndUpdate without an update begun.");
            _open = false;
            try
            {
                if (feed.Synchronizer!.EndUpdate(update, levelsValid) == OkxBookResult.Applied)
                {
                    client._publisher.Publish(update);
                }
            }
            finally
            {
                Release();
            }
        }

        public void AbortUpdate()
        {
            if (_held is not { } feed)
            {
                return;
            }

            _open = false;
            try
            {
                feed.Synchronizer!.AbortUpdate();
            }
            finally
            {
                Release();
            }
        }

        /// <summary>After each parse, returned or thrown: an update still open may be half in the book, so it is failed; then the lock is released.</summary>
        public void EndFrame()
        {
            if (_held is not { } feed)
            {
                return;
            }

            try
            {
                if (_open)
                {
                    _open = false;
                    feed.Synchronizer!.AbortUpdate();
                }
            }
            finally
            {
                Release();
            }
        }

        private void Release()
        {
            if (_held is { } feed)
            {
                _held = null;
                feed.Gate.Exit();
            }
        }
    }
}
