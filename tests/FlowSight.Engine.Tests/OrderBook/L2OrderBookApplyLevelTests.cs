using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using Xunit;

namespace FlowSight.Engine.Tests.OrderBook;

/// <summary><see cref="L2OrderBook.ApplyLevel"/> (raw levels, the parsers' fused path) does what <see cref="L2OrderBook.Apply(in BookDelta)"/> does.</summary>
public sealed class L2OrderBookApplyLevelTests
{
    private static readonly InstrumentId Instrument = L2OrderBookTests.Btc;

    [Fact]
    public void Raw_levels_build_the_same_book_as_deltas()
    {
        var random = new Random(20241124);
        var byLevel = new L2OrderBook(Instrument, 2, 3);
        var byDelta = new L2OrderBook(Instrument, 2, 3);
        for (int i = 0; i < 50_000; i++)
        {
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            long price = side == OrderSide.Buy ? 6_000_000 - (random.Next(3_000) * 10) : 6_000_010 + (random.Next(3_000) * 10);
            if (random.Next(50) == 0)
            {
                price += 3; // off the 0.10 grid: the ladder's spacing changes
            }

            long size = random.Next(3) == 0 ? 0 : random.Next(1, 100_000);

            // Sometimes at other precisions than the book's, which must be rescaled exactly.
            byte pricePrecision = 2;
            byte sizePrecision = 3;
            if (random.Next(10) == 0)
            {
                price *= 10;
                pricePrecision = 3;
                size *= 100;
                sizePrecision = 5;
            }

            Assert.True(byLevel.ApplyLevel(side, price, pricePrecision, size, sizePrecision));
            var action = size == 0 ? BookAction.Delete : BookAction.Set;
            Assert.True(byDelta.Apply(new BookDelta(Instrument, action, side, Price.FromRaw(price, pricePrecision), Quantity.FromRaw(size, sizePrecision), i, BookDeltaFlags.None, 0, 0)));
        }

        AssertSameLevels(byDelta, byLevel);
    }

    [Fact]
    public void Coarse_levels_written_by_a_writer_build_the_same_book_as_a_diff_batch()
    {
        // OKX trims trailing zeros: precisions at or below the book's, sometimes finer (rescaled exactly or refused),
        // sometimes too large to scale up; the writer must give what Apply(BookDeltas) gives, level for level.
        var random = new Random(20261125);
        var byWriter = new L2OrderBook(Instrument, 2, 8);
        var byBatch = new L2OrderBook(Instrument, 2, 8);
        var batch = new BookDeltas(64);
        for (int i = 0; i < 5_000; i++)
        {
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            batch.Clear();
            var writer = byWriter.GetLevelWriter(side);
            var expected = true;
            for (int j = random.Next(1, 20); j > 0; j--)
            {
                long price = side == OrderSide.Buy ? 6_000_000 - (random.Next(300) * 10) : 6_000_010 + (random.Next(300) * 10);
                byte pricePrecision = 2;
                if (price % 100 == 0 && random.Next(2) == 0)
                {
                    price /= 100;
                    pricePrecision = 0;
                }

                byte sizePrecision = (byte)random.Next(0, Quantity.MaxPrecision + 1);
                long size = random.Next(4) == 0 ? 0 : random.Next(1, 100_000);
                if (random.Next(200) == 0)
                {
                    size = long.MaxValue / 3; // cannot be scaled up
                }

                expected &= writer.ApplyCoarse(price, pricePrecision, size, sizePrecision);
                var action = size == 0 ? BookAction.Delete : BookAction.Set;
                batch.Add(new BookDelta(Instrument, action, side, Price.FromRaw(price, pricePrecision), Quantity.FromRaw(size, sizePrecision), i, BookDeltaFlags.None, 0, 0));
            }

            Assert.Equal(byBatch.Apply(batch), expected);
        }

        AssertSameLevels(byBatch, byWriter);
    }

    [Fact]
    public void A_level_that_cannot_be_represented_is_refused_and_counted()
    {
        var book = new L2OrderBook(Instrument, 2, 3);
        Assert.True(book.ApplyLevel(OrderSide.Buy, 6_180_030, 2, 6, 3));
        Assert.False(book.ApplyLevel(OrderSide.Buy, 61_800_301, 3, 6, 3)); // 61800.301: a digit the book cannot hold
        Assert.False(book.ApplyLevel(OrderSide.Sell, 6_180_040, 2, -1, 3));
        Assert.False(book.ApplyLevel(OrderSide.Sell, 6_180_040, 2, 1, 12));
        Assert.Equal(3, book.RejectedDeltas);
        Assert.Equal(1, book.BidCount);
        Assert.Equal(0, book.AskCount);
        Assert.True(book.ApplyLevel(OrderSide.Buy, 6_180_030, 2, 0, 3));
        Assert.True(book.IsEmpty);
    }

    [Fact]
    public void A_level_after_a_snapshot_streamed_delta_by_delta_finishes_the_loading_first()
    {
        var byLevel = new L2OrderBook(Instrument, 2, 3);
        var byDelta = new L2OrderBook(Instrument, 2, 3);
        foreach (var book in new[] { byLevel, byDelta })
        {
            book.Apply(new BookDelta(Instrument, BookAction.Clear, OrderSide.Buy, default, default, 1, BookDeltaFlags.Snapshot, 0, 0));
            book.Apply(new BookDelta(Instrument, BookAction.Set, OrderSide.Buy, Price.FromRaw(6_180_000, 2), Quantity.FromRaw(5, 3), 1, BookDeltaFlags.Snapshot, 0, 0));
            book.Apply(new BookDelta(Instrument, BookAction.Set, OrderSide.Buy, Price.FromRaw(6_179_990, 2), Quantity.FromRaw(7, 3), 1, BookDeltaFlags.Snapshot, 0, 0));
        }

        byLevel.ApplyLevel(OrderSide.Buy, 6_180_000, 2, 0, 3);
        byDelta.Apply(new BookDelta(Instrument, BookAction.Delete, OrderSide.Buy, Price.FromRaw(6_180_000, 2), Quantity.FromRaw(0, 3), 2, BookDeltaFlags.None, 0, 0));
        AssertSameLevels(byDelta, byLevel);
        Assert.Equal(1, byLevel.BidCount);
    }

    private static void AssertSameLevels(L2OrderBook expected, L2OrderBook actual)
    {
        Assert.Equal(expected.RejectedDeltas, actual.RejectedDeltas);
        foreach (var side in new[] { OrderSide.Buy, OrderSide.Sell })
        {
            Assert.Equal(expected.Count(side), actual.Count(side));
            var a = new BookLevel[expected.Count(side)];
            var b = new BookLevel[actual.Count(side)];
            expected.CopyLevels(side, a);
            actual.CopyLevels(side, b);
            Assert.Equal(a, b);
        }
    }
}
