using FlowSight.Core;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Exchange;
using FlowSight.Simulator.Orders;
using Xunit;
using static FlowSight.Simulator.Tests.Accounts.AccountFixtures;

namespace FlowSight.Simulator.Tests.Exchange;

/// <summary>The exchange end to end: orders matched by the real matching engine, settled by the accounts, liquidated on the mark.</summary>
public sealed class SimulatedExchangeTests
{
    private const int Trader = 1;
    private const int Maker = 9;
    private const int SpotBuyer = 5;
    private const int SpotSeller = 6;
    private static readonly InstrumentId Perp = BtcUsdtPerp.Id;
    private static readonly InstrumentId Spot = BtcUsdtSpot.Id;

    private readonly RecordingSimulatorSink _sink = new();
    private readonly SimulatedExchange _exchange;
    private long _time = 1_000;

    public SimulatedExchangeTests()
    {
        _exchange = new SimulatedExchange([BtcUsdtPerp, BtcUsdtSpot], _sink);
    }

    [Fact]
    public void A_leveraged_long_matched_on_the_book_is_charged_funded_and_liquidated_with_its_orders_canceled()
    {
        _exchange.Accounts.Deposit(Maker, WalletKind.Futures, "USDT", Usdt("100000"), Tick());
        _exchange.Accounts.Deposit(Trader, WalletKind.Futures, "USDT", Usdt("1000"), Tick());
        Submit(Order(Maker, BtcUsdtPerp, OrderSide.Sell, OrderType.Limit, "0.1", "60000.0"));
        Submit(Order(Trader, BtcUsdtPerp, OrderSide.Buy, OrderType.Market, "0.1"));

        var takerFill = Assert.Single(_sink.Orders(Trader), e => e.ExecutionType == ExecutionType.Trade);
        Assert.Equal(Px("60000.0"), takerFill.LastPrice);
        Assert.Equal(LiquiditySide.Taker, takerFill.Liquidity);
        Assert.Equal(Usdt("3"), takerFill.Commission);
        var makerFill = Assert.Single(_sink.Orders(Maker), e => e.ExecutionType == ExecutionType.Trade);
        Assert.Equal(Usdt("1.2"), makerFill.Commission);
        Assert.Equal(takerFill.TradeId, makerFill.TradeId);

        Submit(Order(Trader, BtcUsdtPerp, OrderSide.Buy, OrderType.Limit, "0.01", "55000.0"));
        Assert.Equal(Usdt("27.5"), _exchange.Accounts.GetFuturesBalance(Trader, "USDT").OpenOrderInitialMargin); // 550 / 20

        _exchange.OnMarkPrice(Perp, Px("60100.0"), Tick());
        _exchange.SettleFunding(Perp, 0.0001m, Tick());
        Assert.Equal(Usdt("996.399"), _exchange.Accounts.GetFuturesBalance(Trader, "USDT").WalletBalance);
        Assert.Equal(Usdt("100000") - Usdt("1.2") + Usdt("0.601"), _exchange.Accounts.GetFuturesBalance(Maker, "USDT").WalletBalance);

        _exchange.OnMarkPrice(Perp, Px("50237.0"), Tick());
        Assert.Empty(_sink.Of<LiquidationEvent>());

        var before = _sink.Events.Count;
        _exchange.OnMarkPrice(Perp, Px("50236.9"), Tick());
        var after = _sink.Events.Skip(before).ToList();

        var canceled = after.OfType<OrderEvent>().First();
        Assert.Equal(ExecutionType.Canceled, canceled.ExecutionType);
        Assert.Equal(Px("55000.0"), canceled.Price);
        var liquidationFill = after.OfType<OrderEvent>().Last();
        Assert.Equal(ExecutionType.Liquidation, liquidationFill.ExecutionType);
        Assert.Equal(Px("50036.1"), liquidationFill.LastPrice);
        Assert.Equal(Usdt("-996.39"), liquidationFill.RealizedPnl);
        Assert.True(liquidationFill.OrderId > canceled.OrderId);
        Assert.Single(after.OfType<LiquidationEvent>());
        Assert.Equal(Usdt("20.089"), _exchange.Accounts.InsuranceFund("USDT"));
        var balance = _exchange.Accounts.GetFuturesBalance(Trader, "USDT");
        Assert.Equal(Usdt("0"), balance.WalletBalance);
        Assert.Equal(Usdt("0"), balance.OpenOrderInitialMargin);
        Assert.Equal(PositionDirection.Short, _exchange.Accounts.GetPosition(Maker, Perp).Direction); // the maker is untouched
    }

