using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Markets.Replay;
using FlowSight.Simulator.Orders;
using FlowSight.TestKit;
using Xunit;

namespace FlowSight.Simulator.Tests.Markets.Replay;

/// <summary>
/// Fills on the recorded BTCUSDT perpetual session of 2024-08-08 (snapshot + 6,547 diffs + 21,313 trades, about ten
/// minutes): queue position against the recorded trades, market orders at the VWAP of the recorded levels, determinism.
/// </summary>
public sealed class ReplayRecordingTests
{
    private const int Account = 7;
    private static readonly RecordedSession Session = RecordedSession.BtcUsdt0808;

    private static SimOrderRequest Order(OrderSide side, OrderType type, string quantity, Price price = default, TimeInForce tif = TimeInForce.Gtc) =>
        new(Account, Session.InstrumentId, default, side, type, tif, Quantity.Parse(quantity), price);

    /// <summary>
    /// For limit buys placed at the best bid at 24 points of the session (every 1,000 events): with cancellations put behind us, the fills
    /// are exactly what the recorded trades give — nothing until the trades at our price have used up the quantity
    /// that was ahead of us when we arrived (or whatever of it is still on the level), then the trade volume beyond
    /// it; all of the rest once a trade prints through our price or the recorded ask comes down to it. With
    /// proportional cancellations the first fill comes no later.
    /// </summary>
    [Fact]
    public void A_limit_order_at_the_best_bid_fills_only_after_the_recorded_volume_ahead_of_it_has_traded()
    {
        int queueFills = 0, filled = 0;
        for (int start = 1_000; start < 25_000; start += 1_000)
        {
            var (expected, byQueue) = Expected(start, Quantity.Parse("0.050").Raw, out var behindUs);
            Assert.Equal(expected, behindUs);
            queueFills += byQueue ? 1 : 0;
            if (behindUs.Count == 0)
            {
                continue; // the market left our price for the rest of the session
            }

            filled++;
            var (_, _, proportional) = Run(start, QueueCancellationModel.Proportional);
            Assert.True(proportional.Count > 0 && proportional[0].EventIndex <= behindUs[0].EventIndex, $"start {start}: proportional {proportional.FirstOrDefault()} vs {behindUs[0]}");
        }

        Assert.True(filled >= 20, $"{filled} of 24 orders filled"); // 23: one placement never sees its price again
        Assert.True(queueFills >= 3, $"{queueFills} orders filled through the queue"); // 4: the others by a trade-through first
    }

    private static (List<(int EventIndex, long Quantity)> Fills, bool FirstByQueue) Expected(int start, long quantity, out List<(int EventIndex, long Quantity)> actual)
    {
        var (priceRaw, aheadRaw, fills) = Run(start, QueueCancellationModel.BehindUs);
        actual = fills;

        // The rule, from the recording alone.
        var book = new FlowSight.Engine.OrderBook.L2OrderBook(Session.InstrumentId, 1, 3);
        var batch = new BookDeltas(2048);
        var expected = new List<(int, long)>();
        long ahead = aheadRaw;
        long remaining = quantity;
        long tradedAtPrice = 0;
        bool firstByQueue = false;
        for (int i = 0; i < Session.Events.Length && remaining > 0; i++)
        {
            var e = Session.Events[i];
            if (!e.IsTrade)
            {
                e.CopyTo(batch);
                book.Apply(batch);
            }

            if (i < start)
            {
                continue;
            }

            long fill = 0;
            if (e.IsTrade)
            {
                long p = e.Trade.Price.RoundTo(1, RoundingMode.ToEven).Raw;
                long v = e.Trade.Size.RoundTo(3, RoundingMode.ToEven).Raw;
                if (p < priceRaw || (p == priceRaw && e.Trade.Aggressor == AggressorSide.Buyer))
                {
                    fill = remaining;
                }
                else if (p == priceRaw)
                {
                    tradedAtPrice += v;
                    fill = Math.Min(remaining, Math.Max(0, v - ahead));
                    ahead = Math.Max(0, ahead - v);
                    if (fill > 0 && expected.Count == 0)
                    {
                        firstByQueue = true;
                        Assert.True(tradedAtPrice > aheadRaw || tradedAtPrice > LowestLevelSince(start, i, priceRaw), $"start {start}: filled after {tradedAtPrice} traded");
                    }
                }
            }
            else
            {
                ahead = Math.Min(ahead, book.TryGetSize(OrderSide.Buy, Price.FromRaw(priceRaw, 1), out var size) ? size.Raw : 0);
                if (book.TryGetBestAsk(out var ask) && ask.Price.Raw <= priceRaw)
                {
                    fill = remaining;
                }
            }

            if (fill > 0)
            {
                expected.Add((i, fill));
                remaining -= fill;
            }
        }

        return (expected, firstByQueue);
    }

