using System.Text;
using FlowSight.Core;
using FlowSight.Engine.Replay;
using FlowSight.Venues.GateIo.Book;
using FlowSight.Venues.GateIo.Parsing;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.GateIo.Replay;

/// <summary>
/// Replays a Gate.io recording (cryptofeed's <c>GATEIO*.ws.*</c> frames merged by time with its <c>*.http.*</c>
/// <c>order_book?with_id=true</c> snapshots) through the live path — <see cref="GateIoStreamParser"/>, then one
/// <see cref="GateIoBookSynchronizer"/> and <see cref="Engine.OrderBook.L2OrderBook"/> per instrument — counting how
/// the <c>U</c>/<c>u</c> chain held. Spot and USDT futures can be replayed together: each frame's channel names its market.
/// </summary>
/// <remarks>
/// A recording cannot fetch snapshots: a book that loses sync waits for the next recorded one. A reconnect in the
/// recording (a second "connected" line to a market's host) resyncs that market's books, since updates may have been
/// lost in between. Not thread-safe. Allocation-free once every book exists and its buffers have grown.
/// </remarks>
public sealed class GateIoReplay
{
    private readonly GateIoReplayOptions _options;
    private readonly GateIoSymbolRegistry _registry;
    private readonly GateIoStreamParser _parser;
    private readonly Dictionary<InstrumentId, GateIoReplayBook> _books = [];
    private readonly List<GateIoReplayBook> _ordered = [];
    private long _spotConnections;
    private long _futuresConnections;

    /// <summary>Creates a replay; feed it with <see cref="Run"/> or <see cref="Process"/>.</summary>
    public GateIoReplay(GateIoReplayOptions? options = null)
    {
        _options = options ?? new GateIoReplayOptions();
        _registry = _options.Registry ?? new GateIoSymbolRegistry();
        _parser = new GateIoStreamParser(_registry);
    }

    /// <summary>The instruments seen, in order of first appearance.</summary>
    public IReadOnlyList<GateIoReplayBook> Books => _ordered;

    /// <summary>Frames processed (every line but configuration).</summary>
    public long Frames { get; private set; }

    /// <summary>Frames that could not be parsed (WebSocket frames and snapshot bodies).</summary>
    public long Malformed => _parser.Diagnostics.MalformedCount;

    /// <summary>Well-formed frames of channels the parser does not handle.</summary>
    public long Unknown => _parser.Diagnostics.UnknownCount;

    /// <summary>Replies to our requests that Gate refused (<c>error</c> not null).</summary>
    public long RejectedRequests { get; private set; }

    /// <summary>The parser's diagnostics (samples of refused frames).</summary>
    public FrameDiagnostics<GateIoMessageKind> Diagnostics => _parser.Diagnostics;

    /// <summary>Replays <paramref name="source"/> as fast as possible.</summary>
    public void Run(IRecordedFrameSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        while (source.TryRead(out var frame))
        {
            Process(frame);
        }
    }

    /// <summary>Processes one recorded frame.</summary>
    public void Process(in RecordedFrame frame)
    {
        switch (frame.Kind)
        {
            case RecordedFrameKind.Received:
                Frames++;
                OnMessage(frame.ReceiveTime, frame.Payload.Span);
                break;
            case RecordedFrameKind.HttpResponse:
                Frames++;
                OnHttpResponse(frame.ReceiveTime, frame.Source.Span, frame.Payload.Span);
                break;
            case RecordedFrameKind.Connected:
                Frames++;
                OnConnected(frame.Source.Span);
                break;
            case RecordedFrameKind.Sent:
                Frames++;
                break;
            default:
                break;
        }
    }

    /// <summary>The statistics of one instrument (default when it never appeared).</summary>
    public GateIoReplayStatistics StatisticsOf(InstrumentId instrument) =>
        _books.TryGetValue(instrument, out var book) ? book.Statistics(Malformed) : default;

    /// <summary>The statistics of every book added up.</summary>
    public GateIoReplayStatistics Total()
    {
        var total = new GateIoReplayStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, Malformed);
        foreach (var book in _ordered)
        {
            var s = book.Statistics(Malformed);
            total = total with
            {
                Frames = total.Frames + s.Frames,
                Snapshots = total.Snapshots + s.Snapshots,
                UpdatesApplied = total.UpdatesApplied + s.UpdatesApplied,
                UpdatesDropped = total.UpdatesDropped + s.UpdatesDropped,
                Buffered = total.Buffered + s.Buffered,
                Gaps = total.Gaps + s.Gaps,
                Resyncs = total.Resyncs + s.Resyncs,
                Invalid = total.Invalid + s.Invalid,
                Crossed = total.Crossed + s.Crossed,
            };
        }

