using System.Diagnostics;
using System.Globalization;
using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Execution;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Replay;
using FlowSight.Engine.Risk;
using FlowSight.Engine.Trading;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Book;
using FlowSight.Venues.Binance.Data;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Binance.Parsing;
using HdrHistogram;

namespace FlowSight.Benchmarks.Trading;

/// <summary>
/// Tick-to-order in process: a recorded Binance USDⓈ-M depth frame's bytes → parser → depth synchronizer → local book →
/// a trivial strategy (quote one post-only bid 10 ticks under the best bid whenever the best bid moves) → the full
/// risk engine (every limit set) → the execution engine (order store, OrderSubmitted) → the Binance client's encoder
/// and HMAC signer: signed request bytes ready to send. Each frame that produces an order is one sample in an
/// HdrHistogram (ns), and each stage (parse, synchronizer + book, strategy, risk + execution up to OrderSubmitted,
/// dispatch to the client, encode + sign) one sample in its own, with the bytes each stage allocated and the gen-0
/// GCs of the measured passes. One trading node serves every pass (its order store in steady state); each pass replays
/// the recording into a fresh synchronizer. <c>fused</c> lets the parser write levels straight into the
/// synchronizer's book (<see cref="IBinanceDepthSink"/>) instead of through a <see cref="BookDeltas"/> batch.
/// <c>bookticker</c> takes the recording's <c>bookTicker</c> frames instead (the venue's own best bid/offer stream, which
/// a quoting strategy that only needs the top of the book reacts to): parse → <see cref="QuoteTick"/> → the same
/// strategy, risk, execution and signing, with no book to apply.
/// Run: <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- tick-to-order [passes] [fused|bookticker]</c>.
/// </summary>
internal static class TickToOrderRunner
{
    private const string Recording = "recordings/hftbacktest/binance-usdm/btcusdt_20240808.gz";

    /// <summary>The depth paths compared; <see cref="BookTicker"/> takes the bookTicker frames instead.</summary>
    internal enum Variant
    {
        /// <summary>parse → <see cref="BookDeltas"/> → <see cref="BinanceDepthSynchronizer.OnDiff"/>, then the strategy.</summary>
        Classic,

        /// <summary>The live client's path: the parser writes into the book through <see cref="BinanceDepthRouter"/> (feed lock, synchronizer), then the strategy.</summary>
        Fused,

        /// <summary>The same, top first: the strategy runs from <see cref="BinanceDepthSynchronizer.TopApplied"/>, before the diff's deep levels.</summary>
        TopFirst,

        /// <summary>bookTicker frames → <see cref="QuoteTick"/>, no book.</summary>
        BookTicker,
    }

