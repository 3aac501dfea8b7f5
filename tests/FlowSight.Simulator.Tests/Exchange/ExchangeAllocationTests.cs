using FlowSight.Core;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Exchange;
using FlowSight.Simulator.Orders;
using FlowSight.TestKit;
using Xunit;
using static FlowSight.Simulator.Tests.Accounts.AccountFixtures;

namespace FlowSight.Simulator.Tests.Exchange;

public sealed class ExchangeAllocationTests
{
    [Fact]
    public void Orders_fills_cancels_marks_and_funding_through_the_exchange_allocate_nothing_in_steady_state()
    {
        var exchange = new SimulatedExchange([BtcUsdtPerp, BtcUsdtSpot], new DroppingSink());
        for (var account = 1; account <= 2; account++)
        {
            exchange.Accounts.Deposit(account, WalletKind.Futures, "USDT", Usdt("10000000"), 1);
            exchange.Accounts.Deposit(account, WalletKind.Spot, "USDT", Usdt("10000000"), 1);
            exchange.Accounts.Deposit(account, WalletKind.Spot, "BTC", Money.Parse("1000"), 1);
        }

        var perp = BtcUsdtPerp.Id;
        long time = 10;
        var round = 0;
        Instrument[] instruments = [BtcUsdtPerp, BtcUsdtSpot];
        var bytes = Allocations.SteadyState(() =>
        {
            round++;
            for (var i = 0; i < 200; i++)
            {
                var side = (i + round) % 2 == 0 ? OrderSide.Buy : OrderSide.Sell;
                foreach (var instrument in instruments)
                {
                    var price = instrument == BtcUsdtPerp ? Px("60000.0") : Px("60000.00");
                    exchange.Submit(new SimOrderRequest(1, instrument.Id, default, side.Opposite(), OrderType.Limit, TimeInForce.Gtc, Qty("0.01"), price), ++time);
                    exchange.Submit(new SimOrderRequest(1, instrument.Id, default, side.Opposite(), OrderType.Limit, TimeInForce.Gtc, Qty("0.01"), price), ++time);
                    exchange.Submit(new SimOrderRequest(2, instrument.Id, default, side, OrderType.Market, TimeInForce.Gtc, Qty("0.01")), ++time);
                    exchange.CancelAll(1, instrument.Id, ++time);
                }

                exchange.OnMarkPrice(perp, Px("60000.0"), ++time);
            }

            exchange.SettleFunding(perp, 0.0001m, ++time);
        });

        Assert.Equal(0, bytes);
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
