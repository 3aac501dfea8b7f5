using FlowSight.Core;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Exchange;
using FlowSight.Simulator.Orders;
using static FlowSight.Simulator.Tests.Accounts.AccountFixtures;

namespace FlowSight.Simulator.Tests.Exchange;

/// <summary>
/// A seeded random session on a perpetual and a spot market: makers and takers (one 50× cross trader, one isolated)
/// (and one in hedge mode) submitting limit and market orders, some reduce-only, around a random-walk price, cancels, mark prices, funding, and every 250 steps a
/// 4 % mark wick that liquidates the leveraged accounts when they hold a position against it. Used for
/// determinism and for the account invariants.
/// </summary>
internal static class ExchangeScript
{
    public const int Accounts = 6;

    public static SimulatedExchange Run(int seed, int steps, ISimulatorEventSink sink, bool funding = true, Action<SimulatedExchange>? afterStep = null)
    {
        var exchange = new SimulatedExchange([BtcUsdtPerp, BtcUsdtSpot], sink);
        var random = new Random(seed);
        long time = 1_000_000_000;
        for (var account = 1; account <= Accounts; account++)
        {
            exchange.Accounts.Deposit(account, WalletKind.Futures, "USDT", Usdt(account <= 2 ? "150" : "1000000"), time);
            exchange.Accounts.Deposit(account, WalletKind.Spot, "USDT", Usdt("500000"), time);
            exchange.Accounts.Deposit(account, WalletKind.Spot, "BTC", Money.Parse("10"), time);
        }

        exchange.Accounts.SetLeverage(1, BtcUsdtPerp.Id, 125);
        exchange.Accounts.SetMarginType(2, BtcUsdtPerp.Id, MarginType.Isolated);
        exchange.Accounts.SetLeverage(2, BtcUsdtPerp.Id, 50);
        exchange.Accounts.SetPositionMode(4, PositionMode.Hedge);

        long midTicks = 600_000; // 60,000.0 in 0.1 ticks
        var openOrders = new List<(int Account, InstrumentId Instrument, long OrderId)>();
        var seen = 0;
        for (var step = 0; step < steps; step++)
        {
            time += 1_000_000;
            midTicks = Math.Max(100_000, midTicks + random.Next(-40, 41));
            var account = random.Next(1, Accounts + 1);
            var instrument = random.Next(4) == 0 ? BtcUsdtSpot : BtcUsdtPerp;
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            var quantity = Quantity.FromRaw(random.Next(1, 50), 3); // 0.001 … 0.049
            var roll = random.Next(100);
            var reduceOnly = instrument == BtcUsdtPerp && account != 4 && random.Next(8) == 0;
            var positionSide = instrument == BtcUsdtPerp && account == 4 ? (random.Next(2) == 0 ? PositionSide.Long : PositionSide.Short) : PositionSide.Both;
            if (step % 250 == 249)
            {
                var wick = random.Next(2) == 0 ? midTicks * 96 / 100 : midTicks * 104 / 100;
                exchange.OnMarkPrice(BtcUsdtPerp.Id, Price.FromRaw(wick, 1), time);
                exchange.OnMarkPrice(BtcUsdtPerp.Id, Price.FromRaw(midTicks, 1), time);
            }
            else if (roll < 50)
            {
                var offset = random.Next(-20, 21);
                var ticks = midTicks + (side == OrderSide.Buy ? -offset : offset);
                var price = instrument == BtcUsdtPerp ? Price.FromRaw(ticks, 1) : Price.FromRaw(ticks * 10, 2);
                exchange.Submit(new SimOrderRequest(account, instrument.Id, default, side, OrderType.Limit, TimeInForce.Gtc, quantity, price, default, reduceOnly, positionSide), time);
            }
            else if (roll < 70)
            {
                exchange.Submit(new SimOrderRequest(account, instrument.Id, default, side, OrderType.Market, TimeInForce.Gtc, quantity, default, default, reduceOnly, positionSide), time);
            }
            else if (roll < 85 && openOrders.Count > 0)
            {
                var (owner, id, orderId) = openOrders[random.Next(openOrders.Count)];
                exchange.Cancel(new SimCancelRequest(owner, id, orderId), time);
            }
            else if (roll < 97)
            {
                exchange.OnMarkPrice(BtcUsdtPerp.Id, Price.FromRaw(midTicks + random.Next(-5, 6), 1), time);
            }
            else if (funding)
            {
                exchange.OnMarkPrice(BtcUsdtPerp.Id, Price.FromRaw(midTicks, 1), time);
                exchange.SettleFunding(BtcUsdtPerp.Id, random.Next(-3, 4) * 0.0001m, time);
            }

            if (sink is RecordingSimulatorSink recording)
            {
                for (; seen < recording.Events.Count; seen++)
                {
                    if (recording.Events[seen] is OrderEvent { ExecutionType: ExecutionType.New } placed)
                    {
                        openOrders.Add((placed.AccountId, placed.Instrument, placed.OrderId));
                    }
                }
            }

            afterStep?.Invoke(exchange);
        }

        return exchange;
    }
}