    public static void Run(int passes, Variant[] variants, int topDepth = 1)
    {
        var instrument = PaperInstruments.For(PaperVenueKind.BinanceUsdm, ["BTCUSDT"])[0];
        var registry = new BinanceSymbolRegistry();
        registry.Register(BinanceMarket.UsdM, "BTCUSDT");
        var (depthFrames, depthLevels, tickerFrames, snapshot) = Load(registry, instrument);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tick-to-order: {depthFrames.Length:N0} depth / {tickerFrames.Length:N0} bookTicker frames of {instrument.Id}, {passes} measured passes per variant ({string.Join(", ", variants)}), interleaved pass by pass; top first: best {topDepth} level(s) per side"));

        var overhead = long.MaxValue;
        for (var i = 0; i < 1000; i++)
        {
            var a = ThreadCpuTime.Now();
            overhead = Math.Min(overhead, ThreadCpuTime.Now() - a);
        }

        // One trading node for every pass, as a live engine runs one: its order store reaches its steady state (closed
        // orders beyond MaxClosedOrders are forgotten and their instances reused) during the warm-up passes.
        using var engine = new EngineLoop(new FlowSightOptions { EventBufferSize = 1024 });
        var client = new SigningExecutionClient(instrument);
        var node = new TradingNode(engine, [instrument], new TradingNodeOptions
        {
            Execution = new ExecutionEngineOptions { CallClientsInline = true },
            MaxClosedOrders = 256,
            Risk = new RiskLimits
            {
                Defaults = new InstrumentRiskLimits
                {
                    MaxOrderQuantity = 10m,
                    MaxOrderNotional = 1_000_000m,
                    MaxPositionQuantity = 100m,
                    MaxPositionNotional = 10_000_000m,
                    MaxOpenOrders = 1_000_000,
                    PriceBandBps = 500,
                },
                MaxTotalPositionNotional = 100_000_000m,
                MaxTotalOpenOrders = 1_000_000,
                // The rate counter keeps one timestamp per allowed order (8 B each): a billion would be 8 GB.
                MaxOrdersPerSecond = 1_000_000,
                MaxLeverage = 100m,
                DailyLossLimit = 1_000_000m,
            },
        });
        node.AddClient(client);
        var submitted = new SubmittedStamp();
        using var stampSubscription = engine.Bus.Subscribe(new Subscription<OrderSubmitted> { Name = "bench-stamp", Priority = int.MinValue }, submitted);
        node.Portfolio.OnBalanceReport(new BalanceReport { Venue = Venue.Binance, Account = client.Account, Asset = "USDT", Total = 1_000_000m, Free = 1_000_000m, IsSnapshot = true });

        // One parser per variant too (its level buffer grows to the largest frame once); each pass builds a fresh
        // synchronizer, feed and router.
        var contexts = variants.Select(v => new Pass(v, new BinanceStreamParser(BinanceMarket.UsdM, registry) { DefaultInstrument = instrument.Id }, instrument, engine, node, client, submitted, overhead, topDepth)).ToArray();
        // Warm-up passes first: tiered JIT promotes the hot methods only after they ran a while with no new code being
        // jitted, and every pass builds a fresh synchronizer (new tier-0 code) — one warm-up pass left the parser at tier 0.
        // At least 3 s of them too: the tiering delay restarts while new code is jitted, and eight passes of top first
        // alone (~0.3 s) left the order path at tier 0 (risk + execution 3.6 µs at p50 instead of 0.7).
        const int WarmUpPasses = 8;
        var warmUpStart = Stopwatch.GetTimestamp();
        for (var pass = 0; pass < WarmUpPasses || Stopwatch.GetElapsedTime(warmUpStart) < TimeSpan.FromSeconds(3); pass++)
        {
            foreach (var context in contexts)
            {
                context.Run(context.Variant == Variant.BookTicker ? tickerFrames : depthFrames, depthLevels, snapshot, new Measurements());
            }
        }

        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var context in contexts)
            {
                context.Run(context.Variant == Variant.BookTicker ? tickerFrames : depthFrames, depthLevels, snapshot, context.Measured);
            }
        }

        foreach (var context in contexts)
        {
            Console.WriteLine();
            Console.WriteLine(context.Variant switch
            {
                Variant.Classic => "== classic: depth frame → parse → BookDeltas → synchronizer.OnDiff → book, then the strategy",
                Variant.Fused => "== fused (the live client's path before top first): depth frame → parser → BinanceDepthRouter (feed lock) → synchronizer → book, then the strategy",
                Variant.TopFirst => "== top first: depth frame → parser → BinanceDepthRouter → synchronizer → top of the book → TopApplied → strategy; the diff's other levels after",
                _ => "== bookTicker frames → QuoteTick (no book) → strategy",
            });
            context.Measured.Print();
            if (context.Variant == Variant.TopFirst)
            {
                var p = context.Parser;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  parser (all passes): {p.TopFirstDiffs:N0} diffs top first, {p.TopFirstFallbacks:N0} in the frame's order instead, {p.TopFirstReordered:N0} reordered"));
            }
        }

        node.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One variant's parser, book and strategy state; <see cref="Run"/> replays the frames once.</summary>
    private sealed class Pass(Variant variant, BinanceStreamParser parser, Instrument instrument, EngineLoop engine, TradingNode node, SigningExecutionClient client, SubmittedStamp submitted, long overhead, int topDepth)
    {
        private readonly Quantity _quantity = Quantity.FromDecimal(0.002m, instrument.SizePrecision);
        private Measurements _m = new();
        private Price _lastBid;
        private long _orders;

        // The frame in flight: its stamps before the parse (the strategy may run inside it, top first).
        private long _start;
        private long _cpuStart;
        private int _gc0;
        private long _allocated0;
        private int _levels;
        private bool _quoted;
        private long _quotedAt; // Stopwatch stamp when the strategy returned
        private SubmitOrder _order;

        public Variant Variant { get; } = variant;

        public BinanceStreamParser Parser { get; } = parser;

        public Measurements Measured { get; } = new();

        public void Run(byte[][] frames, int[] levels, BookDeltas snapshot, Measurements m)
        {
            _m = m;
            var bookTicker = Variant == Variant.BookTicker;
            var sync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions
            {
                Instrument = instrument.Id,
                Market = BinanceMarket.UsdM,
                PricePrecision = instrument.PricePrecision,
                SizePrecision = instrument.SizePrecision,
                BookCapacity = 4096,
            });
            sync.Start();
            sync.OnSnapshot(snapshot);
            BinanceDepthRouter? router = null;
            if (Variant is Variant.Fused or Variant.TopFirst)
            {
                var feed = new BinanceInstrumentFeed("BTCUSDT", instrument.Id, sync, new BinanceStreamParser(BinanceMarket.UsdM, new BinanceSymbolRegistry()));
                router = new BinanceDepthRouter(new Dictionary<InstrumentId, BinanceInstrumentFeed> { [instrument.Id] = feed });
                if (Variant == Variant.TopFirst)
                {
                    sync.TopDepth = topDepth;
                    sync.TopApplied += OnTop;
                }
            }

            Parser.DepthSink = router;
            var book = sync.Book!;
            book.TryGetBestBid(out var first);
            node.Portfolio.OnMarkPrice(new MarkPrice(instrument.Id, first.Price, first.Price, first.Price, 0.0001m, 0, 1, 1));
            _lastBid = default;
            var ordersBefore = _orders;
            var before = GC.GetAllocatedBytesForCurrentThread();
            var gcBefore = GC.CollectionCount(0);
            for (var i = 0; i < frames.Length; i++)
            {
                _quoted = false;
                _levels = bookTicker ? 1 : levels[i];
                _gc0 = GC.CollectionCount(0);
                _allocated0 = GC.GetAllocatedBytesForCurrentThread();
                _cpuStart = ThreadCpuTime.Now();
                _start = Stopwatch.GetTimestamp();
                BinanceMessageKind kind;
                try
                {
                    kind = Parser.Parse(frames[i], _start);
                }
                finally
                {
                    router?.EndFrame();
                }

                if (kind == BinanceMessageKind.Malformed)
                {
                    throw new InvalidOperationException($"frame {i} malformed: {Parser.Diagnostics.LastReason}");
                }

                if (Variant == Variant.TopFirst)
                {
                    // The strategy ran inside the parse, on the top of the book; here the diff's deep levels are in too.
                    if (_quoted)
                    {
                        _m.Rest.RecordValue(Stopwatch.GetTimestamp() - _quotedAt);
                        AfterOrder();
                    }

                    continue;
                }

                var parsed = Stopwatch.GetTimestamp();
                var allocatedParsed = GC.GetAllocatedBytesForCurrentThread();
                Price bestBid;
                if (bookTicker)
                {
                    bestBid = kind == BinanceMessageKind.BookTicker ? Parser.Quote.BidPrice : _lastBid;
                }
                else
                {
                    if (kind == BinanceMessageKind.DepthUpdate && !Parser.DiffTaken)
                    {
                        sync.OnDiff(Parser.Deltas);
                    }

                    bestBid = book.TryGetBestBid(out var bid) ? bid.Price : _lastBid;
                }

                var booked = Stopwatch.GetTimestamp();
                if (Quote(bestBid, parsed, allocatedParsed, booked))
                {
                    AfterOrder();
                }
            }

            _m.Orders += _orders - ordersBefore;
            _m.Allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            _m.Gen0 += GC.CollectionCount(0) - gcBefore;
            if (Variant == Variant.TopFirst)
            {
                sync.TopApplied -= OnTop;
            }
        }

        /// <summary>Top first: the diff's top levels are in the book, the rest waits until this returns.</summary>
        private void OnTop(L2OrderBook book)
        {
            var now = Stopwatch.GetTimestamp();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var bestBid = book.TryGetBestBid(out var bid) ? bid.Price : _lastBid;
            if (Quote(bestBid, now, allocated, Stopwatch.GetTimestamp()))
            {
                _m.TopLevels.RecordValue(Parser.TopFirstLevels);
                _quoted = true;
                _quotedAt = Stopwatch.GetTimestamp();
            }
        }

        /// <summary>The trivial strategy: a post-only bid 10 ticks under a new best bid, through risk and execution to signed bytes.</summary>
        private bool Quote(Price bestBid, long parsed, long allocatedParsed, long booked)
        {
            var allocatedBooked = GC.GetAllocatedBytesForCurrentThread();
            if (bestBid == _lastBid)
            {
                return false;
            }

            _lastBid = bestBid;
            var price = bestBid;
            var tick = instrument.TickSize;
            for (var t = 0; t < 10; t++)
            {
                price -= tick;
            }

            _order = new SubmitOrder
            {
                ClientOrderId = node.Ids.Next(),
                Instrument = instrument.Id,
                Side = OrderSide.Buy,
                Type = OrderType.Limit,
                Quantity = _quantity,
                Price = price,
                TimeInForce = TimeInForce.Gtx,
            };
            var decided = Stopwatch.GetTimestamp();
            var allocatedDecided = GC.GetAllocatedBytesForCurrentThread();
            var signedBefore = client.Signed;
            node.Risk.Submit(in _order);
            if (client.Signed == signedBefore)
            {
                return false;
            }

            var cpuEnd = ThreadCpuTime.Now();
            var returned = Stopwatch.GetTimestamp();
            var allocated1 = GC.GetAllocatedBytesForCurrentThread();
            var gc = GC.CollectionCount(0) != _gc0;
            _m.RecordAllocations(allocatedParsed - _allocated0, allocatedBooked - allocatedParsed, allocatedDecided - allocatedBooked, submitted.Allocated - allocatedDecided, client.AllocatedAtEntry - submitted.Allocated, allocated1 - client.AllocatedAtEntry);
            _m.Levels.RecordValue(_levels);
            _m.Record(_start, parsed, booked, decided, submitted.Last, client.LastEntered, client.LastReady, returned, Math.Max(0, cpuEnd - _cpuStart - overhead), allocated1 - _allocated0, gc);
            _orders++;
            return true;
        }

        /// <summary>
        /// Outside the measurement: the risk check alone on the same order (its share of the risk + execution stage),
        /// and the venue's answer that retires the quote (a market maker keeps one working order per side; the risk
        /// engine's open-order and position figures scan the working orders).
        /// </summary>
        private void AfterOrder()
        {
            var checkStart = Stopwatch.GetTimestamp();
            node.Risk.Check(in _order);
            _m.RiskCheck.RecordValue(Stopwatch.GetTimestamp() - checkStart);
            node.Execution.ReportSink.OnOrderStatus(new OrderStatusReport
            {
                Instrument = instrument.Id,
                ClientOrderId = _order.ClientOrderId,
                VenueOrderId = VenueOrderId.FromNumber(_orders),
                Side = _order.Side,
                Type = _order.Type,
                Status = OrderStatus.Canceled,
                Quantity = _order.Quantity,
                FilledQuantity = Quantity.Zero(_order.Quantity.Precision),
                Price = _order.Price,
                TimeInForce = _order.TimeInForce,
            });
            engine.RunPending();
        }
    }

    /// <summary>Stamps when <see cref="OrderSubmitted"/> reaches the last handler: the risk check and the order store are done.</summary>
    private sealed class SubmittedStamp : IEventHandler<OrderSubmitted>
    {
        public long Last { get; private set; }

        public long Allocated { get; private set; }

        public void Handle(in OrderSubmitted evt)
        {
            Allocated = GC.GetAllocatedBytesForCurrentThread();
            Last = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>The whole path's and each stage's histograms (Stopwatch ticks), with allocation and gen-0 GC counts.</summary>
    private sealed class Measurements
    {
        private static readonly long Highest = TimeStamp.Seconds(1);
        private readonly LongHistogram _all = new(Highest, 3);
        private readonly LongHistogram _noGc = new(Highest, 3);
        private readonly LongHistogram _cpu = new(1_000_000_000, 3);
        private readonly LongHistogram _parse = new(Highest, 3);
        private readonly LongHistogram _book = new(Highest, 3);
        private readonly LongHistogram _strategy = new(Highest, 3);
        private readonly LongHistogram _riskExecution = new(Highest, 3);
        private readonly LongHistogram _dispatch = new(Highest, 3);
        private readonly LongHistogram _sign = new(Highest, 3);
        private readonly LongHistogram _return = new(Highest, 3);
        private long _windowAllocated;
        private long _allocatedParse;
        private long _allocatedBook;
        private long _allocatedStrategy;
        private long _allocatedRiskExecution;
        private long _allocatedDispatch;
        private long _allocatedSign;
        private long _withGc;

        public LongHistogram RiskCheck { get; } = new(Highest, 3);

        /// <summary>Top first: from the strategy's return to the diff's last level in the book (after the order, not in the figure).</summary>
        public LongHistogram Rest { get; } = new(Highest, 3);

        /// <summary>Top first: levels applied before the strategy ran, in the frames that made an order.</summary>
        public LongHistogram TopLevels { get; } = new(1_000_000, 3);

        /// <summary>Levels in the frames that made an order.</summary>
        public LongHistogram Levels { get; } = new(1_000_000, 3);

        public long Orders { get; set; }

        public long Allocated { get; set; }

        public long Gen0 { get; set; }

        public void RecordAllocations(long parse, long book, long strategy, long riskExecution, long dispatch, long sign)
        {
            _allocatedParse += parse;
            _allocatedBook += book;
            _allocatedStrategy += strategy;
            _allocatedRiskExecution += riskExecution;
            _allocatedDispatch += dispatch;
            _allocatedSign += sign;
        }

        public void Record(long start, long parsed, long booked, long decided, long submitted, long entered, long ready, long returned, long cpu, long allocated, bool gc)
        {
            _all.RecordValue(ready - start);
            _cpu.RecordValue(cpu);
            _parse.RecordValue(parsed - start);
            _book.RecordValue(booked - parsed);
            _strategy.RecordValue(decided - booked);
            _riskExecution.RecordValue(submitted - decided);
            _dispatch.RecordValue(entered - submitted);
            _sign.RecordValue(ready - entered);
            _return.RecordValue(returned - ready);
            _windowAllocated += allocated;
            if (gc)
            {
                _withGc++;
            }
            else
            {
                _noGc.RecordValue(ready - start);
            }
        }

        public void Print()
        {
            if (_all.TotalCount == 0)
            {
                Console.WriteLine("no orders");
                return;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"orders {Orders:N0}; wall clock: {Line(_all)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"thread CPU time: p50 {_cpu.GetValueAtPercentile(50):N0} ns, p90 {_cpu.GetValueAtPercentile(90):N0} ns, p99 {_cpu.GetValueAtPercentile(99):N0} ns, p99.9 {_cpu.GetValueAtPercentile(99.9):N0} ns"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"allocated: {(double)Allocated / Math.Max(1, Orders):N0} B per order in all ({(double)_windowAllocated / Math.Max(1, Orders):N0} B inside the measured window); gen-0 GCs {Gen0:N0}, samples with a GC in them {_withGc:N0}"));
            var n = (double)Math.Max(1, Orders);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  per order: parse {_allocatedParse / n:N0} B, synchronizer+book {_allocatedBook / n:N0} B, strategy {_allocatedStrategy / n:N0} B, risk+execution {_allocatedRiskExecution / n:N0} B, dispatch {_allocatedDispatch / n:N0} B, encode+sign(+return) {_allocatedSign / n:N0} B"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  samples without a GC: {Line(_noGc)}"));
            if (Levels.GetMaxValue() > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"levels per frame that made an order: p50 {Levels.GetValueAtPercentile(50):N0}, p90 {Levels.GetValueAtPercentile(90):N0}, p99 {Levels.GetValueAtPercentile(99):N0}, p99.9 {Levels.GetValueAtPercentile(99.9):N0}, max {Levels.GetMaxValue():N0}"));
            }

            if (TopLevels.TotalCount > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  of which applied before the strategy ran (top first): p50 {TopLevels.GetValueAtPercentile(50):N0}, p90 {TopLevels.GetValueAtPercentile(90):N0}, p99 {TopLevels.GetValueAtPercentile(99):N0}, p99.9 {TopLevels.GetValueAtPercentile(99.9):N0}, max {TopLevels.GetMaxValue():N0}"));
            }

            Console.WriteLine("stages (wall clock):");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  parse (fused: + book; top first: + top of the book) {Line(_parse)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  synchronizer+book (classic), best bid read {Line(_book)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  strategy         {Line(_strategy)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  risk+execution   {Line(_riskExecution)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    (risk check alone, same order, outside the window: {Line(RiskCheck)})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  dispatch         {Line(_dispatch)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  encode+sign      {Line(_sign)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (return to the strategy, not in the figure: {Line(_return)})"));
            if (Rest.TotalCount > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (top first: the diff's other levels, after the order, not in the figure: {Line(Rest)})"));
            }
        }

        private static string Line(LongHistogram h)
        {
            static double Ns(long ticks) => ticks * 1e9 / Stopwatch.Frequency;
            return h.TotalCount == 0
                ? "none"
                : string.Create(CultureInfo.InvariantCulture,
                    $"p50 {Ns(h.GetValueAtPercentile(50)):N0} ns, p90 {Ns(h.GetValueAtPercentile(90)):N0} ns, p99 {Ns(h.GetValueAtPercentile(99)):N0} ns, p99.9 {Ns(h.GetValueAtPercentile(99.9)):N0} ns, max {Ns(h.GetMaxValue()):N0} ns");
        }
    }

    private static (byte[][] Depth, int[] Levels, byte[][] BookTickers, BookDeltas Snapshot) Load(BinanceSymbolRegistry registry, Instrument instrument)
    {
        var parser = new BinanceStreamParser(BinanceMarket.UsdM, registry) { DefaultInstrument = instrument.Id };
        var depth = new List<(byte[] Payload, long LastId, int Levels)>();
        var tickers = new List<byte[]>();
        BookDeltas? snapshot = null;
        using (var reader = new RecordingReader([SharedData.Require(Recording)]))
        {
            while (reader.TryRead(out RecordedFrame frame))
            {
                var payload = frame.Payload.ToArray();
                switch (parser.Parse(payload, frame.ReceiveTime))
                {
                    case BinanceMessageKind.DepthUpdate:
                        depth.Add((payload, parser.Deltas.LastUpdateId, parser.Deltas.Count));
                        break;
                    case BinanceMessageKind.BookTicker:
                        tickers.Add(payload);
                        break;
                    case BinanceMessageKind.DepthSnapshot when snapshot is null:
                        snapshot = new BookDeltas(parser.Deltas.Count) { IsSnapshot = true, LastUpdateId = parser.Deltas.LastUpdateId };
                        foreach (var delta in parser.Deltas.Deltas)
                        {
                            snapshot.Add(delta);
                        }

                        break;
                }
            }
        }

        if (snapshot is null)
        {
            throw new InvalidDataException($"{Recording} holds no depth snapshot.");
        }

        var kept = depth.Where(d => d.LastId > snapshot.LastUpdateId).ToArray();
        return ([.. kept.Select(d => d.Payload)], [.. kept.Select(d => d.Levels)], [.. tickers], snapshot);
    }
}
