using BenchmarkDotNet.Attributes;
using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.CrossVenue;
using FlowSight.Engine.Instruments;

namespace FlowSight.Benchmarks.CrossVenue;

/// <summary>
/// Quote update → consolidated quote for BTC/USDT-PERP on three venues (the recorded Binance, OKX and Gate.io specs:
/// multipliers 1, 0.01 and 0.0001 BTC, ticks 0.01, 0.1 and 0.1), on the system clock as in live use.
/// <list type="bullet">
/// <item><c>QuoteToConsolidatedQuote</c>: <see cref="ConsolidatedQuoteBook.Handle(in QuoteTick)"/> with OKX ticks that each
/// move the consolidated best bid between OKX and Binance, so every operation converts, compares three venues and publishes one
/// <see cref="ConsolidatedQuote"/> to a bus handler.</item>
/// <item><c>QuoteUnchangedTop</c>: ticks behind the top: converted and compared, nothing published.</item>
/// <item><c>QuoteThroughBus</c>: the first case entered through <see cref="EventBus.Publish{T}(in T)"/> as the engine
/// does (route selection and handler latency timing on every call, the engine's default).</item>
/// </list>
/// Mean is per quote tick. Run: <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- --filter '*ConsolidatedQuote*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class ConsolidatedQuoteBenchmarks
{
    private const int Ticks = 3_000;

    private QuoteTick[] _moving = [];
    private QuoteTick[] _behind = [];
    private ConsolidatedQuoteBook _book = null!;
    private EventBus _bus = null!;
    private Sink _sink = null!;

    [GlobalSetup]
    public void Setup()
    {
        var binance = Spec(InstrumentId.Of("BTCUSDT-PERP", Venue.Binance), "0.01", "0.001", 1m);
        var okx = Spec(InstrumentId.Of("BTC-USDT-SWAP", Venue.Okx), "0.1", "1", 0.01m);
        var gate = Spec(InstrumentId.Of("BTC_USDT-PERP", Venue.GateIo), "0.1", "1", 0.0001m);
        var registry = new InstrumentRegistry();
        registry.RegisterAll([binance, okx, gate]);
        _bus = new EventBus(); // the engine's default: every handler call timed
        _sink = new Sink();
        _bus.Subscribe("sink", _sink);
        _book = new ConsolidatedQuoteBook(new ConsolidatedQuoteBookOptions { Registry = registry, Bus = _bus, StaleAfter = TimeSpan.FromHours(1) });
        _book.Attach();

        // Binance quotes 29000.05 / 29000.06 and Gate.io sits behind; OKX's bid alternates between 29000.1 (above Binance's)
        // and 29000.0 (below), so the best bid's venue flips on every moving tick.
        var binanceQuote = new QuoteTick(binance.Id, Price.FromRaw(2_900_005, 2), Quantity.FromRaw(500, 3), Price.FromRaw(2_900_006, 2), Quantity.FromRaw(1_000, 3), 0, 0, 0);
        var gateQuote = new QuoteTick(gate.Id, Price.FromRaw(289_990, 1), Quantity.FromRaw(5_000, 0), Price.FromRaw(290_020, 1), Quantity.FromRaw(100, 0), 0, 0, 0);
        _book.Handle(in binanceQuote);
        _book.Handle(in gateQuote);
        _moving = new QuoteTick[Ticks];
        _behind = new QuoteTick[Ticks];
        for (var i = 0; i < Ticks; i++)
        {
            var bid = i % 2 == 0 ? 290_001 : 290_000;
            _moving[i] = new QuoteTick(okx.Id, Price.FromRaw(bid, 1), Quantity.FromRaw(30, 0), Price.FromRaw(290_010, 1), Quantity.FromRaw(12, 0), 0, i, 0);
            var id = i % 2 == 0 ? okx.Id : gate.Id;
            _behind[i] = new QuoteTick(id, Price.FromRaw(289_990 - (i % 5), 1), Quantity.FromRaw(30, 0), Price.FromRaw(290_020 + (i % 5), 1), Quantity.FromRaw(12, 0), 0, i, 0);
        }
    }

    [Benchmark(OperationsPerInvoke = Ticks)]
    public long QuoteToConsolidatedQuote()
    {
        var ticks = _moving;
        for (var i = 0; i < ticks.Length; i++)
        {
            _book.Handle(in ticks[i]);
        }

        return _sink.Count;
    }

    [Benchmark(OperationsPerInvoke = Ticks)]
    public long QuoteUnchangedTop()
    {
        var ticks = _behind;
        for (var i = 0; i < ticks.Length; i++)
        {
            _book.Handle(in ticks[i]);
        }

        return _sink.Count;
    }

    [Benchmark(OperationsPerInvoke = Ticks)]
    public long QuoteThroughBus()
    {
        var ticks = _moving;
        for (var i = 0; i < ticks.Length; i++)
        {
            _bus.Publish(in ticks[i]);
        }

        return _sink.Count;
    }

    private static Instrument Spec(InstrumentId id, string tick, string step, decimal multiplier) => new()
    {
        Id = id,
        VenueSymbol = id.Symbol,
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse(tick),
        StepSize = Quantity.Parse(step),
        MinQuantity = Quantity.Parse(step),
        ContractMultiplier = multiplier,
    };

    private sealed class Sink : IEventHandler<ConsolidatedQuote>
    {
        public long Count { get; private set; }

        public void Handle(in ConsolidatedQuote evt) => Count++;
    }
}