        return total;
    }

    /// <summary>A second connection to a market's host means updates may have been lost in between: that market's books resync.</summary>
    private void OnConnected(ReadOnlySpan<byte> url)
    {
        var market = url.IndexOf("fx-ws"u8) >= 0 || url.IndexOf("/usdt"u8) >= 0 ? GateIoMarket.UsdtFutures : GateIoMarket.Spot;
        var connections = market == GateIoMarket.Spot ? ++_spotConnections : ++_futuresConnections;
        if (connections < 2)
        {
            return;
        }

        foreach (var book in _ordered)
        {
            if (book.Market == market)
            {
                book.Synchronizer.Resync();
            }
        }
    }

    private void OnMessage(long receiveTime, ReadOnlySpan<byte> payload)
    {
        var kind = _parser.Parse(payload, receiveTime);
        switch (kind)
        {
            case GateIoMessageKind.BookUpdate:
            {
                var book = BookFor(_parser.Instrument, _parser.Market);
                book.Frames++;
                book.Synchronizer.OnUpdate(_parser.Deltas);
                break;
            }

            case GateIoMessageKind.BookSnapshot or GateIoMessageKind.BookTicker or GateIoMessageKind.Candle
                or GateIoMessageKind.Ticker or GateIoMessageKind.FuturesTicker:
                // A WebSocket order_book snapshot carries no id the update chain continues from: not used for sync.
                BookFor(_parser.Instrument, _parser.Market).Frames++;
                break;
            case GateIoMessageKind.Trades:
                BookFor(_parser.Trades[0].Instrument, _parser.Market).Frames++;
                break;
            case GateIoMessageKind.Control when _parser.Control.IsError:
                RejectedRequests++;
                break;
            default:
                break;
        }
    }

    private void OnHttpResponse(long receiveTime, ReadOnlySpan<byte> url, ReadOnlySpan<byte> body)
    {
        if (url.IndexOf("/order_book"u8) < 0)
        {
            return; // currency_pairs, contracts and other responses: nothing for the books
        }

        var market = url.IndexOf("/futures/"u8) >= 0 ? GateIoMarket.UsdtFutures : GateIoMarket.Spot;
        var key = market == GateIoMarket.Spot ? "currency_pair="u8 : "contract="u8;
        if (!TryGetQueryValue(url, key, out var name) || !_registry.Resolve(market, name, out var instrument))
        {
            return;
        }

        var book = BookFor(instrument, market);
        book.Frames++;
        if (_parser.ParseRestSnapshot(body, instrument, receiveTime) == GateIoMessageKind.BookSnapshot)
        {
            book.Synchronizer.OnSnapshot(_parser.Deltas);
        }
    }

    private GateIoReplayBook BookFor(InstrumentId instrument, GateIoMarket market)
    {
        if (_books.TryGetValue(instrument, out var book))
        {
            return book;
        }

        var synchronizer = new GateIoBookSynchronizer(new GateIoBookSynchronizerOptions
        {
            Instrument = instrument,
            PricePrecision = _options.PricePrecision,
            SizePrecision = _options.SizePrecision,
            BookCapacity = _options.BookCapacity,
            MaxBufferedUpdates = 100_000,
            MaxBufferedLevels = 10_000_000,
        });
        book = new GateIoReplayBook(instrument, market, synchronizer);
        _books.Add(instrument, book);
        _ordered.Add(book);
        return book;
    }

    private static bool TryGetQueryValue(ReadOnlySpan<byte> url, ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        value = default;
        var at = url.IndexOf(key);
        if (at < 0)
        {
            return false;
        }

        var rest = url[(at + key.Length)..];
        var end = rest.IndexOf((byte)'&');
        value = end < 0 ? rest : rest[..end];
        return !value.IsEmpty;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        new StringBuilder().Append("Gate.io replay: ").Append(Frames).Append(" frames, ").Append(_ordered.Count).Append(" books").ToString();
}
