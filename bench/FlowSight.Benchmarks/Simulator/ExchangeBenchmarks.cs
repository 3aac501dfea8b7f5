using BenchmarkDotNet.Attributes;
using FlowSight.Core;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Exchange;
using FlowSight.Simulator.Matching;
using FlowSight.Simulator.Orders;

namespace FlowSight.Benchmarks.Simulator;

/// <summary>
/// The simulated exchange with its accounts on a BTCUSDT perpetual: one round = a maker order resting, a taker market
/// order filling it (both sides admitted, margined, charged, positions updated), and a mark-price update with its
/// liquidation check. Shows what the accounts add on top of matching.
/// </summary>
[MemoryDiagnoser]
public class ExchangeBenchmarks
{
    private const int Rounds = 10_000;

    private static readonly Instrument Perp = new()
    {
        Id = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance),
        VenueSymbol = "BTCUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse("0.1"),
        StepSize = Quantity.Parse("0.001"),
        MinQuantity = Quantity.Parse("0.001"),
        MinNotional = Money.Parse("100"),
        MaxLeverage = 125m,
        MakerFee = 0.0002m,
        TakerFee = 0.0005m,
    };

    private SimulatedExchange _exchange = null!;
    private MatchingEngine _engine = null!;
    private long _time;
    private int _round;

    /// <summary>What runs: the matching engine alone (no accounts), the exchange without account events (the accounts' sink unset), or everything.</summary>
    [Params("matching", "accounts", "accounts+events")]
    public string Mode { get; set; } = "accounts+events";

    [GlobalSetup]
    public void Setup()
    {
        _exchange = new SimulatedExchange([Perp], new DroppingSink());
        _engine = new MatchingEngine(Perp, new DroppingSink());
        if (Mode == "accounts")
        {
            _exchange.Accounts.Sink = null;
        }

        for (var account = 1; account <= 2; account++)
        {
            _exchange.Accounts.Deposit(account, WalletKind.Futures, "USDT", Money.Parse("100000000"), 1);
        }

        Run();
    }

    /// <summary>One operation = maker submit + taker submit (one fill) + mark update.</summary>
    [Benchmark(OperationsPerInvoke = Rounds)]
    public long MakerTakerMarkRound() => Run();

    private long Run()
    {
        var price = Price.Parse("60000.0");
        var quantity = Quantity.Parse("0.01");
        for (var i = 0; i < Rounds; i++)
        {
            var side = (++_round & 1) == 0 ? OrderSide.Buy : OrderSide.Sell;
            var maker = new SimOrderRequest(1, Perp.Id, default, side, OrderType.Limit, TimeInForce.Gtc, quantity, price);
            var taker = new SimOrderRequest(2, Perp.Id, default, side.Opposite(), OrderType.Market, TimeInForce.Gtc, quantity);
            if (Mode == "matching")
            {
                _engine.Submit(maker, ++_time);
                _engine.Submit(taker, ++_time);
                _engine.OnMarkPrice(price, ++_time);
                continue;
            }

            _exchange.Submit(maker, ++_time);
            _exchange.Submit(taker, ++_time);
            _exchange.OnMarkPrice(Perp.Id, price, ++_time);
        }

        return _time;
    }

    private sealed class DroppingSink : ISimulatorEventSink
    {
        public void OnOrderEvent(in OrderEvent orderEvent)
        {
        }

        public void OnTrade(in TradeTick trade)
        {
        }

        public void OnBookLevel(InstrumentId instrument, OrderSide side, Price price, Quantity total, long timestamp)
        {
        }

        public void OnBalanceUpdate(in BalanceUpdate update)
        {
        }

        public void OnPositionUpdate(in PositionUpdate update)
        {
        }

        public void OnFundingPayment(in FundingPayment payment)
        {
        }

        public void OnLiquidation(in LiquidationEvent liquidation)
        {
        }
    }
}