    /// <summary>The smallest recorded size of our bid level between two events (what of the queue ahead surely stayed).</summary>
    private static long LowestLevelSince(int from, int to, long priceRaw)
    {
        var book = new FlowSight.Engine.OrderBook.L2OrderBook(Session.InstrumentId, 1, 3);
        var batch = new BookDeltas(2048);
        long lowest = long.MaxValue;
        for (int i = 0; i <= to; i++)
        {
            var e = Session.Events[i];
            if (e.IsTrade)
            {
                continue;
            }

            e.CopyTo(batch);
            book.Apply(batch);
            if (i >= from)
            {
                lowest = Math.Min(lowest, book.TryGetSize(OrderSide.Buy, Price.FromRaw(priceRaw, 1), out var size) ? size.Raw : 0);
            }
        }

        return lowest;
    }

    /// <summary>Feeds the session, places a 0.050 buy at the best bid before event <paramref name="start"/>, and notes its fills by event.</summary>
    private static (long PriceRaw, long AheadRaw, List<(int EventIndex, long Quantity)> Fills) Run(int start, QueueCancellationModel model)
    {
        var listener = new RecordingListener();
        var market = new ReplayMarket(Session.Instrument, listener, new ReplayMarketOptions { Cancellations = model, ForwardMarketData = false });
        Session.Feed(market, 0, start);
        Assert.True(market.TryGetBestBid(out var bid));
        market.Submit(Order(OrderSide.Buy, OrderType.Limit, "0.050", bid.Price), market.ExchangeTime);
        long id = Assert.Single(listener.Orders).OrderId;
        Assert.True(market.TryGetQueueAhead(id, out var ahead));
        Assert.Equal(bid.Size, ahead);

        var fills = new List<(int, long)>();
        int current = start;
        listener.OnOrder = e =>
        {
            if (e.ExecutionType == ExecutionType.Trade)
            {
                Assert.Equal(bid.Price, e.LastPrice);
                Assert.Equal(LiquiditySide.Maker, e.Liquidity);
                fills.Add((current, e.LastQuantity.Raw));
            }
        };
        for (; current < Session.Events.Length && market.OpenOrderCount > 0; current++)
        {
            Session.Feed(market, current, current + 1);
        }

        return (bid.Price.Raw, ahead.Raw, fills);
    }

    [Theory]
    [InlineData(3_000, OrderSide.Buy, "30.000")]
    [InlineData(9_000, OrderSide.Sell, "25.000")]
    [InlineData(20_000, OrderSide.Buy, "42.345")]
    public void A_market_order_averages_the_vwap_of_the_recorded_levels_it_consumed(int start, OrderSide side, string quantity)
    {
        var listener = new RecordingListener();
        var market = new ReplayMarket(Session.Instrument, listener, new ReplayMarketOptions { ForwardMarketData = false });
        Session.Feed(market, 0, start);
        var opposite = side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
        var levels = new BookLevel[200];
        int count = market.CopyLevels(opposite, levels);

        // The walk by hand, in decimals.
        decimal wanted = Quantity.Parse(quantity).ToDecimal();
        decimal left = wanted;
        decimal value = 0m;
        var consumed = new List<(Price, decimal)>();
        for (int i = 0; i < count && left > 0; i++)
        {
            decimal take = Math.Min(left, levels[i].Size.ToDecimal());
            consumed.Add((levels[i].Price, take));
            value += levels[i].Price.ToDecimal() * take;
            left -= take;
        }

        Assert.Equal(0m, left);
        Assert.True(consumed.Count >= 2, $"{consumed.Count} level(s): pick a bigger order");

        market.Submit(Order(side, OrderType.Market, quantity), market.ExchangeTime);
        var fills = listener.Orders.Where(e => e.ExecutionType == ExecutionType.Trade).ToList();
        Assert.Equal(consumed, fills.Select(f => (f.LastPrice, f.LastQuantity.ToDecimal())));
        var last = fills[^1];
        Assert.Equal(OrderStatus.Filled, last.Status);
        Assert.Equal(wanted, last.CumulativeQuantity.ToDecimal());
        Assert.Equal(value, last.CumulativeQuote.ToDecimal());
        Assert.Equal(value / wanted, last.CumulativeQuote.ToDecimal() / last.CumulativeQuantity.ToDecimal());

        // What it took is gone from the book the next order meets.
        var (lastPrice, lastTaken) = consumed[^1];
        Assert.True(side == OrderSide.Buy ? market.TryGetBestAsk(out var best) : market.TryGetBestBid(out best));
        var lastLevel = levels[consumed.Count - 1];
        Assert.Equal(lastTaken == lastLevel.Size.ToDecimal() ? levels[consumed.Count].Price : lastPrice, best.Price);
    }

