using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using Xunit;

namespace FlowSight.Engine.Tests.OrderBook;

/// <summary>
/// The tick-indexed ladder each side keeps near the touch (see <c>L2BookSide</c>): spacing detection, prices off the
/// detected grid, levels far outside the window, a market that moves a long way (recentring up and down), and prices
/// at the ends of the raw range, all checked against a SortedDictionary model through the public API.
/// </summary>
public sealed class L2OrderBookLadderTests
{
    private static readonly InstrumentId Instrument = L2OrderBookTests.Btc;

    private sealed class Model
    {
        public readonly SortedDictionary<long, long> Bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
        public readonly SortedDictionary<long, long> Asks = new();

        public void Set(L2OrderBook book, OrderSide side, long price, long size)
        {
            Assert.True(book.Set(side, Price.FromRaw(price, 2), Quantity.FromRaw(size, 3)));
            var levels = side == OrderSide.Buy ? Bids : Asks;
            if (size == 0)
            {
                levels.Remove(price);
            }
            else
            {
                levels[price] = size;
            }
        }

        public void Delete(L2OrderBook book, OrderSide side, long price)
        {
            Assert.True(book.Delete(side, Price.FromRaw(price, 2)));
            (side == OrderSide.Buy ? Bids : Asks).Remove(price);
        }
    }

    private static void AssertSame(L2OrderBook book, Model model, Random random)
    {
        AssertSide(book, OrderSide.Buy, model.Bids, random);
        AssertSide(book, OrderSide.Sell, model.Asks, random);
    }

    private static void AssertSide(L2OrderBook book, OrderSide side, SortedDictionary<long, long> expected, Random random)
    {
        Assert.Equal(expected.Count, book.Count(side));
        var levels = new BookLevel[expected.Count + 1];
        Assert.Equal(expected.Count, book.CopyLevels(side, levels));
        int i = 0;
        foreach (var (price, size) in expected)
        {
            Assert.Equal(price, levels[i].Price.Raw);
            Assert.Equal(size, levels[i].Size.Raw);
            i++;
        }

        // The raw copy gives the same levels, whole or cut short at any length.
        var prices = new long[expected.Count + 1];
        var sizes = new long[expected.Count + 1];
        Assert.Equal(expected.Count, book.CopyRawLevels(side, prices, sizes));
        int cut = random.Next(expected.Count + 1);
        Assert.Equal(cut, book.CopyRawLevels(side, prices.AsSpan(0, cut), sizes));
        for (int j = 0; j < expected.Count; j++)
        {
            Assert.Equal(levels[j].Price.Raw, prices[j]);
            Assert.Equal(levels[j].Size.Raw, sizes[j]);
        }

        if (expected.Count == 0)
        {
            Assert.False(side == OrderSide.Buy ? book.TryGetBestBid(out _) : book.TryGetBestAsk(out _));
            return;
        }

        var first = expected.First();
        Assert.True(side == OrderSide.Buy ? book.TryGetBestBid(out var best) : book.TryGetBestAsk(out best));
        Assert.Equal(first.Key, best.Price.Raw);
        Assert.Equal(first.Value, best.Size.Raw);
        for (int k = 0; k < 5; k++)
        {
            int depth = random.Next(expected.Count);
            Assert.Equal(levels[depth], book.GetLevel(side, depth));
            Assert.True(book.TryGetSize(side, levels[depth].Price, out var size));
            Assert.Equal(levels[depth].Size, size);
        }
    }

    [Theory]
    [InlineData(1, 10)] // Binance BTCUSDT futures: precision 2, tick 0.10
    [InlineData(2, 1)]
    [InlineData(3, 7)]
    [InlineData(4, 250)]
    public void A_market_that_moves_a_long_way_matches_the_model(int seed, long tick)
    {
        var random = new Random(seed);
        var book = new L2OrderBook(Instrument, 2, 3, capacity: 64);
        var model = new Model();
        long mid = 6_000_000 - (6_000_000 % tick);

        // A drifting mid (many windows' worth up, then down), levels mostly near it, some far out, a few off the tick.
        for (int step = 0; step < 30_000; step++)
        {
            if (step % 50 == 0)
            {
                long drift = step < 15_000 ? 200 * tick : -200 * tick; // 60,000 steps up, then back: several windows each way
                mid += drift + (random.Next(-10, 11) * tick);
            }

            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            int kind = random.Next(100);
            long distance = kind switch
            {
                < 80 => random.Next(1, 300),
                < 95 => random.Next(300, 40_000),
                _ => random.Next(40_000, 3_000_000),
            };
            long price = side == OrderSide.Buy ? mid - (distance * tick) : mid + (distance * tick);
            if (random.Next(500) == 0)
            {
                price += 1 + random.Next((int)Math.Max(1, tick - 1)); // off the grid: the ladder's spacing must drop
            }

            // Keep the book uncrossed, as a venue's would be: remove what the move crossed.
            if (side == OrderSide.Buy)
            {
                foreach (var ask in model.Asks.Keys.TakeWhile(a => a <= price).ToList())
                {
                    model.Delete(book, OrderSide.Sell, ask);
                }
            }
            else
            {
                foreach (var bid in model.Bids.Keys.TakeWhile(b => b >= price).ToList())
                {
                    model.Delete(book, OrderSide.Buy, bid);
                }
            }

            long size = random.Next(3) == 0 ? 0 : random.Next(1, 10_000);
            if (random.Next(20) == 0)
            {
                model.Delete(book, side, price);
            }
            else
            {
                model.Set(book, side, price, size);
            }

            Assert.False(book.IsCrossed);
            if (step % 997 == 0)
            {
                AssertSame(book, model, random);
            }
        }

        AssertSame(book, model, random);
        Assert.Equal(0, book.RejectedDeltas);
    }

