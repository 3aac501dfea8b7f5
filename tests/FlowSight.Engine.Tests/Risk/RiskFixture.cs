using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Risk;
using Microsoft.Extensions.Time.Testing;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>A risk engine over two Binance perpetuals with in-test views, a recording gateway and a fake clock.</summary>
internal sealed class RiskFixture : IDisposable
{
    public static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSDT-PERP.BINANCE");
    public static readonly InstrumentId Eth = InstrumentId.Parse("ETHUSDT-PERP.BINANCE");

    public static readonly Instrument BtcSpec = new()
    {
        Id = Btc,
        VenueSymbol = "BTCUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.FromDecimal(0.1m, 1),
        StepSize = Quantity.FromDecimal(0.001m, 3),
        MinQuantity = Quantity.FromDecimal(0.002m, 3),
        MaxQuantity = Quantity.FromDecimal(1000m, 3),
        MinNotional = Money.FromDecimal(100m, 2),
        MaxLeverage = 125m,
    };

    public static readonly Instrument EthSpec = new()
    {
        Id = Eth,
        VenueSymbol = "ETHUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "ETH",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.FromDecimal(0.01m, 2),
        StepSize = Quantity.FromDecimal(0.001m, 3),
        MinQuantity = Quantity.FromDecimal(0.001m, 3),
        MinNotional = Money.FromDecimal(20m, 2),
        MaxLeverage = 100m,
    };

    private int _nextId;
    private int _nextKillSwitchId;

    public RiskFixture(RiskLimits? limits = null, bool withTimers = false)
    {
        Portfolio.SetMark(Btc, 50_000m);
        Portfolio.SetMark(Eth, 2_000m);
        Bus.Subscribe("denied", Denied);
        Bus.Subscribe("tripped", Tripped);
        Bus.Subscribe("state", StateChanges);
        Engine = new RiskEngine(
            limits ?? new RiskLimits(),
            [BtcSpec, EthSpec],
            Orders,
            Portfolio,
            Gateway,
            Bus,
            Clock,
            () => ClientOrderId.Parse($"ks-{++_nextKillSwitchId}"),
            withTimers ? work => work() : null);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 19, 0, 0, TimeSpan.Zero));

    public EventBus Bus { get; } = new(rethrowFailures: true);

    public TestOrderView Orders { get; } = new();

    public TestPortfolioView Portfolio { get; } = new();

    public RecordingGateway Gateway { get; } = new();

    public EventLog<OrderDenied> Denied { get; } = new();

    public EventLog<KillSwitchTripped> Tripped { get; } = new();

    public EventLog<TradingStateChanged> StateChanges { get; } = new();

    public RiskEngine Engine { get; }

    public SubmitOrder Limit(OrderSide side, decimal quantity, decimal price, InstrumentId? instrument = null) => new()
    {
        ClientOrderId = ClientOrderId.Parse($"o-{++_nextId}"),
        Instrument = instrument ?? Btc,
        Side = side,
        Type = OrderType.Limit,
        Quantity = Quantity.FromDecimal(quantity, 4),
        Price = Price.FromDecimal(price, 2),
    };

    public SubmitOrder Market(OrderSide side, decimal quantity, InstrumentId? instrument = null) => new()
    {
        ClientOrderId = ClientOrderId.Parse($"o-{++_nextId}"),
        Instrument = instrument ?? Btc,
        Side = side,
        Type = OrderType.Market,
        Quantity = Quantity.FromDecimal(quantity, 4),
    };

    public void Dispose() => Engine.Dispose();
}