    [Fact]
    public void A_spot_buy_locks_its_quote_pays_out_of_the_lock_and_a_cancel_frees_the_rest()
    {
        _exchange.Accounts.Deposit(SpotBuyer, WalletKind.Spot, "USDT", Usdt("10000"), Tick());
        _exchange.Accounts.Deposit(SpotSeller, WalletKind.Spot, "BTC", Money.Parse("1"), Tick());
        Submit(Order(SpotSeller, BtcUsdtSpot, OrderSide.Sell, OrderType.Limit, "0.04", "59990.00"));
        Assert.Equal(new SpotBalance(Usdt("0.96"), Usdt("0.04")), _exchange.Accounts.GetSpotBalance(SpotSeller, "BTC"));

        Submit(Order(SpotBuyer, BtcUsdtSpot, OrderSide.Buy, OrderType.Limit, "0.1", "60000.00"));

        var fill = Assert.Single(_sink.Orders(SpotBuyer), e => e.ExecutionType == ExecutionType.Trade);
        Assert.Equal(Money.Parse("0.00004"), fill.Commission); // 0.04 BTC × 0.001, in the asset received
        Assert.Equal("BTC", fill.CommissionAsset);
        // Locked 6,000; the 0.04 fill used its 2,400 share, cost 2,399.6, 0.4 back to free; 3,600 stays locked for 0.06.
        Assert.Equal(new SpotBalance(Usdt("4000.4"), Usdt("3600")), _exchange.Accounts.GetSpotBalance(SpotBuyer, "USDT"));
        Assert.Equal(new SpotBalance(Usdt("0.03996"), Usdt("0")), _exchange.Accounts.GetSpotBalance(SpotBuyer, "BTC"));
        Assert.Equal(new SpotBalance(Usdt("2397.2004"), Usdt("0")), _exchange.Accounts.GetSpotBalance(SpotSeller, "USDT")); // 2,399.6 − 0.1 %

        var open = _sink.Orders(SpotBuyer).First(e => e.ExecutionType == ExecutionType.New);
        _exchange.Cancel(new SimCancelRequest(SpotBuyer, Spot, open.OrderId), Tick());
        Assert.Equal(new SpotBalance(Usdt("7600.4"), Usdt("0")), _exchange.Accounts.GetSpotBalance(SpotBuyer, "USDT"));

        Submit(Order(SpotBuyer, BtcUsdtSpot, OrderSide.Buy, OrderType.Limit, "0.2", "60000.00"));
        var rejected = _sink.Orders(SpotBuyer).Last();
        Assert.Equal(ExecutionType.Rejected, rejected.ExecutionType);
        Assert.Equal(RejectReason.InsufficientBalance, rejected.RejectReason);
    }

    [Fact]
    public void A_mark_price_stream_settles_funding_at_the_announced_funding_time_with_the_announced_rate()
    {
        const long hour = 3_600_000_000_000L;
        _exchange.Accounts.Deposit(Maker, WalletKind.Futures, "USDT", Usdt("100000"), Tick());
        _exchange.Accounts.Deposit(Trader, WalletKind.Futures, "USDT", Usdt("1000"), Tick());
        Submit(Order(Maker, BtcUsdtPerp, OrderSide.Sell, OrderType.Limit, "0.1", "60000.0"));
        Submit(Order(Trader, BtcUsdtPerp, OrderSide.Buy, OrderType.Market, "0.1"));

        _exchange.OnMarkPrice(Mark("60050.0", 0.0001m, nextFunding: 8 * hour, at: 7 * hour));
        _exchange.OnMarkPrice(Mark("60080.0", 0.0002m, nextFunding: 8 * hour, at: (8 * hour) - 1));
        Assert.Empty(_sink.Of<FundingPayment>());

        _exchange.OnMarkPrice(Mark("60100.0", 0.0003m, nextFunding: 16 * hour, at: 8 * hour));
        var payments = _sink.Of<FundingPayment>().ToList();
        Assert.Equal(2, payments.Count); // the long and the short
        Assert.All(payments, p => Assert.Equal(0.0002m, p.FundingRate)); // the rate announced for 08:00
        Assert.All(payments, p => Assert.Equal(8 * hour, p.Timestamp));
        Assert.Equal(Usdt("-1.202"), payments.Single(p => p.AccountId == Trader).Amount); // 6,010 × 0.0002
        Assert.Equal(Usdt("1.202"), payments.Single(p => p.AccountId == Maker).Amount);

        _exchange.OnMarkPrice(Mark("60100.0", 0.0003m, nextFunding: 16 * hour, at: 9 * hour));
        Assert.Equal(2, _sink.Of<FundingPayment>().Count());

        static MarkPrice Mark(string mark, decimal rate, long nextFunding, long at) =>
            new(Perp, Px(mark), Px(mark), default, rate, nextFunding, at, at);
    }

    [Fact]
    public void An_unlisted_instrument_is_rejected()
    {
        _exchange.Submit(Order(Trader, BtcUsdtPerp, OrderSide.Buy, OrderType.Market, "0.1") with { Instrument = InstrumentId.Of("XYZ", Venue.Binance) }, Tick());
        Assert.Equal(RejectReason.UnknownInstrument, Assert.Single(_sink.Of<OrderEvent>()).RejectReason);
    }

    private void Submit(SimOrderRequest request) => _exchange.Submit(request, Tick());

    private long Tick() => _time += 1_000;
}
