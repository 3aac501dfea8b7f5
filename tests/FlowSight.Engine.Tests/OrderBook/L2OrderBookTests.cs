using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using Xunit;

namespace FlowSight.Engine.Tests.OrderBook;

/// <summary>Book operations and analysis values, computed by hand on small books.</summary>
public sealed class L2OrderBookTests
{
    internal static readonly InstrumentId Btc = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance);

    private static Price P(string text) => Price.Parse(text);

    private static Quantity Q(string text) => Quantity.Parse(text);

    internal static BookDelta Set(OrderSide side, string price, string size, long sequence = 0) =>
        new(Btc, BookAction.Set, side, Price.Parse(price), Quantity.Parse(size), sequence, BookDeltaFlags.None, 0, 0);

    /// <summary>bids 100.0×1, 99.5×2, 99.0×3; asks 100.5×1.5, 101.0×2.5, 102.0×4 (precision 1 / 3).</summary>
    private static L2OrderBook Sample()
    {
        var book = new L2OrderBook(Btc, 1, 3);
        book.Apply(Set(OrderSide.Buy, "99.0", "3.000"));
        book.Apply(Set(OrderSide.Buy, "100.0", "1.000"));
        book.Apply(Set(OrderSide.Buy, "99.5", "2.000"));
        book.Apply(Set(OrderSide.Sell, "102.0", "4.000"));
        book.Apply(Set(OrderSide.Sell, "100.5", "1.500"));
        book.Apply(Set(OrderSide.Sell, "101.0", "2.500"));
        return book;
    }

    [Fact]
    public void Levels_are_kept_best_first_on_both_sides()
    {
        var book = Sample();
        Assert.Equal(3, book.BidCount);
        Assert.Equal(3, book.AskCount);
        Assert.Equal(new BookLevel(P("100.0"), Q("1.000")), book.GetLevel(OrderSide.Buy, 0));
        Assert.Equal(new BookLevel(P("99.5"), Q("2.000")), book.GetLevel(OrderSide.Buy, 1));
        Assert.Equal(new BookLevel(P("99.0"), Q("3.000")), book.GetLevel(OrderSide.Buy, 2));
        Assert.Equal(new BookLevel(P("100.5"), Q("1.500")), book.GetLevel(OrderSide.Sell, 0));
        Assert.Equal(new BookLevel(P("102.0"), Q("4.000")), book.GetLevel(OrderSide.Sell, 2));
        Assert.True(book.TryGetBestBid(out var bid));
        Assert.True(book.TryGetBestAsk(out var ask));
        Assert.Equal("100.0", bid.Price.ToString());
        Assert.Equal("1.500", ask.Size.ToString());
        Assert.False(book.IsCrossed);
    }

    [Fact]
    public void A_set_replaces_the_size_and_zero_or_delete_removes_the_level()
    {
        var book = Sample();
        book.Apply(Set(OrderSide.Buy, "99.5", "7.250"));
        Assert.True(book.TryGetSize(OrderSide.Buy, P("99.5"), out var size));
        Assert.Equal(Q("7.250"), size);

        book.Apply(Set(OrderSide.Buy, "99.5", "0.000"));
        Assert.False(book.TryGetSize(OrderSide.Buy, P("99.5"), out _));
        Assert.Equal(2, book.BidCount);

        Assert.True(book.Apply(new BookDelta(Btc, BookAction.Delete, OrderSide.Sell, P("100.5"), Q("0"), 0, BookDeltaFlags.None, 0, 0)));
        Assert.Equal(P("101.0"), book.GetLevel(OrderSide.Sell, 0).Price);

        // Removing a level that is not there is normal on Binance ("can happen and is normal").
        Assert.True(book.Apply(Set(OrderSide.Sell, "555.5", "0.000")));
        Assert.Equal(2, book.AskCount);
    }

    [Fact]
    public void Clear_empties_both_sides()
    {
        var book = Sample();
        book.Apply(new BookDelta(Btc, BookAction.Clear, OrderSide.Buy, default, default, 0, BookDeltaFlags.None, 0, 0));
        Assert.True(book.IsEmpty);
        Assert.False(book.TryGetBestBid(out _));
        Assert.False(book.TryGetSpread(out _));
    }

    [Fact]
    public void Other_precisions_are_rescaled_exactly_or_rejected()
    {
        var book = new L2OrderBook(Btc, 2, 3);
        Assert.True(book.Apply(Set(OrderSide.Buy, "61800.1", "0.5")));         // fewer decimals: exact
        Assert.True(book.Apply(Set(OrderSide.Buy, "61800.1000", "0.50000")));  // zeros beyond: same level
        Assert.Equal(1, book.BidCount);
        Assert.Equal(Q("0.500"), book.GetLevel(OrderSide.Buy, 0).Size);
        Assert.Equal(2, book.GetLevel(OrderSide.Buy, 0).Price.Precision);

        Assert.False(book.Apply(Set(OrderSide.Buy, "61800.105", "1"))); // would lose a digit
        Assert.False(book.Apply(Set(OrderSide.Buy, "61800.10", "1.0001")));
        Assert.Equal(2, book.RejectedDeltas);
        Assert.Equal(1, book.BidCount);
    }

    [Fact]
    public void A_snapshot_batch_replaces_the_book_and_sets_the_update_id()
    {
        var book = Sample();
        var batch = new BookDeltas { IsSnapshot = true, LastUpdateId = 42, FirstUpdateId = 42, EventTime = 7 };
        batch.Add(Set(OrderSide.Buy, "10.0", "1.000"));
        batch.Add(Set(OrderSide.Buy, "9.0", "2.000"));
        batch.Add(Set(OrderSide.Buy, "8.0", "3.000"));
        batch.Add(Set(OrderSide.Sell, "11.0", "1.000"));
        batch.Add(Set(OrderSide.Sell, "12.0", "2.000"));
        Assert.True(book.Apply(batch));

        Assert.Equal(42, book.LastUpdateId);
        Assert.Equal(7, book.LastEventTime);
        Assert.Equal(3, book.BidCount);
        Assert.Equal(2, book.AskCount);
        Assert.Equal(P("10.0"), book.GetLevel(OrderSide.Buy, 0).Price);
        Assert.Equal(P("8.0"), book.GetLevel(OrderSide.Buy, 2).Price);
        Assert.Equal(P("11.0"), book.GetLevel(OrderSide.Sell, 0).Price);
    }

    [Fact]
    public void A_snapshot_in_any_order_with_a_duplicate_keeps_the_last_value()
    {
        var book = new L2OrderBook(Btc, 1, 3);
        var batch = new BookDeltas { IsSnapshot = true, LastUpdateId = 1 };
        batch.Add(Set(OrderSide.Buy, "9.0", "2.000"));
        batch.Add(Set(OrderSide.Buy, "10.0", "1.000"));
        batch.Add(Set(OrderSide.Buy, "8.0", "3.000"));
        batch.Add(Set(OrderSide.Buy, "10.0", "5.000"));
        batch.Add(Set(OrderSide.Sell, "12.0", "2.000"));
        batch.Add(Set(OrderSide.Sell, "11.0", "1.000"));
        book.Apply(batch);
        Assert.Equal(3, book.BidCount);
        Assert.Equal(new BookLevel(P("10.0"), Q("5.000")), book.GetLevel(OrderSide.Buy, 0));
        Assert.Equal(P("11.0"), book.GetLevel(OrderSide.Sell, 0).Price);
        Assert.Equal(P("12.0"), book.GetLevel(OrderSide.Sell, 1).Price);
    }

    [Fact]
    public void Spread_mid_microprice_and_imbalance()
    {
        var book = Sample();
        Assert.True(book.TryGetSpread(out var spread));
        Assert.Equal(P("0.5"), spread);

        Assert.True(book.TryGetMid(out var mid));
        Assert.Equal("100.25", mid.ToString());

        // (100.0 × 1.5 + 100.5 × 1.0) / 2.5 = 250.5 / 2.5 = 100.2
        Assert.True(book.TryGetMicroprice(out double micro));
        Assert.Equal(100.2, micro, 10);

        // top 1: (1 − 1.5) / 2.5 = −0.2; top 2: (3 − 4) / 7; top 3 and beyond: (6 − 8) / 14
        Assert.True(book.TryGetImbalance(1, out double i1));
        Assert.Equal(-0.2, i1, 12);
        Assert.True(book.TryGetImbalance(2, out double i2));
        Assert.Equal(-1.0 / 7, i2, 12);
        Assert.True(book.TryGetImbalance(50, out double i50));
        Assert.Equal(-2.0 / 14, i50, 12);
    }

    [Fact]
    public void The_mid_at_the_maximum_precision_rounds_half_to_even()
    {
        var book = new L2OrderBook(Btc, 9, 0);
        book.Set(OrderSide.Buy, Price.FromRaw(1, 9), Quantity.FromRaw(1, 0));
        book.Set(OrderSide.Sell, Price.FromRaw(4, 9), Quantity.FromRaw(1, 0));
        Assert.True(book.TryGetMid(out var mid)); // 2.5 → 2
        Assert.Equal(Price.FromRaw(2, 9), mid);
    }

    [Fact]
    public void Depth_within_basis_points_of_the_mid()
    {
        var book = Sample();
        // mid 100.25. 50 bps → band [99.74875, 100.75125]: bid 100.0 and ask 100.5 only.
        Assert.True(book.TryGetDepthWithin(50m, out var d50));
        Assert.Equal(Q("1.000"), d50.BidSize);
        Assert.Equal(Q("1.500"), d50.AskSize);
        Assert.Equal(100.0m, d50.BidNotional);
        Assert.Equal(150.75m, d50.AskNotional);
        Assert.Equal((1, 1), (d50.BidLevels, d50.AskLevels));

        // 100 bps → [99.24750, 101.25250]: bids 100.0, 99.5; asks 100.5, 101.0.
        Assert.True(book.TryGetDepthWithin(100m, out var d100));
        Assert.Equal(Q("3.000"), d100.BidSize);
        Assert.Equal(Q("4.000"), d100.AskSize);
        Assert.Equal(100.0m + 199.0m, d100.BidNotional);
        Assert.Equal(150.75m + 252.5m, d100.AskNotional);

        // The band edge is inclusive: 99.0 is exactly (100.25 − 99.0) / 100.25 = 124.688… bps away.
        Assert.True(book.TryGetDepthWithin(124.6883m, out var edge));
        Assert.Equal(3, edge.BidLevels);
        Assert.True(book.TryGetDepthWithin(124.6882m, out var inside));
        Assert.Equal(2, inside.BidLevels);

        Assert.True(book.TryGetDepthWithin(0m, out var zero));
        Assert.Equal((0, 0), (zero.BidLevels, zero.AskLevels));
    }

    [Fact]
    public void Fill_estimates_walk_the_opposite_side()
    {
        var book = Sample();

        // Buy 3: 1.5 @ 100.5 + 1.5 @ 101.0 = 150.75 + 151.5 = 302.25 → VWAP 100.75, two levels.
        var buy = book.EstimateFill(OrderSide.Buy, Q("3"));
        Assert.True(buy.IsComplete);
        Assert.Equal(Q("3.000"), buy.Filled);
        Assert.Equal(302.25m, buy.Notional);
        Assert.Equal(100.75m, buy.AveragePrice);
        Assert.Equal(P("101.0"), buy.WorstPrice);
        Assert.Equal(2, buy.Levels);

        // Sell 2.5: 1 @ 100.0 + 1.5 @ 99.5 = 249.25 → 99.7.
        var sell = book.EstimateFill(OrderSide.Sell, Q("2.5"));
        Assert.True(sell.IsComplete);
        Assert.Equal(99.7m, sell.AveragePrice);

        // More than the book holds: partial.
        var tooBig = book.EstimateFill(OrderSide.Sell, Q("10"));
        Assert.False(tooBig.IsComplete);
        Assert.Equal(Q("6.000"), tooBig.Filled);
        Assert.Equal(3, tooBig.Levels);
        Assert.Equal(P("99.0"), tooBig.WorstPrice);

        Assert.Throws<ArgumentException>(() => book.EstimateFill(OrderSide.Buy, Q("0.0001")));
    }

    [Fact]
    public void Aggregation_floors_bids_and_ceils_asks_into_the_callers_span()
    {
        var book = new L2OrderBook(Btc, 2, 3);
        foreach (var (price, size) in new[] { ("61800.20", "1.000"), ("61800.00", "2.000"), ("61799.90", "0.500"), ("61795.00", "4.000") })
        {
            book.Set(OrderSide.Buy, P(price), Q(size));
        }

        foreach (var (price, size) in new[] { ("61800.30", "1.000"), ("61801.00", "2.000"), ("61801.10", "3.000"), ("61810.00", "1.000") })
        {
            book.Set(OrderSide.Sell, P(price), Q(size));
        }

        Span<BookLevel> levels = stackalloc BookLevel[8];
        int n = book.Aggregate(OrderSide.Buy, P("1"), levels);
        Assert.Equal(3, n);
        Assert.Equal(new BookLevel(P("61800.00"), Q("3.000")), levels[0]);
        Assert.Equal(new BookLevel(P("61799.00"), Q("0.500")), levels[1]);
        Assert.Equal(new BookLevel(P("61795.00"), Q("4.000")), levels[2]);

        n = book.Aggregate(OrderSide.Sell, P("1"), levels);
        Assert.Equal(3, n);
        Assert.Equal(new BookLevel(P("61801.00"), Q("3.000")), levels[0]);
        Assert.Equal(new BookLevel(P("61802.00"), Q("3.000")), levels[1]);
        Assert.Equal(new BookLevel(P("61810.00"), Q("1.000")), levels[2]);

        // A step of 10 and a destination of one: just the best bucket.
        n = book.Aggregate(OrderSide.Sell, P("10"), levels[..1]);
        Assert.Equal(1, n);
        Assert.Equal(new BookLevel(P("61810.00"), Q("7.000")), levels[0]);

        Assert.Throws<ArgumentException>(() => book.Aggregate(OrderSide.Buy, P("0.001"), new BookLevel[1]));
        Assert.Throws<ArgumentException>(() => book.Aggregate(OrderSide.Buy, P("0"), new BookLevel[1]));
    }

    [Fact]
    public void Aggregation_handles_negative_prices()
    {
        var book = new L2OrderBook(Btc, 1, 0);
        book.Set(OrderSide.Buy, P("-1.5"), Quantity.FromRaw(1, 0));
        book.Set(OrderSide.Sell, P("-1.5"), Quantity.FromRaw(1, 0));
        var levels = new BookLevel[1];
        book.Aggregate(OrderSide.Buy, P("1"), levels);
        Assert.Equal(P("-2"), levels[0].Price);
        book.Aggregate(OrderSide.Sell, P("1"), levels);
        Assert.Equal(P("-1"), levels[0].Price);
    }

    [Fact]
    public void Top_levels_copy_out_best_first()
    {
        var book = Sample();
        var top = new BookLevel[2];
        Assert.Equal(2, book.CopyLevels(OrderSide.Sell, top));
        Assert.Equal(P("100.5"), top[0].Price);
        Assert.Equal(P("101.0"), top[1].Price);
        var all = new BookLevel[10];
        Assert.Equal(3, book.CopyLevels(OrderSide.Buy, all));
        Assert.Equal(P("99.0"), all[2].Price);
    }

    [Fact]
    public void A_bid_at_or_above_the_best_ask_crosses_the_book()
    {
        var book = Sample();
        book.Apply(Set(OrderSide.Buy, "100.5", "1.000"));
        Assert.True(book.IsCrossed);
        book.Apply(Set(OrderSide.Buy, "100.5", "0.000"));
        Assert.False(book.IsCrossed);
    }

    [Fact]
    public void Deep_books_stay_sorted_under_random_edits()
    {
        var random = new Random(1234);
        var book = new L2OrderBook(Btc, 0, 0, capacity: 4);
        var model = new SortedDictionary<long, long>();
        for (int i = 0; i < 20_000; i++)
        {
            long price = random.Next(0, 3000);
            long size = random.Next(0, 4) == 0 ? 0 : random.Next(1, 100);
            book.Set(OrderSide.Buy, Price.FromRaw(price, 0), Quantity.FromRaw(size, 0));
            if (size == 0)
            {
                model.Remove(price);
            }
            else
            {
                model[price] = size;
            }
        }

        var expected = model.Reverse().Select(kv => new BookLevel(Price.FromRaw(kv.Key, 0), Quantity.FromRaw(kv.Value, 0))).ToArray();
        var actual = new BookLevel[book.BidCount];
        book.CopyLevels(OrderSide.Buy, actual);
        Assert.Equal(expected, actual);
    }
}
