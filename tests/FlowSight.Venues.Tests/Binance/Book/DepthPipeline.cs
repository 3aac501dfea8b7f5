using System.Text;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Engine.Replay;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Book;
using FlowSight.Venues.Binance.Parsing;

namespace FlowSight.Venues.Tests.Binance.Book;

/// <summary>
/// Recorded frames → <see cref="BinanceStreamParser"/> → one <see cref="BinanceDepthSynchronizer"/> per instrument,
/// through <see cref="BinanceStreamParser.Deltas"/> and <see cref="BinanceDepthSynchronizer.OnDiff"/> (the classic
/// path) or through the parser's <see cref="BinanceStreamParser.DepthSink"/> (the fused path), as a receive loop
/// would drive them. As the sink it routes each diff to its instrument's synchronizer.
/// </summary>
internal sealed class DepthPipeline : IBinanceDepthSink
{
    private readonly BinanceMarket _market;
    private readonly BinanceSymbolRegistry _registry = new();
    private readonly bool _listen;
    private IBinanceDepthSink? _current;
    private int _connections;
    private readonly int _topFirst;
    private readonly byte? _pricePrecision;
    private readonly byte? _sizePrecision;
    private readonly Action<BinanceDepthSynchronizer, L2OrderBook>? _onTop;

    public DepthPipeline(BinanceMarket market, bool fused, bool listen, string defaultSymbol = "BTCUSDT", int topFirst = 0, Action<BinanceDepthSynchronizer, L2OrderBook>? onTop = null, byte? pricePrecision = null, byte? sizePrecision = null)
    {
        _pricePrecision = pricePrecision;
        _sizePrecision = sizePrecision;
        _market = market;
        _listen = listen;
        _topFirst = topFirst;
        _onTop = onTop;
        Parser = new BinanceStreamParser(market, _registry) { DefaultInstrument = _registry.Register(market, defaultSymbol) };
        if (fused)
        {
            Parser.DepthSink = this;
        }
    }

    public BinanceStreamParser Parser { get; }

    public Dictionary<InstrumentId, BinanceDepthSynchronizer> Books { get; } = [];

    /// <summary>Every batch the synchronizers reported applied (with <c>listen</c>), as text: header and levels.</summary>
    public List<string> AppliedLog { get; } = [];

    public int DiffsTaken { get; private set; }

    /// <summary>Calls of the synchronizers' <see cref="BinanceDepthSynchronizer.TopApplied"/> (with <c>topFirst</c>).</summary>
    public int TopsShown { get; private set; }

    public int Malformed { get; private set; }

    /// <summary>Feeds one recorded frame; returns the instrument whose book it touched, if any.</summary>
    public InstrumentId? Feed(in RecordedFrame frame)
    {
        switch (frame.Kind)
        {
            case RecordedFrameKind.Received:
                return OnMessage(frame.Payload.Span, frame.ReceiveTime);
            case RecordedFrameKind.HttpResponse:
                return OnHttp(frame.Source.Span, frame.Payload.Span, frame.ReceiveTime);
            case RecordedFrameKind.Connected:
                if (++_connections > 1)
                {
                    foreach (var sync in Books.Values)
                    {
                        sync.Resync();
                    }
                }

                return null;
            default:
                return null;
        }
    }

    public BinanceDepthSynchronizer SyncFor(InstrumentId instrument)
    {
        if (!Books.TryGetValue(instrument, out var sync))
        {
            sync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions
            {
                Instrument = instrument,
                Market = _market,
                MaxBufferedDiffs = 100_000,
                MaxBufferedLevels = 10_000_000,
                PricePrecision = _pricePrecision,
                SizePrecision = _sizePrecision,
            });
            if (_listen)
            {
                sync.Applied += batch => AppliedLog.Add(Describe(batch));
            }

            if (_topFirst > 0)
            {
                sync.TopDepth = _topFirst;
                var s = sync;
                sync.TopApplied += book =>
                {
                    TopsShown++;
                    _onTop?.Invoke(s, book);
                };
            }

            Books.Add(instrument, sync);
        }

        return sync;
    }

    L2OrderBook? IBinanceDepthSink.BeginDiff(in BinanceDiffHeader header, out bool keepLevels)
    {
        _current = SyncFor(header.Instrument);
        return _current.BeginDiff(header, out keepLevels);
    }

    bool IBinanceDepthSink.EndDiff(BookDeltas diff, bool levelsValid)
    {
        DiffsTaken++;
        return _current!.EndDiff(diff, levelsValid);
    }

    void IBinanceDepthSink.AbortDiff() => _current!.AbortDiff();

    void IBinanceDepthSink.Retain(BookDeltas diff) => _current!.Retain(diff);

    int IBinanceDepthSink.TopFirstDepth => _current!.TopFirstDepth;

    void IBinanceDepthSink.OnTopApplied(L2OrderBook book) => _current!.OnTopApplied(book);

    private InstrumentId? OnMessage(ReadOnlySpan<byte> payload, long receiveTime)
    {
        var kind = Parser.Parse(payload, receiveTime);
        switch (kind)
        {
            case BinanceMessageKind.DepthUpdate:
                if (!Parser.DiffTaken)
                {
                    SyncFor(Parser.Instrument).OnDiff(Parser.Deltas);
                }

                return Parser.Instrument;
            case BinanceMessageKind.DepthSnapshot:
                SyncFor(Parser.Instrument).OnSnapshot(Parser.Deltas);
                return Parser.Instrument;
            case BinanceMessageKind.Malformed:
                Malformed++;
                return null;
            default:
                return null;
        }
    }

    private InstrumentId? OnHttp(ReadOnlySpan<byte> url, ReadOnlySpan<byte> body, long receiveTime)
    {
        var text = Encoding.UTF8.GetString(url);
        var at = text.IndexOf("symbol=", StringComparison.Ordinal);
        if (!text.Contains("/depth", StringComparison.Ordinal) || at < 0)
        {
            return null;
        }

        var symbol = text[(at + 7)..].Split('&')[0];
        var instrument = _registry.Register(_market, symbol);
        if (Parser.ParseDepthSnapshot(body, instrument, receiveTime) != BinanceMessageKind.DepthSnapshot)
        {
            return null;
        }

        SyncFor(instrument).OnSnapshot(Parser.Deltas);
        return instrument;
    }

    private static string Describe(BookDeltas batch)
    {
        var text = new StringBuilder();
        text.Append(batch.Instrument).Append(' ').Append(batch.IsSnapshot).Append(' ').Append(batch.FirstUpdateId).Append(' ')
            .Append(batch.LastUpdateId).Append(' ').Append(batch.PreviousUpdateId).Append(' ').Append(batch.EventTime).Append(' ').Append(batch.ReceiveTime);
        foreach (ref readonly var delta in batch.Deltas)
        {
            text.Append(" | ").Append(delta.ToString());
        }

        return text.ToString();
    }
}
