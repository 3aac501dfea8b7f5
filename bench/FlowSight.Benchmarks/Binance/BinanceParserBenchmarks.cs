using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Engine.Replay;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Book;
using FlowSight.Venues.Binance.Parsing;

namespace FlowSight.Benchmarks.Binance;

/// <summary>
/// <see cref="BinanceStreamParser"/> on real frames: the USDⓈ-M BTCUSDT recording of 2024-08-08 (hftbacktest),
/// split by kind in the set-up and packed back to back in one buffer per kind, as a receive loop would hold them.
/// Each benchmark parses every frame of its kind once; Mean is per frame (<c>OperationsPerInvoke</c> = frames).
/// <list type="bullet">
/// <item><c>depthUpdate</c>: 6,551 diff frames (1,597 B and 67.7 levels on average) → <see cref="BookDeltas"/>.</item>
/// <item><c>depthUpdate → book</c>: the 6,547 diffs Binance's procedure applies after the REST snapshot, parsed and
/// applied to an <see cref="L2OrderBook"/> (the snapshot is parsed and loaded first in every invocation: 0.4 % of
/// the work); and the same diffs through the fused path, the parser writing each level straight into the book of a
/// <see cref="BinanceDepthSynchronizer"/> (its <see cref="BinanceStreamParser.DepthSink"/>), chain checks included.</item>
/// <item><c>trade</c>: 21,313 frames → <see cref="TradeTick"/>; <c>bookTicker</c>: 66,089 frames → <see cref="QuoteTick"/>.</item>
/// </list>
/// The baseline of each group is a naive <see cref="JsonSerializer.Deserialize{TValue}(ReadOnlySpan{byte}, JsonSerializerOptions?)"/>
/// of the same frames into classes (<see cref="JsonEnvelope{T}"/>) with prices and quantities as strings.
/// Run: <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- --filter '*BinanceParser*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class BinanceParserBenchmarks
{
    private const string Recording = "recordings/hftbacktest/binance-usdm/btcusdt_20240808.gz";
    private const int DepthFrames = 6_551;
    private const int AppliedFrames = 6_547;
    private const int TradeFrames = 21_313;
    private const int BookTickerFrames = 66_089;

    private PackedFrames _depth = PackedFrames.Empty;
    private PackedFrames _applied = PackedFrames.Empty;
    private PackedFrames _trades = PackedFrames.Empty;
    private PackedFrames _bookTickers = PackedFrames.Empty;
    private byte[] _snapshot = [];
    private BinanceStreamParser _parser = null!;
    private L2OrderBook _book = null!;
    private BinanceStreamParser _fusedParser = null!;
    private BinanceDepthSynchronizer _sync = null!;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new BinanceSymbolRegistry();
        var instrument = registry.Register(BinanceMarket.UsdM, "BTCUSDT");
        _parser = new BinanceStreamParser(BinanceMarket.UsdM, registry) { DefaultInstrument = instrument };
        var depth = new List<byte[]>();
        var trades = new List<byte[]>();
        var bookTickers = new List<byte[]>();
        var lastIds = new List<long>();
        long snapshotId = -1;
        using (var reader = new RecordingReader([SharedData.Require(Recording)]))
        {
            while (reader.TryRead(out RecordedFrame frame))
            {
                var payload = frame.Payload.ToArray();
                switch (_parser.Parse(payload, frame.ReceiveTime))
                {
                    case BinanceMessageKind.DepthUpdate:
                        depth.Add(payload);
                        lastIds.Add(_parser.Deltas.LastUpdateId);
                        break;
                    case BinanceMessageKind.Trade:
                        trades.Add(payload);
                        break;
                    case BinanceMessageKind.BookTicker:
                        bookTickers.Add(payload);
                        break;
                    case BinanceMessageKind.DepthSnapshot:
                        _snapshot = payload;
                        snapshotId = _parser.Deltas.LastUpdateId;
                        break;
                }
            }
        }

        // Binance's procedure for futures: diffs are buffered until the snapshot arrives, then those with
        // u < lastUpdateId are dropped; the rest (some received before the snapshot) are applied in order.
        _depth = PackedFrames.Pack(depth);
        _applied = PackedFrames.Pack([.. depth.Where((_, i) => lastIds[i] >= snapshotId)]);
        _trades = PackedFrames.Pack(trades);
        _bookTickers = PackedFrames.Pack(bookTickers);
        if (_depth.Count != DepthFrames || _applied.Count != AppliedFrames || _trades.Count != TradeFrames || _bookTickers.Count != BookTickerFrames)
        {
            throw new InvalidOperationException(
                $"Unexpected recording: {_depth.Count} depth, {_applied.Count} applied, {_trades.Count} trade, {_bookTickers.Count} bookTicker frames.");
        }

        _book = new L2OrderBook(instrument, 2, 3, capacity: 4096);
        _sync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions { Instrument = instrument, Market = BinanceMarket.UsdM, BookCapacity = 4096 });
        _fusedParser = new BinanceStreamParser(BinanceMarket.UsdM, registry) { DefaultInstrument = instrument, DepthSink = _sync };
        Console.WriteLine($"// frames: depthUpdate {_depth.Count} ({_depth.AverageBytes:F0} B avg), trade {_trades.Count} ({_trades.AverageBytes:F0} B), bookTicker {_bookTickers.Count} ({_bookTickers.AverageBytes:F0} B)");
    }

    [BenchmarkCategory("depthUpdate"), Benchmark(Baseline = true, OperationsPerInvoke = DepthFrames, Description = "JsonSerializer → classes")]
    public long DepthJsonSerializer()
    {
        long sum = 0;
        var frames = _depth;
        for (var i = 0; i < frames.Count; i++)
        {
            var message = JsonSerializer.Deserialize<JsonEnvelope<JsonDepthUpdate>>(frames[i])!;
            sum += message.Data!.LastUpdateId + message.Data.Bids!.Length + message.Data.Asks!.Length;
        }

        return sum;
    }

    [BenchmarkCategory("depthUpdate"), Benchmark(OperationsPerInvoke = DepthFrames, Description = "parser → BookDeltas")]
    public long DepthParser()
    {
        long sum = 0;
        var parser = _parser;
        var frames = _depth;
        for (var i = 0; i < frames.Count; i++)
        {
            parser.Parse(frames[i], i);
            sum += parser.Deltas.LastUpdateId + parser.Deltas.Count;
        }

        return sum;
    }

    [BenchmarkCategory("depthUpdate → book"), Benchmark(OperationsPerInvoke = AppliedFrames, Description = "parser → BookDeltas → L2OrderBook")]
    public long DepthToBook()
    {
        var parser = _parser;
        var book = _book;
        parser.Parse(_snapshot, 0);
        book.Apply(parser.Deltas);
        var frames = _applied;
        for (var i = 0; i < frames.Count; i++)
        {
            parser.Parse(frames[i], i);
            book.Apply(parser.Deltas);
        }

        return book.LastUpdateId + book.BidCount;
    }

    [BenchmarkCategory("depthUpdate → book"), Benchmark(OperationsPerInvoke = AppliedFrames, Description = "parser → synchronizer → L2OrderBook (fused)")]
    public long DepthToBookFused()
    {
        var parser = _fusedParser;
        var sync = _sync;
        sync.Resync();
        parser.Parse(_snapshot, 0);
        sync.OnSnapshot(parser.Deltas);
        var frames = _applied;
        for (var i = 0; i < frames.Count; i++)
        {
            parser.Parse(frames[i], i);
            if (!parser.DiffTaken)
            {
                sync.OnDiff(parser.Deltas);
            }
        }

        return sync.LastUpdateId + sync.Book!.BidCount;
    }

    [BenchmarkCategory("trade"), Benchmark(Baseline = true, OperationsPerInvoke = TradeFrames, Description = "JsonSerializer → classes")]
    public long TradeJsonSerializer()
    {
        long sum = 0;
        var frames = _trades;
        for (var i = 0; i < frames.Count; i++)
        {
            var message = JsonSerializer.Deserialize<JsonEnvelope<JsonTrade>>(frames[i])!;
            sum += message.Data!.TradeId + message.Data.Price!.Length;
        }

        return sum;
    }

    [BenchmarkCategory("trade"), Benchmark(OperationsPerInvoke = TradeFrames, Description = "parser → TradeTick")]
    public long TradeParser()
    {
        long sum = 0;
        var parser = _parser;
        var frames = _trades;
        for (var i = 0; i < frames.Count; i++)
        {
            parser.Parse(frames[i], i);
            sum += parser.Trade.TradeId + parser.Trade.Price.Raw;
        }

        return sum;
    }

    [BenchmarkCategory("bookTicker"), Benchmark(Baseline = true, OperationsPerInvoke = BookTickerFrames, Description = "JsonSerializer → classes")]
    public long BookTickerJsonSerializer()
    {
        long sum = 0;
        var frames = _bookTickers;
        for (var i = 0; i < frames.Count; i++)
        {
            var message = JsonSerializer.Deserialize<JsonEnvelope<JsonBookTicker>>(frames[i])!;
            sum += message.Data!.UpdateId + message.Data.BidPrice!.Length;
        }

        return sum;
    }

    [BenchmarkCategory("bookTicker"), Benchmark(OperationsPerInvoke = BookTickerFrames, Description = "parser → QuoteTick")]
    public long BookTickerParser()
    {
        long sum = 0;
        var parser = _parser;
        var frames = _bookTickers;
        for (var i = 0; i < frames.Count; i++)
        {
            parser.Parse(frames[i], i);
            sum += parser.Quote.UpdateId + parser.Quote.BidPrice.Raw;
        }

        return sum;
    }

    /// <summary>Frames back to back in one array, so the benchmark reads memory in order as a receive buffer would.</summary>
    private sealed class PackedFrames
    {
        public static readonly PackedFrames Empty = new([], [0]);

        private readonly byte[] _data;
        private readonly int[] _offsets;

        private PackedFrames(byte[] data, int[] offsets)
        {
            _data = data;
            _offsets = offsets;
        }

        public int Count => _offsets.Length - 1;

        public double AverageBytes => Count == 0 ? 0 : (double)_data.Length / Count;

        public ReadOnlySpan<byte> this[int index] => _data.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

        public static PackedFrames Pack(List<byte[]> frames)
        {
            var data = new byte[frames.Sum(f => f.Length)];
            var offsets = new int[frames.Count + 1];
            var at = 0;
            for (var i = 0; i < frames.Count; i++)
            {
                offsets[i] = at;
                frames[i].CopyTo(data, at);
                at += frames[i].Length;
            }

            offsets[^1] = at;
            return new PackedFrames(data, offsets);
        }
    }
}