    [Fact]
    public void The_same_recording_requests_and_latency_seed_give_the_same_events_to_the_last_unit()
    {
        var first = Strategy(seed: 42);
        var second = Strategy(seed: 42);
        var other = Strategy(seed: 43);
        Assert.True(first.Count(e => e.ExecutionType == ExecutionType.Trade) > 20, $"{first.Count(e => e.ExecutionType == ExecutionType.Trade)} fills");
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    /// <summary>A quoting script over the whole session with seeded random latency: re-quote at the touch every 400 events, take every 3,000.</summary>
    private static List<OrderEvent> Strategy(int seed)
    {
        var listener = new RecordingListener();
        var latency = new RandomLatency(seed, orderEntryBaseNanos: 2_000_000, orderEntryMeanJitterNanos: 3_000_000, feedBaseNanos: 1_000_000, feedMeanJitterNanos: 2_000_000);
        var market = new ReplayMarket(Session.Instrument, listener, new ReplayMarketOptions { Latency = latency });
        Session.Feed(market, 0, Session.Events.Length, i =>
        {
            if (i % 400 == 399 && market.TryGetBestBid(out var bid) && market.TryGetBestAsk(out var ask))
            {
                long now = market.ExchangeTime;
                market.CancelAll(Account, now);
                market.Submit(Order(OrderSide.Buy, OrderType.Limit, "0.020", bid.Price), now);
                market.Submit(Order(OrderSide.Sell, OrderType.Limit, "0.020", ask.Price), now);
            }

            if (i % 3_000 == 2_999)
            {
                market.Submit(Order(i % 6_000 == 2_999 ? OrderSide.Buy : OrderSide.Sell, OrderType.Market, "0.500"), market.ExchangeTime);
            }
        });
        market.AdvanceTo(market.ExchangeTime + 1_000_000_000);
        return listener.Orders;
    }

    [Fact]
    public void Replaying_the_recording_with_resting_orders_allocates_nothing_in_steady_state()
    {
        var market = new ReplayMarket(Session.Instrument, new NullListener(), new ReplayMarketOptions { Latency = new ConstantLatency(1_000_000, 1_000_000) });
        var batch = new BookDeltas(4096);
        int next = 0;
        Session.Feed(market, 0, 2_000);
        next = 2_000;

        void Round()
        {
            for (int end = next + 2_000; next < end; next++)
            {
                var e = Session.Events[next];
                if (e.IsTrade)
                {
                    market.OnTrade(e.Trade);
                }
                else
                {
                    e.CopyTo(batch);
                    market.OnBookDeltas(batch);
                }

                if (next % 200 == 0 && market.TryGetBestBid(out var bid) && market.TryGetBestAsk(out var ask))
                {
                    market.CancelAll(Account, market.ExchangeTime);
                    market.Submit(Order(OrderSide.Buy, OrderType.Limit, "0.010", bid.Price), market.ExchangeTime);
                    market.Submit(Order(OrderSide.Sell, OrderType.Limit, "0.010", ask.Price), market.ExchangeTime);
                }
            }
        }

        Assert.Equal(0, Allocations.SteadyState(Round, rounds: 5));
    }

    private sealed class NullListener : IMarketListener
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
    }
}
