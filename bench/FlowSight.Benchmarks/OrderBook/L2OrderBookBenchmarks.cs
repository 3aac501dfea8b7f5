using BenchmarkDotNet.Attributes;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Engine.Replay;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Book;
using FlowSight.Venues.Binance.Parsing;

namespace FlowSight.Benchmarks.OrderBook;

/// <summary>
/// The local order book on real data: the USDⓈ-M BTCUSDT recording of 2024-08-08 (hftbacktest), held in memory.
/// <list type="bullet">
/// <item><c>Apply…</c>: the 6,547 diffs the documented procedure applies, pre-parsed into <see cref="BookDeltas"/>,
/// applied to an <see cref="L2OrderBook"/> after its 1,000 + 1,000-level REST snapshot (reloaded each invocation:
/// about 0.3 % of the work). Mean is per frame (<c>ApplyPerFrame</c>) or per price level (<c>ApplyPerLevel</c>): the
/// same work divided by 6,547 frames or by their 443,262 levels (67.7 per frame).</item>
/// <item><c>FrameToBook</c>: the whole live path per raw depth frame — <see cref="BinanceStreamParser"/>, then
/// <see cref="BinanceDepthSynchronizer"/> (chain checks, crossed check) into its book — over the recording's 6,551 depth
/// frames after its snapshot.</item>
/// <item><c>FrameToBookFused</c>: the same with the synchronizer as the parser's <see cref="BinanceStreamParser.DepthSink"/>:
/// levels go from the frame straight into the book, no <see cref="BookDelta"/> per level.</item>
/// </list>
/// Run: <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- --filter '*L2OrderBook*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class L2OrderBookBenchmarks
{
    private const string Recording = "recordings/hftbacktest/binance-usdm/btcusdt_20240808.gz";
    private const int AppliedFrames = 6_547;
    private const int AppliedLevels = 443_262;
    private const int DepthFrames = 6_551;

    private readonly InstrumentId _instrument = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance);
    private BookDeltas _snapshot = new();
    private BookDeltas[] _diffs = [];
    private L2OrderBook _book = null!;
    private byte[] _snapshotFrame = [];
    private byte[][] _depthFrames = [];
    private BinanceStreamParser _parser = null!;
    private BinanceDepthSynchronizer _sync = null!;
    private BinanceStreamParser _fusedParser = null!;
    private BinanceDepthSynchronizer _fusedSync = null!;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new BinanceSymbolRegistry();
        var parser = new BinanceStreamParser(BinanceMarket.UsdM, registry) { DefaultInstrument = registry.Register(BinanceMarket.UsdM, "BTCUSDT") };
        var applied = new List<BookDeltas>();
        var sync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions { Instrument = _instrument, Market = BinanceMarket.UsdM });
        sync.Applied += batch =>
        {
            if (batch.IsSnapshot)
            {
                _snapshot = Copy(batch);
            }
            else
            {
                applied.Add(Copy(batch));
            }
        };

        var depthFrames = new List<byte[]>();
        using (var reader = new RecordingReader([SharedData.Require(Recording)]))
        {
            while (reader.TryRead(out RecordedFrame frame))
            {
                var kind = parser.Parse(frame.Payload.Span, frame.ReceiveTime);
                if (kind == BinanceMessageKind.DepthUpdate)
                {
                    depthFrames.Add(frame.Payload.ToArray());
                    sync.OnDiff(parser.Deltas);
                }
                else if (kind == BinanceMessageKind.DepthSnapshot)
                {
                    _snapshotFrame = frame.Payload.ToArray();
                    sync.OnSnapshot(parser.Deltas);
                }
            }
        }

        _diffs = [.. applied];
        _depthFrames = [.. depthFrames];
        int levels = _diffs.Sum(d => d.Count);
        if (_diffs.Length != AppliedFrames || levels != AppliedLevels || _depthFrames.Length != DepthFrames || !sync.IsSynced)
        {
            throw new InvalidOperationException($"Unexpected recording: {_diffs.Length} applied diffs, {levels} levels, {_depthFrames.Length} depth frames.");
        }

        _book = new L2OrderBook(_instrument, 2, 3, capacity: 4096);
        _parser = new BinanceStreamParser(BinanceMarket.UsdM, registry) { DefaultInstrument = parser.DefaultInstrument };
        _sync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions { Instrument = _instrument, Market = BinanceMarket.UsdM, BookCapacity = 4096 });
        _fusedSync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions { Instrument = _instrument, Market = BinanceMarket.UsdM, BookCapacity = 4096 });
        _fusedParser = new BinanceStreamParser(BinanceMarket.UsdM, registry) { DefaultInstrument = parser.DefaultInstrument, DepthSink = _fusedSync };
    }

    [Benchmark(OperationsPerInvoke = AppliedFrames, Description = "L2OrderBook.Apply, per frame")]
    public long ApplyPerFrame() => ApplyAll();

    [Benchmark(OperationsPerInvoke = AppliedLevels, Description = "L2OrderBook.Apply, per level")]
    public long ApplyPerLevel() => ApplyAll();

    [Benchmark(OperationsPerInvoke = DepthFrames, Description = "frame → parser → synchronizer → book")]
    public long FrameToBook()
    {
        var parser = _parser;
        var sync = _sync;
        sync.Resync();
        parser.Parse(_snapshotFrame, 0);
        sync.OnSnapshot(parser.Deltas);
        foreach (var frame in _depthFrames)
        {
            parser.Parse(frame, 0);
            sync.OnDiff(parser.Deltas);
        }

        return sync.LastUpdateId;
    }

    [Benchmark(OperationsPerInvoke = DepthFrames, Description = "frame → parser → synchronizer → book (fused)")]
    public long FrameToBookFused()
    {
        var parser = _fusedParser;
        var sync = _fusedSync;
        sync.Resync();
        parser.Parse(_snapshotFrame, 0);
        sync.OnSnapshot(parser.Deltas);
        foreach (var frame in _depthFrames)
        {
            if (parser.Parse(frame, 0) == BinanceMessageKind.DepthUpdate && !parser.DiffTaken)
            {
                sync.OnDiff(parser.Deltas);
            }
        }

        return sync.LastUpdateId;
    }

    private long ApplyAll()
    {
        var book = _book;
        book.Apply(_snapshot);
        foreach (var diff in _diffs)
        {
            book.Apply(diff);
        }

        return book.LastUpdateId;
    }

    private static BookDeltas Copy(BookDeltas source)
    {
        var copy = new BookDeltas(Math.Max(source.Count, 1))
        {
            Instrument = source.Instrument,
            FirstUpdateId = source.FirstUpdateId,
            LastUpdateId = source.LastUpdateId,
            PreviousUpdateId = source.PreviousUpdateId,
            IsSnapshot = source.IsSnapshot,
            EventTime = source.EventTime,
            ReceiveTime = source.ReceiveTime,
        };
        foreach (var delta in source.Deltas)
        {
            copy.Add(delta);
        }

        return copy;
    }
}