    [Fact]
    public void Emptying_the_touch_region_falls_back_to_far_levels_in_order()
    {
        var random = new Random(11);
        var book = new L2OrderBook(Instrument, 2, 3, capacity: 16);
        var model = new Model();

        // Levels every 10 near the touch and a tail far beyond any window.
        for (int i = 0; i < 2_000; i++)
        {
            model.Set(book, OrderSide.Buy, 6_000_000 - (i * 10), 1 + i);
        }

        for (int i = 0; i < 500; i++)
        {
            model.Set(book, OrderSide.Buy, 4_000_000 - (i * 1_000), 7 + i);
        }

        AssertSame(book, model, random);

        // Delete from the touch down: the best walks down through the ladder, then into the far levels.
        foreach (var price in model.Bids.Keys.ToList())
        {
            model.Delete(book, OrderSide.Buy, price);
            if (model.Bids.Count % 97 == 0)
            {
                AssertSame(book, model, random);
            }
        }

        AssertSame(book, model, random);
        Assert.Equal(0, book.BidCount);
    }

    [Fact]
    public void A_snapshot_with_mixed_spacing_loads_and_updates_in_order()
    {
        var random = new Random(3);
        var book = new L2OrderBook(Instrument, 2, 3, capacity: 16);
        var snapshot = new BookDeltas(3000) { IsSnapshot = true, LastUpdateId = 1 };
        var model = new Model();
        for (int i = 0; i < 1000; i++)
        {
            long bid = 6_000_000 - (i * 10) - (i % 200 == 199 ? 5 : 0); // every 200th off the 10-unit grid
            long ask = 6_000_010 + (i * 10) + (i % 300 == 299 ? 3 : 0);
            snapshot.Add(new BookDelta(Instrument, BookAction.Set, OrderSide.Buy, Price.FromRaw(bid, 2), Quantity.FromRaw(1 + i, 3), 1, BookDeltaFlags.Snapshot, 0, 0));
            snapshot.Add(new BookDelta(Instrument, BookAction.Set, OrderSide.Sell, Price.FromRaw(ask, 2), Quantity.FromRaw(2 + i, 3), 1, BookDeltaFlags.Snapshot, 0, 0));
            model.Bids[bid] = 1 + i;
            model.Asks[ask] = 2 + i;
        }

        Assert.True(book.Apply(snapshot));
        AssertSame(book, model, random);
        for (int i = 0; i < 5000; i++)
        {
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            long offset = random.Next(0, 3000) * (random.Next(10) == 0 ? 1 : 10);
            long price = side == OrderSide.Buy ? 6_000_000 - offset : 6_000_010 + offset;
            model.Set(book, side, price, random.Next(3) == 0 ? 0 : random.Next(1, 100));
        }

        AssertSame(book, model, random);
    }

    [Theory]
    [InlineData(long.MaxValue - 5)]
    [InlineData(long.MinValue + 5)]
    [InlineData(0)]
    public void Prices_at_the_ends_of_the_raw_range_stay_correct(long start)
    {
        var random = new Random(9);
        var book = new L2OrderBook(Instrument, 2, 3, capacity: 16);
        var model = new Model();
        long step = start > 0 ? -1 : 1;
        for (int i = 0; i < 3000; i++)
        {
            long price = start + (step * random.Next(0, 100_000));
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            model.Set(book, side, price, random.Next(4) == 0 ? 0 : random.Next(1, 100));
        }

        AssertSide(book, OrderSide.Buy, model.Bids, random);
        AssertSide(book, OrderSide.Sell, model.Asks, random);
    }

    [Fact]
    public void A_single_level_then_a_second_detects_the_spacing()
    {
        var random = new Random(1);
        var book = new L2OrderBook(Instrument, 2, 3);
        var model = new Model();
        model.Set(book, OrderSide.Buy, 6_180_030, 5);
        AssertSame(book, model, random);
        model.Set(book, OrderSide.Buy, 6_180_020, 6);
        model.Set(book, OrderSide.Buy, 6_180_040, 7);
        model.Set(book, OrderSide.Buy, 6_180_025, 8); // off the 10-unit grid: spacing 5
        model.Set(book, OrderSide.Buy, 6_180_021, 9); // and 1
        model.Set(book, OrderSide.Buy, 6_180_020, 0);
        AssertSame(book, model, random);
        book.Clear();
        model.Bids.Clear();
        model.Set(book, OrderSide.Buy, 100, 1);
        model.Set(book, OrderSide.Buy, 100 + (1L << 40), 2); // a spacing too large for the ladder: blocked arrays only
        model.Set(book, OrderSide.Buy, 100 + (1L << 41), 3);
        AssertSame(book, model, random);
    }
}
