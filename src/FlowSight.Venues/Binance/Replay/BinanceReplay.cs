using System.Text;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Network;
using FlowSight.Engine.Replay;
using FlowSight.Venues.Binance.Book;
using FlowSight.Venues.Binance.Parsing;

namespace FlowSight.Venues.Binance.Replay;

/// <summary>
/// Replays a Binance recording through the live path — <see cref="BinanceStreamParser"/>, then one
/// <see cref="BinanceDepthSynchronizer"/> and <see cref="Engine.OrderBook.L2OrderBook"/> per instrument — and checks the
/// rebuilt books against the recording's own <c>bookTicker</c> stream (see <see cref="BinanceReplayStatistics"/>).
/// </summary>
/// <remarks>
/// <para>Reads our recordings and hftbacktest's (a REST snapshot sits in the stream as a bare body naming no symbol)
/// and cryptofeed's (snapshots are HTTP responses whose URL names the symbol; merge its <c>*.ws.*</c> and
/// <c>*.http.*</c> files by time). A bare snapshot goes to the only instrument, or, with several, to the one whose
/// buffered diffs it bridges; one seen before any instrument waits for the first.</para>
/// <para>The market is detected (see <see cref="BinanceMarketDetector"/>) unless given; frames are held until it is
/// known. A reconnect in the recording (a second "connected" line) marks every book out of sync, since messages
/// may have been lost in between. Not thread-safe.</para>
/// </remarks>
public sealed class BinanceReplay
{
    private readonly BinanceReplayOptions _options;
    private readonly BinanceSymbolRegistry _registry;
    private readonly Dictionary<InstrumentId, BinanceReplayBook> _books = [];
    private readonly List<BinanceReplayBook> _ordered = [];
    private readonly List<HeldFrame> _held = [];
    private readonly List<HeldFrame> _orphanSnapshots = [];
    private BinanceStreamParser? _parser;
    private BinanceMarket? _market;
    private long _connections;

    /// <summary>Creates a replay; feed it with <see cref="Run"/>, <see cref="RunAsync"/> or <see cref="Process"/>.</summary>
    public BinanceReplay(BinanceReplayOptions? options = null)
    {
        _options = options ?? new BinanceReplayOptions();
        _registry = _options.Registry ?? new BinanceSymbolRegistry();
        _market = _options.Market;
    }

    /// <summary>The market replayed (given or detected), or null while still unknown.</summary>
    public BinanceMarket? Market => _market;

    /// <summary>The instruments seen, in order of first appearance.</summary>
    public IReadOnlyList<BinanceReplayBook> Books => _ordered;

    /// <summary>Frames processed (every line of the recording except configuration lines).</summary>
    public long Frames { get; private set; }

    /// <summary>Frames that could not be parsed (all instruments).</summary>
    public long Malformed { get; private set; }

    /// <summary>Malformed frames that named no known instrument; counted in every instrument's statistics.</summary>
    public long UnattributedMalformed { get; private set; }

    /// <summary>Well-formed frames of kinds the parser does not know, or naming unknown symbols.</summary>
    public long Unknown { get; private set; }

    /// <summary>The parser's diagnostics (samples of refused frames), once the market is known.</summary>
    public FrameDiagnostics<BinanceMessageKind>? Diagnostics => _parser?.Diagnostics;

    /// <summary>Replays <paramref name="source"/> as fast as possible, then <see cref="Complete"/>s.</summary>
    public void Run(IRecordedFrameSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        while (source.TryRead(out var frame))
        {
            Process(frame);
        }

        Complete();
    }

    /// <summary>Replays <paramref name="source"/> paced by <paramref name="pacer"/> (recorded speed × its speed), then <see cref="Complete"/>s.</summary>
    public async Task RunAsync(IRecordedFrameSource source, ReplayPacer pacer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(pacer);
        while (source.TryRead(out var frame))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await pacer.WaitAsync(frame.ReceiveTime, cancellationToken).ConfigureAwait(false);
            Process(frame); // the frame's memory is still valid: nothing was read since
        }

