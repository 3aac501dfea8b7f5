using BenchmarkDotNet.Attributes;
using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Markets.Synthetic;
using FlowSight.Simulator.Orders;

namespace FlowSight.Benchmarks.Simulator;

/// <summary>
/// The synthetic market's throughput: simulated time is advanced in 10 ms steps until 10,000 more events (every
/// listener call: order events of the participants, public trades, book level changes) have come out. One operation
/// is one event, so the mean is time per event and 10⁹ / mean is events per second. The book is warmed for two
/// simulated minutes in setup (a BTCUSDT-like perpetual, default flow: about 330 events per simulated second).
/// </summary>
[MemoryDiagnoser]
public class SyntheticMarketBenchmarks
{
    private const int Events = 10_000;
    private const long Step = 10_000_000;

    private EventCounter _counter = null!;
    private SyntheticMarket _market = null!;
    private long _now;

    [GlobalSetup]
    public void Setup()
    {
        var instrument = new Instrument
        {
            Id = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance),
            VenueSymbol = "BTCUSDT",
            Kind = InstrumentKind.Perpetual,
            BaseAsset = "BTC",
            QuoteAsset = "USDT",
            SettleAsset = "USDT",
            TickSize = Price.Parse("0.10"),
            StepSize = Quantity.Parse("0.001"),
            MinQuantity = Quantity.Parse("0.001"),
            MinNotional = Money.Parse("100"),
            MaxLeverage = 125m,
        };
        _counter = new EventCounter();
        _now = 1_723_161_256_000_000_000;
        _market = new SyntheticMarket(instrument, _counter, new SyntheticMarketOptions { Seed = 42, InitialPrice = Price.Parse("61800.0"), StartTime = _now });
        _market.AdvanceTo(_now += 120_000_000_000);
    }

    /// <summary>One operation = one event out of the market.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long TenThousandEvents()
    {
        long target = _counter.Count + Events;
        while (_counter.Count < target)
        {
            _market.AdvanceTo(_now += Step);
        }

        return _counter.Count;
    }

    private sealed class EventCounter : IMarketListener
    {
        public long Count;

        public void OnOrderEvent(in OrderEvent orderEvent) => Count++;

        public void OnTrade(in TradeTick trade) => Count++;

        public void OnBookLevel(InstrumentId instrument, OrderSide side, Price price, Quantity total, long timestamp) => Count++;
    }
}
