using FlowSight.Core;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Orders;
using FlowSight.TestKit;
using Xunit;
using static FlowSight.Simulator.Tests.Accounts.AccountFixtures;

namespace FlowSight.Simulator.Tests.Accounts;

public sealed class SpotAccountTests
{
    private static readonly InstrumentId Spot = BtcUsdtSpot.Id;
    private readonly RecordingAccountSink _sink = new();
    private readonly SimulatedAccounts _accounts;

    public SpotAccountTests()
    {
        _accounts = new SimulatedAccounts([BtcUsdtSpot, BtcUsdtPerp], _sink);
        _accounts.Deposit(1, WalletKind.Spot, "USDT", Usdt("1000"), 1);
        _accounts.Deposit(2, WalletKind.Spot, "BTC", Money.Parse("0.5"), 1);
    }

    [Fact]
    public void A_market_buy_locks_at_the_worst_price_of_its_book_walk_and_settles_each_fill_from_its_share()
    {
        var request = Order(1, BtcUsdtSpot, OrderSide.Buy, OrderType.Market, "0.015");
        Assert.Equal(RejectReason.None, _accounts.Admit(request, Px("60010.00"))); // worst level reached
        var order = New(7, request);
        _accounts.Apply(order);
        Assert.Equal(new SpotBalance(Usdt("99.85"), Usdt("900.15")), _accounts.GetSpotBalance(1, "USDT")); // 0.015 × 60,010

        _accounts.Apply(Fill(order, "0.01", "60000.00", "0.01", LiquiditySide.Taker)); // share 600.10, cost 600
        Assert.Equal(new SpotBalance(Usdt("99.95"), Usdt("300.05")), _accounts.GetSpotBalance(1, "USDT"));
        _accounts.Apply(Fill(order, "0.005", "60010.00", "0.015", LiquiditySide.Taker)); // the rest: 300.05
        Assert.Equal(new SpotBalance(Usdt("99.95"), Usdt("0")), _accounts.GetSpotBalance(1, "USDT"));
        Assert.Equal(new SpotBalance(Money.Parse("0.014985"), Usdt("0")), _accounts.GetSpotBalance(1, "BTC")); // 0.015 − 0.1 %
    }

    [Fact]
    public void Admission_and_amends_respect_the_free_balance()
    {
        var tooMuch = Order(1, BtcUsdtSpot, OrderSide.Buy, OrderType.Limit, "0.02", "60000.00");
        Assert.Equal(RejectReason.InsufficientBalance, _accounts.Admit(tooMuch, tooMuch.Price)); // 1,200 > 1,000
        var sellTooMuch = Order(2, BtcUsdtSpot, OrderSide.Sell, OrderType.Limit, "0.6", "60000.00");
        Assert.Equal(RejectReason.InsufficientBalance, _accounts.Admit(sellTooMuch, sellTooMuch.Price));
        Assert.Equal(RejectReason.ReduceOnlyRejected, _accounts.Admit(tooMuch with { ReduceOnly = true }, tooMuch.Price));
        Assert.Equal(RejectReason.PositionSideMismatch, _accounts.Admit(tooMuch with { PositionSide = PositionSide.Long }, tooMuch.Price));

        var request = Order(2, BtcUsdtSpot, OrderSide.Sell, OrderType.Limit, "0.2", "61000.00");
        Assert.Equal(RejectReason.None, _accounts.Admit(request, request.Price));
        var order = New(3, request);
        _accounts.Apply(order);
        Assert.Equal(new SpotBalance(Money.Parse("0.3"), Money.Parse("0.2")), _accounts.GetSpotBalance(2, "BTC"));

        _accounts.Apply(order with { ExecutionType = ExecutionType.Amended, Quantity = Qty("0.1") });
        Assert.Equal(new SpotBalance(Money.Parse("0.4"), Money.Parse("0.1")), _accounts.GetSpotBalance(2, "BTC"));

        _accounts.Apply(Canceled(order with { Quantity = Qty("0.1") }, "0"));
        Assert.Equal(new SpotBalance(Money.Parse("0.5"), Money.Parse("0")), _accounts.GetSpotBalance(2, "BTC"));
        var last = _sink.Of<BalanceUpdate>().Last();
        Assert.Equal(WalletKind.Spot, last.Wallet);
        Assert.Equal(AccountUpdateReason.Order, last.Reason);
        Assert.Equal(Money.Parse("0.5"), last.Free);
    }

    [Fact]
    public void Settling_fills_allocates_nothing_in_steady_state()
    {
        var accounts = new SimulatedAccounts([BtcUsdtSpot, BtcUsdtPerp], new RecordingAccountSinkThatDrops());
        accounts.Deposit(1, WalletKind.Futures, "USDT", Usdt("1000000"), 1);
        accounts.Deposit(2, WalletKind.Futures, "USDT", Usdt("1000000"), 1);
        accounts.Deposit(1, WalletKind.Spot, "USDT", Usdt("1000000"), 1);
        accounts.Deposit(2, WalletKind.Spot, "BTC", Money.Parse("100"), 1);
        accounts.OnMarkPrice(BtcUsdtPerp.Id, Px("60000.0"));
        long id = 0;

        var bytes = Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                Trade(BtcUsdtPerp, i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, "60000.0");
                Trade(BtcUsdtSpot, OrderSide.Buy, "60000.00");
            }

            accounts.SettleFunding(BtcUsdtPerp.Id, 0.0001m, 2);
            accounts.GetFuturesBalance(1, "USDT");
        });

        Assert.Equal(0, bytes);

        void Trade(Core.Instrument instrument, OrderSide side, string price)
        {
            var buy = Order(1, instrument, side, OrderType.Limit, "0.01", price);
            var sell = Order(2, instrument, side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy, OrderType.Limit, "0.01", price);
            accounts.Admit(sell, sell.Price);
            var resting = New(++id, sell);
            accounts.Apply(resting);
            accounts.Admit(buy, buy.Price);
            var taking = New(++id, buy);
            accounts.Apply(taking);
            accounts.Apply(Fill(resting, "0.01", price, "0.01", LiquiditySide.Maker));
            accounts.Apply(Fill(taking, "0.01", price, "0.01", LiquiditySide.Taker));
        }
    }

    private sealed class RecordingAccountSinkThatDrops : IAccountEventSink
    {
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