        Complete();
    }

    /// <summary>Processes one recorded frame.</summary>
    public void Process(in RecordedFrame frame)
    {
        if (frame.Kind == RecordedFrameKind.Configuration)
        {
            return;
        }

        Frames++;
        if (_parser is null && !TryStart(frame))
        {
            Hold(frame);
            return;
        }

        Dispatch(frame.ReceiveTime, frame.Kind, frame.Payload.Span, frame.Source.Span);
    }

    /// <summary>
    /// Ends the replay: frames still held for market detection are an error, since they cannot be replayed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The recording never revealed its market; give <see cref="BinanceReplayOptions.Market"/>.</exception>
    public void Complete()
    {
        if (_parser is null && _held.Count > 0)
        {
            throw new InvalidOperationException(
                $"Could not tell which Binance market the recording comes from ({_held.Count:N0} frames without a depth diff, trade or URL that shows it); give the venue explicitly.");
        }
    }

    private bool TryStart(in RecordedFrame frame)
    {
        if (_market is null)
        {
            var span = frame.Payload.Span;
            if (frame.Kind == RecordedFrameKind.Received && BinanceMarketDetector.TryDetectFromFrame(span, out var fromFrame))
            {
                _market = fromFrame;
            }
            else if (!frame.Source.IsEmpty && BinanceMarketDetector.TryDetectFromUrl(frame.Source.Span, out var fromUrl))
            {
                _market = fromUrl;
            }
            else
            {
                return false;
            }
        }

        _parser = new BinanceStreamParser(_market.Value, _registry) { DepthSink = new BookRouter(_books) };
        foreach (var held in _held)
        {
            Dispatch(held.ReceiveTime, held.Kind, held.Payload, held.Source);
        }

        _held.Clear();
        return true;
    }

    private void Hold(in RecordedFrame frame)
    {
        if (_held.Count >= _options.MaxFramesBeforeDetection)
        {
            Complete();
        }

        _held.Add(new HeldFrame(frame.ReceiveTime, frame.Kind, frame.Payload.ToArray(), frame.Source.ToArray()));
    }

    private void Dispatch(long receiveTime, RecordedFrameKind kind, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> source)
    {
        switch (kind)
        {
            case RecordedFrameKind.Received:
                OnMessage(receiveTime, payload);
                break;
            case RecordedFrameKind.HttpResponse:
                OnHttpResponse(receiveTime, source, payload);
                break;
            case RecordedFrameKind.Connected:
                if (++_connections > 1)
                {
                    foreach (var book in _ordered)
                    {
                        book.Synchronizer.Resync(); // messages may have been lost while disconnected
                    }
                }

                break;
            default:
                break; // messages we sent
        }
    }

    private void OnMessage(long receiveTime, ReadOnlySpan<byte> payload)
    {
        var parser = _parser!;
        if (_ordered.Count == 1)
        {
            parser.DefaultInstrument = _ordered[0].Instrument; // a bare REST snapshot belongs to the only instrument
        }

        var kind = parser.Parse(payload, receiveTime);
        switch (kind)
        {
            case BinanceMessageKind.DepthUpdate:
            {
                var book = BookFor(parser.Instrument);
                book.Frames++;
                if (!parser.DiffTaken)
                {
                    book.Synchronizer.OnDiff(parser.Deltas); // the fused path did not take it (buffering, a gap, a new instrument...)
                }

                break;
            }

            case BinanceMessageKind.DepthSnapshot:
                OnBareSnapshot(receiveTime, payload, parser);
                break;
            case BinanceMessageKind.BookTicker:
            {
                var book = BookFor(parser.Instrument);
                book.Frames++;
                book.OnTicker(parser.Quote);
                break;
            }

            case BinanceMessageKind.Trade or BinanceMessageKind.NonMarketTrade or BinanceMessageKind.AggTrade
                or BinanceMessageKind.Kline or BinanceMessageKind.MarkPrice or BinanceMessageKind.Liquidation
                or BinanceMessageKind.Ticker or BinanceMessageKind.PartialDepth:
                BookFor(parser.Instrument).Frames++;
                break;
            case BinanceMessageKind.Malformed:
                Malformed++;
                if (TryFindStreamInstrument(payload, out var instrument) && _books.TryGetValue(instrument, out var owner))
                {
                    owner.Frames++;
                    owner.Malformed++;
                }
                else
                {
                    UnattributedMalformed++;
                }

                break;
            case BinanceMessageKind.Unknown or BinanceMessageKind.UnknownSymbol:
                Unknown++;
                break;
            default:
                break; // replies, all-market arrays, user data: nothing for the books
        }
    }

    private void OnBareSnapshot(long receiveTime, ReadOnlySpan<byte> payload, BinanceStreamParser parser)
    {
        if (!parser.Instrument.IsDefault && _books.TryGetValue(parser.Instrument, out var named))
        {
            named.Frames++;
            named.Synchronizer.OnSnapshot(parser.Deltas);
            return;
        }

        if (_ordered.Count == 0)
        {
            _orphanSnapshots.Add(new HeldFrame(receiveTime, RecordedFrameKind.Received, payload.ToArray(), []));
            return;
        }

        var target = ChooseSnapshotOwner(parser.Deltas.LastUpdateId);
        target.Frames++;
        if (parser.ParseDepthSnapshot(payload, target.Instrument, receiveTime) == BinanceMessageKind.DepthSnapshot)
        {
            target.Synchronizer.OnSnapshot(parser.Deltas);
        }
    }

    /// <summary>The instrument a symbol-less snapshot most likely belongs to: one waiting for a snapshot whose buffered diffs it bridges, else the closest.</summary>
    private BinanceReplayBook ChooseSnapshotOwner(long lastUpdateId)
    {
        BinanceReplayBook? best = null;
        long bestDistance = long.MaxValue;
        foreach (var book in _ordered)
        {
            var sync = book.Synchronizer;
            if (sync.State != BinanceDepthSyncState.AwaitingSnapshot || !sync.TryGetBufferedRange(out long first, out long last))
            {
                continue;
            }

            long distance = lastUpdateId < first ? first - lastUpdateId : lastUpdateId > last ? lastUpdateId - last : 0;
            if (distance < bestDistance)
            {
                best = book;
                bestDistance = distance;
            }
        }

        return best ?? _ordered.FirstOrDefault(b => b.Synchronizer.State == BinanceDepthSyncState.AwaitingSnapshot) ?? _ordered[0];
    }

    private void OnHttpResponse(long receiveTime, ReadOnlySpan<byte> url, ReadOnlySpan<byte> body)
    {
        if (url.IndexOf("/depth"u8) < 0 || !TryGetQueryValue(url, "symbol="u8, out var symbol)
            || _registry.Resolve(_market!.Value, symbol, out var instrument) is not (BinanceSymbolLookup.Found or BinanceSymbolLookup.Registered))
        {
            return; // exchangeInfo and other responses: nothing for the books
        }

        var book = BookFor(instrument);
        book.Frames++;
        var kind = _parser!.ParseDepthSnapshot(body, instrument, receiveTime);
        if (kind == BinanceMessageKind.DepthSnapshot)
        {
            book.Synchronizer.OnSnapshot(_parser.Deltas);
        }
        else
        {
            Malformed++;
            book.Malformed++;
        }
    }

    private BinanceReplayBook BookFor(InstrumentId instrument)
    {
        if (_books.TryGetValue(instrument, out var book))
        {
            return book;
        }

        var synchronizer = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions
        {
            Instrument = instrument,
            Market = _market!.Value,
            BookCapacity = _options.BookCapacity,
            MaxBufferedDiffs = 100_000,
            MaxBufferedLevels = 10_000_000,
        });
        book = new BinanceReplayBook(synchronizer, () => UnattributedMalformed);
        _books.Add(instrument, book);
        _ordered.Add(book);
        if (_orphanSnapshots.Count > 0)
        {
            // Snapshots recorded before any message named an instrument: they can only be this one's. Parsed by a
            // parser of their own: this runs while the frame that named the instrument (often a depth diff) is still
            // held in the stream parser's deltas, which reusing it would overwrite with the snapshot.
            var snapshotParser = new BinanceStreamParser(_market!.Value, _registry);
            foreach (var held in _orphanSnapshots)
            {
                book.Frames++;
                if (snapshotParser.ParseDepthSnapshot(held.Payload, instrument, held.ReceiveTime) == BinanceMessageKind.DepthSnapshot)
                {
                    synchronizer.OnSnapshot(snapshotParser.Deltas);
                }
            }

            _orphanSnapshots.Clear();
        }

        return book;
    }

    private bool TryFindStreamInstrument(ReadOnlySpan<byte> payload, out InstrumentId instrument)
    {
        instrument = default;
        int at = payload.IndexOf("\"stream\":\""u8);
        if (at < 0)
        {
            return false;
        }

        var rest = payload[(at + 10)..];
        int end = rest.IndexOfAny((byte)'@', (byte)'"');
        return end > 0 && _registry.TryGet(_market!.Value, rest[..end], out instrument);
    }

    private static bool TryGetQueryValue(ReadOnlySpan<byte> url, ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        value = default;
        int at = url.IndexOf(key);
        if (at < 0)
        {
            return false;
        }

        var rest = url[(at + key.Length)..];
        int end = rest.IndexOf((byte)'&');
        value = end < 0 ? rest : rest[..end];
        return !value.IsEmpty;
    }

    /// <summary>
    /// The parser's depth sink (the fused path): each diff goes to the synchronizer of the instrument its header
    /// names; an instrument not seen yet is left to <see cref="BookFor"/> and the classic path.
    /// </summary>
    private sealed class BookRouter(Dictionary<InstrumentId, BinanceReplayBook> books) : IBinanceDepthSink
    {
        private IBinanceDepthSink? _current;

        public L2OrderBook? BeginDiff(in BinanceDiffHeader header, out bool keepLevels)
        {
            keepLevels = false;
            _current = null;
            if (!books.TryGetValue(header.Instrument, out var book))
            {
                return null;
            }

            IBinanceDepthSink sink = book.Synchronizer;
            var target = sink.BeginDiff(header, out keepLevels);
            _current = target is null ? null : sink;
            return target;
        }

        public bool EndDiff(BookDeltas diff, bool levelsValid) =>
            (_current ?? throw new InvalidOperationException("EndDiff without a diff begun.")).EndDiff(diff, levelsValid);

        public void AbortDiff() => _current?.AbortDiff();

        public void Retain(BookDeltas diff) =>
            (_current ?? throw new InvalidOperationException("Retain without a diff ended.")).Retain(diff);
    }

    private sealed record HeldFrame(long ReceiveTime, RecordedFrameKind Kind, byte[] Payload, byte[] Source);

    /// <inheritdoc/>
    public override string ToString() =>
        new StringBuilder().Append("Binance replay: ").Append(_market?.ToCliPrefix() ?? "market unknown").Append(", ")
            .Append(Frames).Append(" frames, ").Append(_ordered.Count).Append(" instruments").ToString();
}
