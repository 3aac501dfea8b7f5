using BenchmarkDotNet.Attributes;
using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Risk;

namespace FlowSight.Benchmarks.Risk;

/// <summary>
/// Risk check ns/command: a typical BTCUSDT perpetual limit order that passes every check (filters, order
/// quantity and notional, price band, position quantity and notional, total notional, open orders, order rate,
/// leverage, daily loss), through the pure <see cref="RiskEngine.Check(in SubmitOrder)"/>, then through
/// <see cref="RiskEngine.Submit"/> to a gateway that drops it. Views answer constants, so the figure is the risk
/// engine's own cost plus the clock read.
/// Run: <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- --filter '*RiskEngineBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class RiskEngineBenchmarks
{
    private static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSDT-PERP.BINANCE");
    private static readonly InstrumentId Eth = InstrumentId.Parse("ETHUSDT-PERP.BINANCE");

    private RiskEngine _allChecks = null!;
    private RiskEngine _filtersOnly = null!;
    private RiskEngine _submitting = null!;
    private SubmitOrder _order;
    private long _nextId;

    [GlobalSetup]
    public void Setup()
    {
        Instrument[] instruments =
        [
            new()
            {
                Id = Btc, VenueSymbol = "BTCUSDT", Kind = InstrumentKind.Perpetual, BaseAsset = "BTC", QuoteAsset = "USDT", SettleAsset = "USDT",
                TickSize = Price.FromDecimal(0.1m, 1), StepSize = Quantity.FromDecimal(0.001m, 3), MinQuantity = Quantity.FromDecimal(0.001m, 3),
                MaxQuantity = Quantity.FromDecimal(1000m, 3), MinNotional = Money.FromDecimal(100m, 2), MaxLeverage = 125m,
            },
            new()
            {
                Id = Eth, VenueSymbol = "ETHUSDT", Kind = InstrumentKind.Perpetual, BaseAsset = "ETH", QuoteAsset = "USDT", SettleAsset = "USDT",
                TickSize = Price.FromDecimal(0.01m, 2), StepSize = Quantity.FromDecimal(0.001m, 3), MinQuantity = Quantity.FromDecimal(0.001m, 3),
                MinNotional = Money.FromDecimal(20m, 2), MaxLeverage = 100m,
            },
        ];
        var every = new RiskLimits
        {
            Defaults = new() { MaxOrderQuantity = 10m, MaxOrderNotional = 100_000m, MaxPositionQuantity = 10m, MaxPositionNotional = 500_000m, MaxOpenOrders = 50, PriceBandBps = 500m },
            MaxTotalPositionNotional = 1_000_000m,
            MaxTotalOpenOrders = 200,
            MaxOrdersPerSecond = 50,
            MaxOrdersPerMinute = 1_000,
            MaxLeverage = 10m,
            DailyLossLimit = 5_000m,
            MaxRejects = 10,
            MaxDisconnect = TimeSpan.FromSeconds(30),
        };
        var noRate = every with { MaxOrdersPerSecond = null, MaxOrdersPerMinute = null };
        _allChecks = Create(every, instruments);
        _filtersOnly = Create(new RiskLimits(), instruments);
        _submitting = Create(noRate, instruments);
        _order = new SubmitOrder
        {
            ClientOrderId = ClientOrderId.Parse("bench-1"),
            Instrument = Btc,
            Side = OrderSide.Buy,
            Type = OrderType.Limit,
            Quantity = Quantity.FromDecimal(0.015m, 3),
            Price = Price.FromDecimal(49_950.5m, 1),
        };
        if (!_allChecks.Check(_order).Approved || !_filtersOnly.Check(_order).Approved || !_submitting.Submit(_order).Approved)
        {
            throw new InvalidOperationException("The benchmark order must pass every check.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _allChecks.Dispose();
        _filtersOnly.Dispose();
        _submitting.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Check, instrument filters only")]
    public bool CheckFiltersOnly() => _filtersOnly.Check(in _order).Approved;

    [Benchmark(Description = "Check, every limit set")]
    public bool CheckAllLimits() => _allChecks.Check(in _order).Approved;

    [Benchmark(Description = "Submit to gateway, every limit but order rate")]
    public bool Submit() => _submitting.Submit(in _order).Approved;

    private RiskEngine Create(RiskLimits limits, Instrument[] instruments) =>
        new(limits, instruments, new BenchOrderView(), new BenchPortfolioView(), new NullGateway(), new EventBus(), TimeProvider.System,
            () => ClientOrderId.Parse($"ks-{++_nextId}"));
}
