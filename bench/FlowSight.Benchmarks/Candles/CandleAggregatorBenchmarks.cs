using BenchmarkDotNet.Attributes;
using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Candles;

namespace FlowSight.Benchmarks.Candles;

/// <summary>
/// Trade → candles, per trade, on BTCUSDT-PERP trades 5 ms apart (a 1s candle closes and opens every 200 trades,
/// a 1m candle every 12,000), with a bus handler receiving the open/closed events.
/// <list type="bullet">
/// <item><c>SevenIntervals</c>: <see cref="CandleAggregator.Add"/> with the default 1s, 1m, 5m, 15m, 1h, 4h, 1d — every
/// trade updates seven candles and writes each to the <see cref="MemoryKlineStore"/>.</item>
/// <item><c>OneMinuteOnly</c>: the same with one interval.</item>
/// <item><c>SevenIntervalsThroughBus</c>: the first case entered through <see cref="EventBus.Publish{T}(in T)"/> as the
/// engine does (route selection and handler timing on every call).</item>
/// </list>
/// Mean is per trade; Allocated must be 0 B. Run: <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- --filter '*CandleAggregator*' --job short</c>.
/// On a loaded machine <see cref="RunCpuTime"/> gives the same cases in thread CPU time, best of interleaved rounds.
/// </summary>
[MemoryDiagnoser]
public class CandleAggregatorBenchmarks
{
    private const int Trades = 4_000;
    private const long Step = 5_000_000L; // 5 ms

    private static readonly InstrumentId Btc = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance);

    private TradeTick[] _trades = [];
    private EventBus _bus = null!;
    private CandleAggregator _seven = null!;
    private EventBus _oneBus = null!;
    private CandleAggregator _one = null!;
    private long _offset;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _trades = new TradeTick[Trades];
        var start = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000L;
        for (var i = 0; i < Trades; i++)
        {
            var price = Price.FromRaw(9_000_000 + random.Next(-500, 500), 2);
            var size = Quantity.FromRaw(random.Next(1, 5_000), 3);
            _trades[i] = new TradeTick(Btc, price, size, i % 2 == 0 ? AggressorSide.Buyer : AggressorSide.Seller, i, start + (i * Step), start + (i * Step));
        }

        _bus = new EventBus();
        _bus.Subscribe<Candle>("sink", new Sink());
        _seven = new CandleAggregator(new MemoryKlineStore(), _bus);
        _oneBus = new EventBus();
        _oneBus.Subscribe<Candle>("sink", new Sink());
        _one = new CandleAggregator(new MemoryKlineStore(), _oneBus, new CandleAggregatorOptions { Intervals = [CandleInterval.OneMinute] });
    }

    [Benchmark(OperationsPerInvoke = Trades)]
    public void SevenIntervals() => Run(_seven, throughBus: false);

    [Benchmark(OperationsPerInvoke = Trades)]
    public void OneMinuteOnly() => Run(_one, throughBus: false);

    [Benchmark(OperationsPerInvoke = Trades)]
    public void SevenIntervalsThroughBus() => Run(_seven, throughBus: true);

    /// <summary>The three cases in thread CPU time per trade, best of <paramref name="rounds"/> interleaved rounds of
    /// 100,000 trades each, with the bytes the thread allocated.</summary>
    public static void RunCpuTime(int rounds = 15)
    {
        var bench = new CandleAggregatorBenchmarks();
        bench.Setup();
        var cases = new (string Name, Action Run)[]
        {
            ("SevenIntervals", bench.SevenIntervals),
            ("OneMinuteOnly", bench.OneMinuteOnly),
            ("SevenIntervalsThroughBus", bench.SevenIntervalsThroughBus),
        };
        const int batches = 25;
        var best = new double[cases.Length];
        Array.Fill(best, double.MaxValue);
        var allocated = new long[cases.Length];
        for (var round = 0; round < rounds; round++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var start = ThreadCpuTime.Now();
                for (var b = 0; b < batches; b++)
                {
                    cases[c].Run();
                }

                var perTrade = (double)(ThreadCpuTime.Now() - start) / (batches * Trades);
                best[c] = Math.Min(best[c], perTrade);
                allocated[c] = round == 0 ? 0 : Math.Max(allocated[c], GC.GetAllocatedBytesForCurrentThread() - bytes);
            }
        }

        for (var c = 0; c < cases.Length; c++)
        {
            Console.WriteLine($"{cases[c].Name,-26} {best[c],8:F1} ns CPU per trade (best of {rounds}), {allocated[c]} B allocated per {batches * Trades:N0} trades after the first round");
        }
    }

    private void Run(CandleAggregator candles, bool throughBus)
    {
        // Time moves on across invocations so candles keep closing and opening as in live use.
        var offset = _offset;
        _offset += Trades * Step;
        var trades = _trades;
        for (var i = 0; i < trades.Length; i++)
        {
            var trade = trades[i] with { EventTime = trades[i].EventTime + offset };
            if (throughBus)
            {
                _bus.Publish(in trade);
            }
            else
            {
                candles.Add(in trade);
            }
        }
    }

    private sealed class Sink : IEventHandler<Candle>
    {
        public long Count;

        public void Handle(in Candle evt) => Count++;
    }
}
