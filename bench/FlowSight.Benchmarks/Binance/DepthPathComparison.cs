using System.Diagnostics;
using System.Globalization;
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
/// A/B of the Binance depth paths in one process, for a shared, noisy machine where BenchmarkDotNet's means move with
/// the neighbours' load: the recording's 6,547 applied diffs are cut into chunks of 128 frames; each round runs every
/// path over all chunks in order (interleaved, so load hits them alike); a chunk's figure is its fastest round, and a
/// path's figure is the sum over its chunks — what the path costs when nothing else is running.
/// Run: <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- depth-ab [rounds]</c>.
/// </summary>
internal static class DepthPathComparison
{
    private const string Recording = "recordings/hftbacktest/binance-usdm/btcusdt_20240808.gz";
    private const int Chunk = 128;

    public static void Run(int rounds)
    {
        var registry = new BinanceSymbolRegistry();
        var instrument = registry.Register(BinanceMarket.UsdM, "BTCUSDT");
        var parser = new BinanceStreamParser(BinanceMarket.UsdM, registry) { DefaultInstrument = instrument };
        var depth = new List<byte[]>();
        var lastIds = new List<long>();
        byte[] snapshot = [];
        long snapshotId = -1;
        using (var reader = new RecordingReader([SharedData.Require(Recording)]))
        {
            while (reader.TryRead(out RecordedFrame frame))
            {
                var payload = frame.Payload.ToArray();
                switch (parser.Parse(payload, frame.ReceiveTime))
                {
                    case BinanceMessageKind.DepthUpdate:
                        depth.Add(payload);
                        lastIds.Add(parser.Deltas.LastUpdateId);
                        break;
                    case BinanceMessageKind.DepthSnapshot:
                        snapshot = payload;
                        snapshotId = parser.Deltas.LastUpdateId;
                        break;
                }
            }
        }

        var frames = depth.Where((_, i) => lastIds[i] >= snapshotId).ToArray();
        var parsed = frames.Select(f =>
        {
            parser.Parse(f, 0);
            var copy = new BookDeltas(parser.Deltas.Count);
            copy.LastUpdateId = parser.Deltas.LastUpdateId;
            foreach (var delta in parser.Deltas.Deltas)
            {
                copy.Add(delta);
            }

            return copy;
        }).ToArray();
        double levels = parsed.Sum(p => p.Count);
        parser.Parse(snapshot, 0);
        var snapshotDeltas = new BookDeltas(parser.Deltas.Count) { IsSnapshot = true, LastUpdateId = parser.Deltas.LastUpdateId };
        foreach (var delta in parser.Deltas.Deltas)
        {
            snapshotDeltas.Add(delta);
        }

        var stripped = frames.Select(f =>
        {
            var text = System.Text.Encoding.UTF8.GetString(f);
            var b = text.IndexOf("\"b\":[", StringComparison.Ordinal);
            return System.Text.Encoding.UTF8.GetBytes(text[..b] + "\"b\":[],\"a\":[]}}");
        }).ToArray();
        var headerSync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions { Instrument = instrument, Market = BinanceMarket.UsdM, BookCapacity = 4096 });
        var headerParser = new BinanceStreamParser(BinanceMarket.UsdM, registry) { DefaultInstrument = instrument, DepthSink = headerSync };
        var book = new L2OrderBook(instrument, 2, 3, capacity: 4096);
        var classicSync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions { Instrument = instrument, Market = BinanceMarket.UsdM, BookCapacity = 4096 });
        var fusedSync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions { Instrument = instrument, Market = BinanceMarket.UsdM, BookCapacity = 4096 });
        var fused = new BinanceStreamParser(BinanceMarket.UsdM, registry) { DefaultInstrument = instrument, DepthSink = fusedSync };
        // A live book: the 0.1 tick gives one price decimal, the frames write two ("61800.30").
        var tickClassicSync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions { Instrument = instrument, Market = BinanceMarket.UsdM, BookCapacity = 4096, PricePrecision = 1 });
        var tickFusedSync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions { Instrument = instrument, Market = BinanceMarket.UsdM, BookCapacity = 4096, PricePrecision = 1 });
        var tickFused = new BinanceStreamParser(BinanceMarket.UsdM, registry) { DefaultInstrument = instrument, DepthSink = tickFusedSync };
        // The live client's shape: a listener on Applied (the engine's bus) and, fused, the per-connection router
        // taking the feed's lock; the listener makes the parser keep the levels in BookDeltas too.
        var published = 0L;
        var liveClassicSync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions { Instrument = instrument, Market = BinanceMarket.UsdM, BookCapacity = 4096 });
        liveClassicSync.Applied += batch => published += batch.Count;
        var liveClassicGate = new Lock();
        var liveFeed = new FlowSight.Venues.Binance.Data.BinanceInstrumentFeed(
            "BTCUSDT",
            instrument,
            new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions { Instrument = instrument, Market = BinanceMarket.UsdM, BookCapacity = 4096 }),
            parser);
        liveFeed.Synchronizer.Applied += batch => published += batch.Count;
        var liveRouter = new FlowSight.Venues.Binance.Data.BinanceDepthRouter(new Dictionary<InstrumentId, FlowSight.Venues.Binance.Data.BinanceInstrumentFeed> { [instrument] = liveFeed });
        var liveFused = new BinanceStreamParser(BinanceMarket.UsdM, registry) { DefaultInstrument = instrument, DepthSink = liveRouter };
        var paths = new (string Name, Action Reset, Action<int, int> Run)[]
        {
            ("live client classic (+ Applied, lock)", () => { liveClassicSync.Resync(); liveClassicSync.OnSnapshot(snapshotDeltas); }, (a, b) =>
            {
                for (var i = a; i < b; i++)
                {
                    if (parser.Parse(frames[i], i) == BinanceMessageKind.DepthUpdate)
                    {
                        lock (liveClassicGate)
                        {
                            liveClassicSync.OnDiff(parser.Deltas);
                        }
                    }
                }
            }),
            ("live client fused (+ Applied, router)", () => { liveFeed.Synchronizer.Resync(); liveFeed.Synchronizer.OnSnapshot(snapshotDeltas); }, (a, b) =>
            {
                for (var i = a; i < b; i++)
                {
                    BinanceMessageKind kind;
                    try
                    {
                        kind = liveFused.Parse(frames[i], i);
                    }
                    finally
                    {
                        liveRouter.EndFrame();
                    }

                    if (kind == BinanceMessageKind.DepthUpdate && !liveFused.DiffTaken)
                    {
                        lock (liveFeed.Gate)
                        {
                            liveFeed.Synchronizer.OnDiff(liveFused.Deltas);
                        }
                    }
                }
            }),
            ("parse only (→ BookDeltas)", () => { }, (a, b) =>
            {
                for (var i = a; i < b; i++)
                {
                    parser.Parse(frames[i], i);
                }
            }),
            ("apply only (pre-parsed BookDeltas)", () => book.Apply(snapshotDeltas), (a, b) =>
            {
                for (var i = a; i < b; i++)
                {
                    book.Apply(parsed[i]);
                }
            }),
            ("parse → BookDeltas → L2OrderBook", () => book.Apply(snapshotDeltas), (a, b) =>
            {
                for (var i = a; i < b; i++)
                {
                    parser.Parse(frames[i], i);
                    book.Apply(parser.Deltas);
                }
            }),
            ("parse → BookDeltas → synchronizer", () => { classicSync.Resync(); classicSync.OnSnapshot(snapshotDeltas); }, (a, b) =>
            {
                for (var i = a; i < b; i++)
                {
                    parser.Parse(frames[i], i);
                    classicSync.OnDiff(parser.Deltas);
                }
            }),
            ("parse → synchronizer, fused", () => { fusedSync.Resync(); fusedSync.OnSnapshot(snapshotDeltas); }, (a, b) =>
            {
                for (var i = a; i < b; i++)
                {
                    if (fused.Parse(frames[i], i) == BinanceMessageKind.DepthUpdate && !fused.DiffTaken)
                    {
                        fusedSync.OnDiff(fused.Deltas);
                    }
                }
            }),
            ("book at 1 price decimal: classic", () => { tickClassicSync.Resync(); tickClassicSync.OnSnapshot(snapshotDeltas); }, (a, b) =>
            {
                for (var i = a; i < b; i++)
                {
                    parser.Parse(frames[i], i);
                    tickClassicSync.OnDiff(parser.Deltas);
                }
            }),
            ("book at 1 price decimal: fused", () => { tickFusedSync.Resync(); tickFusedSync.OnSnapshot(snapshotDeltas); }, (a, b) =>
            {
                for (var i = a; i < b; i++)
                {
                    if (tickFused.Parse(frames[i], i) == BinanceMessageKind.DepthUpdate && !tickFused.DiffTaken)
                    {
                        tickFusedSync.OnDiff(tickFused.Deltas);
                    }
                }
            }),
            ("header only, fused (levels removed)", () => { headerSync.Resync(); headerSync.OnSnapshot(snapshotDeltas); }, (a, b) =>
            {
                for (var i = a; i < b; i++)
                {
                    if (headerParser.Parse(stripped[i], i) == BinanceMessageKind.DepthUpdate && !headerParser.DiffTaken)
                    {
                        headerSync.OnDiff(headerParser.Deltas);
                    }
                }
            }),
        };

        var chunks = (frames.Length + Chunk - 1) / Chunk;
        var fastest = new double[paths.Length, chunks];
        for (var p = 0; p < paths.Length; p++)
        {
            for (var c = 0; c < chunks; c++)
            {
                fastest[p, c] = double.MaxValue;
            }
        }

        var allocated = new long[paths.Length];
        for (var round = 0; round < rounds; round++)
        {
            for (var p = 0; p < paths.Length; p++)
            {
                paths[p].Reset();
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var c = 0; c < chunks; c++)
                {
                    var start = Stopwatch.GetTimestamp();
                    paths[p].Run(c * Chunk, Math.Min(frames.Length, (c + 1) * Chunk));
                    fastest[p, c] = Math.Min(fastest[p, c], Stopwatch.GetElapsedTime(start).TotalNanoseconds);
                }

                allocated[p] = round == 0 ? long.MaxValue : Math.Min(allocated[p], GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }

        if (!fusedSync.IsSynced || !classicSync.IsSynced || fusedSync.LastUpdateId != classicSync.LastUpdateId
            || !tickFusedSync.IsSynced || !tickClassicSync.IsSynced || tickFusedSync.LastUpdateId != tickClassicSync.LastUpdateId
            || tickFusedSync.Book!.PricePrecision != 1
            || !liveFeed.Synchronizer.IsSynced || liveFeed.Synchronizer.LastUpdateId != liveClassicSync.LastUpdateId
            || liveFeed.Synchronizer.Counters.DiffsFused == 0 || published == 0)
        {
            throw new InvalidOperationException("The synchronizers did not follow the recording.");
        }

        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(culture, $"{frames.Length:N0} frames, {levels:N0} levels ({levels / frames.Length:F1} per frame), {rounds} rounds, fastest round per {Chunk}-frame chunk"));
        for (var p = 0; p < paths.Length; p++)
        {
            double total = 0;
            for (var c = 0; c < chunks; c++)
            {
                total += fastest[p, c];
            }

            Console.WriteLine(string.Create(culture, $"{paths[p].Name,-38} {total / frames.Length,8:N0} ns/frame {total / levels,6:F1} ns/level  allocated {allocated[p]:N0} B/round"));
        }
    }
}
