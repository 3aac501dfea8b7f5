using FlowSight.Core;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Exchange;
using FlowSight.Simulator.Markets.Synthetic;
using FlowSight.Simulator.Matching;
using FlowSight.Simulator.Orders;
using Xunit;
using static FlowSight.Simulator.Tests.Accounts.AccountFixtures;

namespace FlowSight.Simulator.Tests.Exchange;

/// <summary>
/// The whole simulator as a market of its own: a synthetic order flow makes the book, our account trades against it
/// through the accounts (fees, margin, positions), and the flow's participants stay outside the accounts.
/// </summary>
public sealed class SyntheticExchangeTests
{
    private const int Trader = 1;
    private const long Start = 1_722_000_000_000_000_000;
    private const long Second = 1_000_000_000;
    private static readonly InstrumentId Perp = BtcUsdtPerp.Id;

    [Fact]
    public void Our_market_order_fills_against_the_synthetic_book_is_charged_and_opens_a_position()
    {
        var (exchange, market, sink) = Create(seed: 7);
        exchange.Accounts.Deposit(Trader, WalletKind.Futures, "USDT", Usdt("10000"), Start);
        market.AdvanceTo(Start + (10 * Second));
        Assert.True(market.TryGetBestAsk(out var ask));

        exchange.Submit(Order(Trader, BtcUsdtPerp, OrderSide.Buy, OrderType.Market, "0.050"), Start + (10 * Second));

        var fills = sink.Orders(Trader).Where(e => e.ExecutionType == ExecutionType.Trade).ToList();
        Assert.NotEmpty(fills);
        Assert.All(fills, f => Assert.Equal(LiquiditySide.Taker, f.Liquidity));
        Assert.Equal(ask.Price, fills[0].LastPrice);
        Assert.Equal(Qty("0.050"), fills[^1].CumulativeQuantity);
        var fees = fills.Aggregate(Usdt("0"), (sum, f) => sum + f.Commission);
        Assert.True(fees > Usdt("0"));
        Assert.Equal(Usdt("10000") - fees, exchange.Accounts.GetFuturesBalance(Trader, "USDT").WalletBalance);
        var position = exchange.Accounts.GetPosition(Trader, Perp);
        Assert.Equal((PositionDirection.Long, Qty("0.050")), (position.Direction, position.Size));
    }

    [Fact]
    public void The_flows_participants_are_never_charged_checked_or_liquidated()
    {
        var (exchange, market, sink) = Create(seed: 3);
        for (long t = Start; t <= Start + (120 * Second); t += Second)
        {
            market.AdvanceTo(t);
            if (market.TryGetBestBid(out var bid))
            {
                exchange.OnMarkPrice(Perp, bid.Price, t); // marks far from the participants' entries, were they accounts
            }
        }

        var participantFills = sink.Of<OrderEvent>().Where(e => e.AccountId < 0 && e.ExecutionType == ExecutionType.Trade).ToList();
        Assert.True(participantFills.Count > 100, $"the flow traded ({participantFills.Count} fills)");
        Assert.All(participantFills, f => Assert.Equal(default, f.Commission));
        Assert.Empty(sink.Of<LiquidationEvent>());
        Assert.DoesNotContain(sink.Of<OrderEvent>(), e => e.ExecutionType == ExecutionType.Rejected);
        Assert.Empty(sink.Of<BalanceUpdate>());
    }

    [Fact]
    public void A_stop_working_on_the_mark_price_triggers_on_a_synthetic_market_when_the_mark_reaches_it()
    {
        var (exchange, market, sink) = Create(seed: 11);
        exchange.Accounts.Deposit(Trader, WalletKind.Futures, "USDT", Usdt("10000"), Start);
        market.AdvanceTo(Start + Second);
        Assert.True(market.TryGetBestBid(out var bid));
        var trigger = Price.FromRaw(bid.Price.Raw - 500, bid.Price.Precision);
        var stop = Order(Trader, BtcUsdtPerp, OrderSide.Sell, OrderType.StopMarket, "0.010") with
        {
            TriggerPrice = trigger,
            WorkingType = WorkingType.MarkPrice,
        };
        exchange.OnMarkPrice(Perp, bid.Price, Start + Second);
        exchange.Submit(stop, Start + Second);
        Assert.Equal(ExecutionType.New, sink.Orders(Trader).Last().ExecutionType);

        exchange.OnMarkPrice(Perp, trigger, Start + (2 * Second));

        Assert.Contains(sink.Orders(Trader), e => e.ExecutionType == ExecutionType.Triggered);
        Assert.Contains(sink.Orders(Trader), e => e.ExecutionType == ExecutionType.Trade);
    }

    [Fact]
    public void Same_seed_and_orders_give_the_same_events_to_the_last_unit()
    {
        Assert.Equal(Session(seed: 5), Session(seed: 5));
        Assert.NotEqual(Session(seed: 5), Session(seed: 6));
    }

    private static List<string> Session(int seed)
    {
        var (exchange, market, sink) = Create(seed);
        exchange.Accounts.Deposit(Trader, WalletKind.Futures, "USDT", Usdt("10000"), Start);
        for (var i = 1; i <= 30; i++)
        {
            var t = Start + (i * Second);
            market.AdvanceTo(t);
            if (i % 5 == 0 && market.TryGetBestBid(out var bid))
            {
                exchange.Submit(Order(Trader, BtcUsdtPerp, OrderSide.Buy, OrderType.Limit, "0.010", bid.Price.ToString()), t);
            }

            if (i % 7 == 0)
            {
                exchange.Submit(Order(Trader, BtcUsdtPerp, OrderSide.Sell, OrderType.Market, "0.005"), t);
            }
        }

        return [.. sink.Lines];
    }

    private static (SimulatedExchange Exchange, SyntheticMarket Market, RecordingSimulatorSink Sink) Create(int seed)
    {
        SyntheticMarket? market = null;
        var sink = new RecordingSimulatorSink();
        var options = new SimulatedExchangeOptions
        {
            MarketFactory = (instrument, listener, admission, orderIds) => market = new SyntheticMarket(
                instrument,
                listener,
                new SyntheticMarketOptions { Seed = seed, InitialPrice = Px("60000.0"), StartTime = Start },
                admission,
                new MatchingEngineOptions { OrderIds = orderIds }),
        };
        var exchange = new SimulatedExchange([BtcUsdtPerp], sink, options);
        return (exchange, market!, sink);
    }
}
