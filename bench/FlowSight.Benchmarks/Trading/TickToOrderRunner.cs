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

    public static void Run(int passes, bool fused = false, bool bookTicker = false)
    {
        var instrument = PaperInstruments.For(PaperVenueKind.BinanceUsdm, ["BTCUSDT"])[0];
        var registry = new BinanceSymbolRegistry();
        registry.Register(BinanceMarket.UsdM, "BTCUSDT");
        var (depthFrames, tickerFrames, snapshot) = Load(registry, instrument);
        var frames = bookTicker ? tickerFrames : depthFrames;
        var path = bookTicker ? "bookTicker frames → QuoteTick (no book)" : fused ? "depth frames, fused parse → synchronizer (parser's DepthSink)" : "depth frames, parse → BookDeltas → synchronizer";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tick-to-order: {frames.Length:N0} recorded frames of {instrument.Id}, {passes} passes, {path}"));

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

        // One parser too (its level buffer grows to the largest frame once); each pass builds a fresh synchronizer and book.
        var parser = new BinanceStreamParser(BinanceMarket.UsdM, registry) { DefaultInstrument = instrument.Id };
        var measured = new Measurements();
        // Warm-up passes first: tiered JIT promotes the hot methods only after they ran a while with no new code being
        // jitted, and every pass builds a fresh synchronizer (new tier-0 code) — one warm-up pass left the parser at tier 0.
        const int WarmUpPasses = 8;
        long ordersSoFar = 0;
        for (var pass = 0; pass < WarmUpPasses + passes; pass++)
        {
            ordersSoFar = RunPass(parser, instrument, frames, snapshot, fused, bookTicker, engine, node, client, submitted, ordersSoFar, pass < WarmUpPasses ? new Measurements() : measured, overhead);
        }

        measured.Print();
        node.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static long RunPass(BinanceStreamParser parser, Instrument instrument, byte[][] frames, BookDeltas snapshot, bool fused, bool bookTicker, EngineLoop engine, TradingNode node, SigningExecutionClient client, SubmittedStamp submitted, long ordersSoFar, Measurements m, long overhead)
    {
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
        parser.DepthSink = fused && !bookTicker ? sync : null;

        var book = sync.Book!;
        book.TryGetBestBid(out var first);
        node.Portfolio.OnMarkPrice(new MarkPrice(instrument.Id, first.Price, first.Price, first.Price, 0.0001m, 0, 1, 1));
        var tick = instrument.TickSize;
        var quantity = Quantity.FromDecimal(0.002m, instrument.SizePrecision);
        var lastBid = default(Price);
        var orders = ordersSoFar;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var gcBefore = GC.CollectionCount(0);
        for (var i = 0; i < frames.Length; i++)
        {
            var gc0 = GC.CollectionCount(0);
            var allocated0 = GC.GetAllocatedBytesForCurrentThread();
            var cpuStart = ThreadCpuTime.Now();
            var start = Stopwatch.GetTimestamp();
            var kind = parser.Parse(frames[i], start);
            var parsed = Stopwatch.GetTimestamp();
            var allocatedParsed = GC.GetAllocatedBytesForCurrentThread();
            Price bestBid;
            int levels;
            if (bookTicker)
            {
                levels = 1;
                bestBid = kind == BinanceMessageKind.BookTicker ? parser.Quote.BidPrice : lastBid;
            }
            else
            {
                levels = parser.Deltas.Count;
                if (kind == BinanceMessageKind.DepthUpdate && !parser.DiffTaken)
                {
                    sync.OnDiff(parser.Deltas);
                }

                bestBid = book.TryGetBestBid(out var bid) ? bid.Price : lastBid;
            }

            var booked = Stopwatch.GetTimestamp();
            var allocatedBooked = GC.GetAllocatedBytesForCurrentThread();
            if (bestBid == lastBid)
            {
                continue;
            }

            lastBid = bestBid;
            var price = bestBid;
            for (var t = 0; t < 10; t++)
            {
                price -= tick;
            }

            var order = new SubmitOrder
            {
                ClientOrderId = node.Ids.Next(),
                Instrument = instrument.Id,
                Side = OrderSide.Buy,
                Type = OrderType.Limit,
                Quantity = quantity,
                Price = price,
                TimeInForce = TimeInForce.Gtx,
            };
            var decided = Stopwatch.GetTimestamp();
            var allocatedDecided = GC.GetAllocatedBytesForCurrentThread();
            var signedBefore = client.Signed;
            node.Risk.Submit(in order);
            if (client.Signed != signedBefore)
            {
                var cpuEnd = ThreadCpuTime.Now();
                var returned = Stopwatch.GetTimestamp();
                var allocated1 = GC.GetAllocatedBytesForCurrentThread();
                var gc = GC.CollectionCount(0) != gc0;
                m.RecordAllocations(allocatedParsed - allocated0, allocatedBooked - allocatedParsed, allocatedDecided - allocatedBooked, submitted.Allocated - allocatedDecided, client.AllocatedAtEntry - submitted.Allocated, allocated1 - client.AllocatedAtEntry);
                m.Levels.RecordValue(levels);
                m.Record(start, parsed, booked, decided, submitted.Last, client.LastEntered, client.LastReady, returned, Math.Max(0, cpuEnd - cpuStart - overhead), allocated1 - allocated0, gc);
                orders++;

                // Outside the measurement: the risk check alone on the same order (its share of the risk + execution
                // stage), and the venue's answer that retires the quote (a market maker keeps one working order per
                // side; the risk engine's open-order and position figures scan the working orders).
                var checkStart = Stopwatch.GetTimestamp();
                node.Risk.Check(in order);
                m.RiskCheck.RecordValue(Stopwatch.GetTimestamp() - checkStart);
                node.Execution.ReportSink.OnOrderStatus(new OrderStatusReport
                {
                    Instrument = instrument.Id,
                    ClientOrderId = order.ClientOrderId,
                    VenueOrderId = VenueOrderId.FromNumber(orders),
                    Side = order.Side,
                    Type = order.Type,
                    Status = OrderStatus.Canceled,
                    Quantity = order.Quantity,
                    FilledQuantity = Quantity.Zero(order.Quantity.Precision),
                    Price = order.Price,
                    TimeInForce = order.TimeInForce,
                });
                engine.RunPending();
            }
        }

        m.Orders += orders - ordersSoFar;
        m.Allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        m.Gen0 += GC.CollectionCount(0) - gcBefore;
        return orders;
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

        /// <summary>Levels in the frames that made an order (0 on the fused path, where the levels go straight into the book).</summary>
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

            Console.WriteLine("stages (wall clock):");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  parse            {Line(_parse)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  synchronizer+book {Line(_book)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  strategy         {Line(_strategy)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  risk+execution   {Line(_riskExecution)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    (risk check alone, same order, outside the window: {Line(RiskCheck)})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  dispatch         {Line(_dispatch)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  encode+sign      {Line(_sign)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (return to the strategy, not in the figure: {Line(_return)})"));
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

    private static (byte[][] Depth, byte[][] BookTickers, BookDeltas Snapshot) Load(BinanceSymbolRegistry registry, Instrument instrument)
    {
        var parser = new BinanceStreamParser(BinanceMarket.UsdM, registry) { DefaultInstrument = instrument.Id };
        var depth = new List<(byte[] Payload, long LastId)>();
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
                        depth.Add((payload, parser.Deltas.LastUpdateId));
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

        return ([.. depth.Where(d => d.LastId > snapshot.LastUpdateId).Select(d => d.Payload)], [.. tickers], snapshot);
    }
}
