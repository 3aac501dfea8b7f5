using FlowSight.Core;
using FlowSight.Engine.Portfolio;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Orders;
using Xunit;
using static FlowSight.Simulator.Tests.Accounts.AccountFixtures;

namespace FlowSight.Simulator.Tests.Accounts;

/// <summary>The engine's portfolio, fed what the venue reports, equals the paper venue's account to the unit.</summary>
public sealed class PortfolioAgreesWithTheSimulatedAccountTests
{
    [Theory]
    [InlineData(1, false, false)]
    [InlineData(2, true, false)]
    [InlineData(3, false, true)]
    [InlineData(4, true, true)]
    [InlineData(5, false, false)]
    public void Random_fills_marks_and_funding_agree_to_the_unit(int seed, bool isolated, bool hedge)
    {
        var random = new Random(seed);
        const int Account = 1;
        var accounts = new SimulatedAccounts([BtcUsdtPerp, EthUsdtPerp, BtcUsdtSpot]);
        accounts.Deposit(Account, WalletKind.Futures, "USDT", Usdt("100000"), 1);
        if (hedge)
        {
            accounts.SetPositionMode(Account, PositionMode.Hedge);
        }

        var portfolio = new FlowSight.Engine.Portfolio.Portfolio();
        portfolio.AddInstrument(BtcUsdtPerp);
        portfolio.AddInstrument(EthUsdtPerp);
        portfolio.OnBalanceReport(new BalanceReport { Venue = Venue.Binance, Account = string.Empty, Asset = "USDT", Total = 100000m, Free = 100000m, IsSnapshot = true });
        Instrument[] perps = [BtcUsdtPerp, EthUsdtPerp];
        var marks = new decimal[] { 60000m, 3000m };
        foreach (var p in perps)
        {
            var lev = random.Next(1, 50);
            Assert.Equal(RejectReason.None, accounts.SetLeverage(Account, p.Id, lev));
            portfolio.SetLeverage(p.Id, lev);
            if (isolated)
            {
                accounts.SetMarginType(Account, p.Id, MarginType.Isolated);
                portfolio.SetMarginMode(p.Id, FlowSight.Engine.Portfolio.MarginMode.Isolated);
            }
        }

        for (var i = 0; i < 2; i++)
        {
            Mark(i);
        }

        long orderId = 100;
        var open = 0;
        var liquidationPrices = 0;
        for (var step = 0; step < 3000; step++)
        {
            var i = random.Next(2);
            var instrument = perps[i];
            var roll = random.NextDouble();
            if (roll < 0.6)
            {
                var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                var qty = (random.Next(1, 300) * 0.001m).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var tick = i == 0 ? 0.1m : 0.01m;
                var px = Math.Round(marks[i] * (1m + ((decimal)random.NextDouble() - 0.5m) * 0.01m) / tick) * tick;
                var positionSide = hedge ? (random.Next(2) == 0 ? PositionSide.Long : PositionSide.Short) : PositionSide.Both;
                if (hedge)
                {
                    // a closing fill on a hedge leg must not exceed the leg
                    var leg = accounts.GetPosition(Account, instrument.Id, positionSide);
                    var closing = (positionSide == PositionSide.Long) == (side == OrderSide.Sell);
                    if (closing)
                    {
                        if (leg.Size.Raw == 0)
                        {
                            continue;
                        }

                        qty = Math.Min(decimal.Parse(qty, System.Globalization.CultureInfo.InvariantCulture), leg.Size.ToDecimal()).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                }

                var request = Order(Account, instrument, side, OrderType.Market, qty, positionSide: positionSide);
                var order = New(++orderId, request);
                accounts.Apply(order);
                var pxText = px.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var charged = accounts.Apply(Fill(order, qty, pxText, qty, random.Next(2) == 0 ? LiquiditySide.Maker : LiquiditySide.Taker));
                portfolio.OnFill(new OrderFilled
                {
                    ClientOrderId = ClientOrderId.Parse("c" + orderId),
                    VenueOrderId = VenueOrderId.FromNumber(orderId),
                    Instrument = instrument.Id,
                    TradeId = orderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Side = side,
                    LastPrice = charged.LastPrice,
                    LastQuantity = charged.LastQuantity,
                    FilledQuantity = charged.CumulativeQuantity,
                    LeavesQuantity = Quantity.Zero(3),
                    Fee = charged.Commission,
                    FeeAsset = charged.CommissionAsset ?? "USDT",
                    PositionSide = positionSide,
                });
            }
            else if (roll < 0.9)
            {
                Mark(i);
            }
            else
            {
                var rate = random.Next(-30000, 30000) * 0.00000001m;
                accounts.SettleFunding(instrument.Id, rate, step);
                portfolio.SettleFunding(instrument.Id, rate);
            }

            Compare(step);
        }

        Assert.True(open > 1000, $"only {open} open-leg comparisons");
        Assert.True(liquidationPrices > 100, $"only {liquidationPrices} liquidation prices");
        Assert.True(portfolio.TotalFunding != 0m);

        void Mark(int i)
        {
            var tick = i == 0 ? 0.1m : 0.01m;
            marks[i] = Math.Round(marks[i] * (1m + ((decimal)random.NextDouble() - 0.5m) * 0.004m) / tick) * tick;
            var price = Price.FromDecimal(marks[i], i == 0 ? (byte)1 : (byte)2);
            accounts.OnMarkPrice(perps[i].Id, price);
            portfolio.OnMarkPrice(new MarkPrice(perps[i].Id, price, price, default, 0m, 0, 1, 1));
        }

        void Compare(int step)
        {
            var balance = accounts.GetFuturesBalance(Account, "USDT");
            Assert.True(balance.WalletBalance.ToDecimal() == portfolio.Balance("USDT"), $"step {step}: wallet {balance.WalletBalance} vs {portfolio.Balance("USDT")}");
            foreach (var p in perps)
            {
                foreach (var side in hedge ? new[] { PositionSide.Long, PositionSide.Short } : new[] { PositionSide.Both })
                {
                    var sim = accounts.GetPosition(Account, p.Id, side);
                    var ours = portfolio.GetPosition(p.Id, side);
                    var simSigned = sim.Direction == PositionDirection.Short ? -sim.Size.ToDecimal() : sim.Size.ToDecimal();
                    Assert.True(simSigned == ours.Quantity, $"step {step} {p.Id} {side}: size {simSigned} vs {ours.Quantity}");
                    Assert.True(sim.EntryNotional.ToDecimal() == ours.EntryNotional, $"step {step} {p.Id} {side}: entry {sim.EntryNotional} vs {ours.EntryNotional}");
                    Assert.True(sim.UnrealizedPnl.ToDecimal() == ours.UnrealizedPnl, $"step {step} {p.Id} {side}: upnl {sim.UnrealizedPnl} vs {ours.UnrealizedPnl}");
                    Assert.True(sim.IsolatedWallet.ToDecimal() == ours.IsolatedMargin, $"step {step} {p.Id} {side}: iw {sim.IsolatedWallet} vs {ours.IsolatedMargin}");
                    if (sim.Size.Raw != 0)
                    {
                        open++;
                        if (sim.LiquidationPrice.Raw != 0)
                        {
                            liquidationPrices++;
                        }

                        Assert.True(sim.InitialMargin.ToDecimal() == ours.MarginUsed, $"step {step} {p.Id} {side}: im {sim.InitialMargin} vs {ours.MarginUsed}");
                        var simLp = sim.LiquidationPrice.Raw == 0 ? (decimal?)null : sim.LiquidationPrice.ToDecimal();
                        Assert.True(simLp == ours.LiquidationPrice, $"step {step} {p.Id} {side}: LP {simLp} vs {ours.LiquidationPrice}");
                    }
                }
            }
        }
    }
}
