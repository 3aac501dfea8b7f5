using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Markets.Synthetic;
using FlowSight.Simulator.Orders;
using FlowSight.TestKit;
using Xunit;

namespace FlowSight.Simulator.Tests.Markets.Synthetic;

/// <summary>The seeded synthetic market: a sane book over a long run, trades, determinism, our orders filled by the flow.</summary>
public sealed class SyntheticMarketTests
{
    private const long Second = 1_000_000_000;
    private const long Start = 1_723_161_256_000_000_000;
    private const int Us = 7;

    internal static readonly Instrument BtcUsdt = new()
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
        MaxQuantity = Quantity.Parse("1000"),
        MinNotional = Money.Parse("100"),
        MaxLeverage = 125m,
    };

    internal static SyntheticMarketOptions Options(int seed) => new() { Seed = seed, InitialPrice = Price.Parse("61800.00"), StartTime = Start };

    [Fact]
    public void Over_ten_simulated_minutes_the_book_is_never_crossed_the_spread_stays_tight_the_mid_follows_the_fair_value_and_it_trades()
    {
        var log = new EventLog();
        var market = new SyntheticMarket(BtcUsdt, log, Options(seed: 11));
        var tick = BtcUsdt.TickSize.ToDecimal();
        int samples = 0, wide = 0, farFromFair = 0, bothRegimes = 0;
        var touchDepth = 0m;
        var deepDepth = 0m;
        var levels = new BookLevel[30];
        bool sawVolatile = false, sawCalm = false;
        for (long t = Start; t < Start + (600 * Second); t += Second / 10)
        {
            market.AdvanceTo(t);
            Assert.True(market.TryGetBestBid(out var bid), $"no bid at {t}");
            Assert.True(market.TryGetBestAsk(out var ask), $"no ask at {t}");
            Assert.True(bid.Price < ask.Price, $"crossed at {t}: {bid.Price} / {ask.Price}");
            samples++;
            decimal spreadTicks = (ask.Price.ToDecimal() - bid.Price.ToDecimal()) / tick;
            wide += spreadTicks > 10 ? 1 : 0;
            decimal mid = (ask.Price.ToDecimal() + bid.Price.ToDecimal()) / 2;
            farFromFair += Math.Abs(mid - market.Flow.FairValue.ToDecimal()) / tick > 25 ? 1 : 0;
            sawVolatile |= market.Flow.Regime == VolatilityRegime.Volatile;
            sawCalm |= market.Flow.Regime == VolatilityRegime.Calm;
            int count = market.CopyLevels(OrderSide.Buy, levels);
            for (int i = 0; i < count; i++)
            {
                if (i < 5)
                {
                    touchDepth += levels[i].Size.ToDecimal();
                }
                else if (i >= 20)
                {
                    deepDepth += levels[i].Size.ToDecimal();
                }
            }
        }

        bothRegimes = sawVolatile && sawCalm ? 1 : 0;
        Assert.Equal(0, log.OutOfOrder);
        Assert.True(wide * 100 <= samples, $"spread above 10 ticks in {wide} of {samples} samples");
        Assert.True(farFromFair * 100 <= samples, $"mid more than 25 ticks from the fair value in {farFromFair} of {samples} samples");
        Assert.Equal(1, bothRegimes);
        Assert.True(market.Flow.RegimeSwitches >= 2, $"{market.Flow.RegimeSwitches} regime switches");
        Assert.True(touchDepth > deepDepth, $"depth near the touch {touchDepth} vs 20-24 levels away {deepDepth}: it should thin out");
        Assert.True(log.Trades.Count > 2_000, $"{log.Trades.Count} trades");
        Assert.All(log.Trades, trade => Assert.True(trade.Aggressor != AggressorSide.None));
        Assert.InRange(market.Flow.RestingOrders, 50, 5_000);
        Assert.Equal(market.Flow.RestingOrders, market.Engine.OpenOrderCount);
        Assert.True(market.Flow.Cancels > 1_000, $"{market.Flow.Cancels} cancels");
    }

    [Fact]
    public void The_same_seed_gives_the_same_events_to_the_last_unit_and_another_seed_does_not()
    {
        var first = Run(seed: 5);
        var second = Run(seed: 5);
        var other = Run(seed: 6);
        Assert.True(first.Orders.Count > 1_000);
        Assert.Equal(first.Orders, second.Orders);
        Assert.Equal(first.Trades, second.Trades);
        Assert.Equal(first.Levels, second.Levels);
        Assert.NotEqual(first.Trades, other.Trades);

        static EventLog Run(int seed)
        {
            var log = new EventLog();
            var market = new SyntheticMarket(BtcUsdt, log, Options(seed));
            for (long t = Start; t <= Start + (60 * Second); t += Second / 3)
            {
                market.AdvanceTo(t); // the step of the calls does not matter: only the seed does
            }

            return log;
        }
    }

    [Fact]
    public void Advancing_in_one_call_or_many_gives_the_same_events()
    {
        var once = new EventLog();
        new SyntheticMarket(BtcUsdt, once, Options(seed: 9)).AdvanceTo(Start + (30 * Second));
        var many = new EventLog();
        var market = new SyntheticMarket(BtcUsdt, many, Options(seed: 9));
        for (long t = Start; t <= Start + (30 * Second); t += 7_777_777)
        {
            market.AdvanceTo(t);
        }

        market.AdvanceTo(Start + (30 * Second));
        Assert.Equal(once.Orders, many.Orders);
    }

    [Fact]
    public void Our_order_placed_inside_the_spread_is_filled_by_the_flow_as_a_maker()
    {
        var log = new EventLog();
        var market = new SyntheticMarket(BtcUsdt, log, Options(seed: 3));
        long t = Start;
        BookLevel bid, ask;
        do
        {
            t += Second / 100;
            market.AdvanceTo(t);
            market.TryGetBestBid(out bid);
            market.TryGetBestAsk(out ask);
            Assert.True(t < Start + (120 * Second), "the spread never opened to two ticks");
        }
        while ((ask.Price - bid.Price) < BtcUsdt.TickSize + BtcUsdt.TickSize);

        var inside = bid.Price + BtcUsdt.TickSize;
        market.Submit(new SimOrderRequest(Us, BtcUsdt.Id, default, OrderSide.Buy, OrderType.Limit, TimeInForce.Gtx, Quantity.Parse("0.050"), inside), t);
        var accepted = log.Orders.Last(e => e.AccountId == Us);
        Assert.Equal(ExecutionType.New, accepted.ExecutionType);
        market.TryGetBestBid(out var best);
        Assert.Equal(inside, best.Price); // we are the best bid now

        while (log.Orders.Last(e => e.AccountId == Us).Status != OrderStatus.Filled)
        {
            t += Second / 100;
            Assert.True(t < Start + (600 * Second), "not filled in ten minutes");
            market.AdvanceTo(t);
        }

        var fills = log.Orders.Where(e => e.AccountId == Us && e.ExecutionType == ExecutionType.Trade).ToList();
        Assert.All(fills, f => Assert.Equal((inside, LiquiditySide.Maker), (f.LastPrice, f.Liquidity)));
        var takers = log.Orders.Where(e => e.AccountId != Us && e.ExecutionType == ExecutionType.Trade && fills.Any(f => f.TradeId == e.TradeId)).ToList();
        Assert.All(takers, e => Assert.Equal((LiquiditySide.Taker, OrderSide.Sell), (e.Liquidity, e.Side)));
        Assert.Equal(Quantity.Parse("0.050"), fills[^1].CumulativeQuantity);
    }

    [Fact]
    public void Running_the_flow_allocates_nothing_in_steady_state()
    {
        var market = new SyntheticMarket(BtcUsdt, new CountingListener(), Options(seed: 2));
        long t = Start;
        market.AdvanceTo(t += 120 * Second); // the book and the pools reach their working size
        Assert.Equal(0, Allocations.SteadyState(() => market.AdvanceTo(t += 10 * Second)));
    }
}
