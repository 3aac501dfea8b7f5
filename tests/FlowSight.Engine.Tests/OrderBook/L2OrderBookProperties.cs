using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FsCheck.Xunit;
using Xunit;

namespace FlowSight.Engine.Tests.OrderBook;

/// <summary>
/// Invariants over arbitrary delta sequences: the book equals a naive SortedDictionary model, is sorted best first,
/// and a book fed only non-crossing deltas is never crossed.
/// </summary>
public sealed class L2OrderBookProperties
{
    private static readonly InstrumentId Instrument = L2OrderBookTests.Btc;

    /// <summary>One op per int: bits 0-1 the action (set, set, delete, clear rarely), bit 2 the side, then price and size.</summary>
    private static BookDelta Decode(int op, int priceRange)
    {
        uint bits = (uint)op;
        var side = (bits & 4) == 0 ? OrderSide.Buy : OrderSide.Sell;
        long price = 1000 + (long)((bits >> 3) % (uint)priceRange);
        long size = (bits >> 16) % 6; // 0 deletes through a Set, as Binance's "0.000" does
        var action = (bits & 3) switch
        {
            2 => BookAction.Delete,
            3 when (bits >> 24) % 16 == 0 => BookAction.Clear,
            _ => BookAction.Set,
        };

        // Alternate the precision of the delta (1 or 3 decimals) so rescaling is exercised; the book keeps 2.
        bool fine = (bits & 0x8000_0000) != 0;
        var p = fine ? Price.FromRaw(price * 10, 3) : Price.FromRaw(price / 10, 1);

        return new BookDelta(Instrument, action, side, p, Quantity.FromRaw(size, 0), 0, BookDeltaFlags.None, 0, 0);
    }

    private static long PriceRaw2(BookDelta delta) => delta.Price.Precision == 3 ? delta.Price.Raw / 10 : delta.Price.Raw * 10;

    private static void ApplyToModel(BookDelta delta, SortedDictionary<long, long> bids, SortedDictionary<long, long> asks)
    {
        var side = delta.Side == OrderSide.Buy ? bids : asks;
        switch (delta.Action)
        {
            case BookAction.Clear:
                bids.Clear();
                asks.Clear();
                break;
            case BookAction.Delete:
                side.Remove(PriceRaw2(delta));
                break;
            default:
                if (delta.Size.Raw == 0)
                {
                    side.Remove(PriceRaw2(delta));
                }
                else
                {
                    side[PriceRaw2(delta)] = delta.Size.Raw * 1000;
                }

                break;
        }
    }

    private static bool Matches(L2OrderBook book, SortedDictionary<long, long> bids, SortedDictionary<long, long> asks)
    {
        var expectedBids = bids.Reverse().Select(kv => (kv.Key, kv.Value)).ToArray();
        var expectedAsks = asks.Select(kv => (kv.Key, kv.Value)).ToArray();
        var actualBids = Levels(book, OrderSide.Buy);
        var actualAsks = Levels(book, OrderSide.Sell);
        return expectedBids.SequenceEqual(actualBids) && expectedAsks.SequenceEqual(actualAsks);
    }

    private static (long, long)[] Levels(L2OrderBook book, OrderSide side)
    {
        var levels = new BookLevel[book.Count(side)];
        book.CopyLevels(side, levels);
        return levels.Select(l => (l.Price.Raw, l.Size.Raw)).ToArray();
    }

    private static bool IsSortedBestFirst(L2OrderBook book)
    {
        var bids = Levels(book, OrderSide.Buy);
        var asks = Levels(book, OrderSide.Sell);
        for (int i = 1; i < bids.Length; i++)
        {
            if (bids[i].Item1 >= bids[i - 1].Item1)
            {
                return false;
            }
        }

        for (int i = 1; i < asks.Length; i++)
        {
            if (asks[i].Item1 <= asks[i - 1].Item1)
            {
                return false;
            }
        }

        return bids.All(l => l.Item2 > 0) && asks.All(l => l.Item2 > 0);
    }

    [Property(MaxTest = 500)]
    public bool The_book_equals_a_sorted_dictionary_model(int[] ops, byte range, byte capacity)
    {
        int priceRange = 2 + (range % 200);
        var book = new L2OrderBook(Instrument, 2, 3, capacity: capacity % 8);
        var bids = new SortedDictionary<long, long>();
        var asks = new SortedDictionary<long, long>();
        foreach (int op in ops)
        {
            var delta = Decode(op, priceRange);
            if (!book.Apply(delta))
            {
                return false;
            }

            ApplyToModel(delta, bids, asks);
            if (!Matches(book, bids, asks) || !IsSortedBestFirst(book))
            {
                return false;
            }
        }

        return book.BidCount == bids.Count && book.AskCount == asks.Count;
    }

    [Property(MaxTest = 60)]
    public bool Large_books_equal_the_model_through_block_splits_and_merges(int seed, bool snapshotFirst)
    {
        // Thousands of levels, so blocks of 64 split and merge: a snapshot, then updates clustered near the touch,
        // spread through the book, and bursts of deletes that empty whole blocks.
        var random = new Random(seed);
        var book = new L2OrderBook(Instrument, 2, 3, capacity: 16);
        var bids = new SortedDictionary<long, long>();
        var asks = new SortedDictionary<long, long>();
        if (snapshotFirst)
        {
            var snapshot = new BookDeltas(4096) { IsSnapshot = true };
            for (int i = 0; i < 1500; i++)
            {
                var level = new BookDelta(Instrument, BookAction.Set, OrderSide.Buy, Price.FromRaw(100_000 - (i * 3), 2), Quantity.FromRaw(1 + i, 3), 0, BookDeltaFlags.Snapshot, 0, 0);
                snapshot.Add(level);
                bids[level.Price.Raw] = level.Size.Raw;
            }

            if (!book.Apply(snapshot))
            {
                return false;
            }
        }

        for (int i = 0; i < 6000; i++)
        {
            int kind = random.Next(10);
            long price = kind < 5
                ? 100_000 - random.Next(0, 60)               // near the touch
                : kind < 8 ? 100_000 - random.Next(0, 6000)  // anywhere
                : 95_000 - random.Next(0, 300);              // a band that bursts of deletes empty
            long size = kind >= 8 || random.Next(3) == 0 ? 0 : random.Next(1, 1000);
            var side = random.Next(4) == 0 ? OrderSide.Sell : OrderSide.Buy;
            long p = side == OrderSide.Buy ? price : 300_000 - price;
            book.Set(side, Price.FromRaw(p, 2), Quantity.FromRaw(size, 3));
            var model = side == OrderSide.Buy ? bids : asks;
            if (size == 0)
            {
                model.Remove(p);
            }
            else
            {
                model[p] = size;
            }
        }

        return Matches(book, bids, asks) && IsSortedBestFirst(book)
            && Enumerable.Range(0, Math.Min(book.BidCount, 50)).All(d => book.GetLevel(OrderSide.Buy, d * book.BidCount / 50).Price.Raw == bids.Keys.Reverse().ElementAt(d * book.BidCount / 50));
    }

    [Property(MaxTest = 300)]
    public bool Snapshots_equal_the_model_whatever_the_order_of_their_levels(int[] ops, byte range)
    {
        int priceRange = 2 + (range % 300);
        var batch = new BookDeltas { IsSnapshot = true, LastUpdateId = ops.Length };
        var bids = new SortedDictionary<long, long>();
        var asks = new SortedDictionary<long, long>();
        foreach (int op in ops)
        {
            var delta = Decode(op, priceRange) with { Action = BookAction.Set };
            batch.Add(delta);
            if (delta.Size.Raw != 0)
            {
                ApplyToModel(delta, bids, asks);
            }
        }

        var book = new L2OrderBook(Instrument, 2, 3, capacity: 2);
        book.Apply(L2OrderBookTests.Set(OrderSide.Buy, "1.00", "1.000")); // replaced by the snapshot
        return book.Apply(batch) && Matches(book, bids, asks) && IsSortedBestFirst(book) && book.LastUpdateId == ops.Length;
    }

    [Property(MaxTest = 300)]
    public bool A_snapshot_delivered_delta_by_delta_equals_the_model_even_when_read_midway(int[] ops, byte range, byte readAt)
    {
        // As the engine's bus delivers it: a Clear flagged Snapshot, the levels flagged Snapshot, the last one Last.
        int priceRange = 2 + (range % 300);
        var bids = new SortedDictionary<long, long>();
        var asks = new SortedDictionary<long, long>();
        var book = new L2OrderBook(Instrument, 2, 3, capacity: 2);
        book.Apply(L2OrderBookTests.Set(OrderSide.Sell, "5000.00", "1.000")); // replaced by the snapshot
        book.Apply(new BookDelta(Instrument, BookAction.Clear, OrderSide.Buy, default, default, 1, ops.Length == 0 ? BookDeltaFlags.Snapshot | BookDeltaFlags.Last : BookDeltaFlags.Snapshot, 0, 0));
        for (int i = 0; i < ops.Length; i++)
        {
            var delta = Decode(ops[i], priceRange) with { Action = BookAction.Set, Flags = i == ops.Length - 1 ? BookDeltaFlags.Snapshot | BookDeltaFlags.Last : BookDeltaFlags.Snapshot };
            if (!book.Apply(delta))
            {
                return false;
            }

            if (delta.Size.Raw != 0)
            {
                ApplyToModel(delta, bids, asks);
            }
            else
            {
                // A zero in a snapshot adds nothing; once the book was read midway it is an ordinary Set (a delete).
                // Either way the model removes nothing that the snapshot itself has not set later: keep them apart.
                var side = delta.Side == OrderSide.Buy ? bids : asks;
                if (i > readAt % Math.Max(ops.Length, 1))
                {
                    side.Remove(PriceRaw2(delta));
                }
            }

            if (i == readAt % Math.Max(ops.Length, 1))
            {
                _ = book.IsCrossed; // a read in the middle of the message sorts what is there so far
                if (!Matches(book, bids, asks) || !IsSortedBestFirst(book))
                {
                    return false;
                }
            }
        }

        return Matches(book, bids, asks) && IsSortedBestFirst(book);
    }

    [Property(MaxTest = 500)]
    public bool A_book_fed_only_non_crossing_deltas_is_never_crossed(int[] ops, byte range)
    {
        int priceRange = 2 + (range % 100);
        var book = new L2OrderBook(Instrument, 2, 3);
        foreach (int op in ops)
        {
            var delta = Decode(op, priceRange);
            bool adds = delta.Action == BookAction.Set && delta.Size.Raw != 0;
            if (adds && WouldCross(book, delta))
            {
                continue; // the venue never sends this
            }

            book.Apply(delta);
            if (book.IsCrossed)
            {
                return false;
            }
        }

        return true;
    }

    private static bool WouldCross(L2OrderBook book, BookDelta delta) =>
        delta.Side == OrderSide.Buy
            ? book.TryGetBestAsk(out var ask) && delta.Price >= ask.Price
            : book.TryGetBestBid(out var bid) && delta.Price <= bid.Price;

    [Fact]
    public void Shrunk_case_an_unordered_snapshot_ignores_its_zero_size_entries()
    {
        // FsCheck found it: asks 10.01, 10.00, 10.00×0, 10.01 — out of order, so the side is rebuilt level by level,
        // and the zero entry must not delete 10.00 there either.
        var batch = new BookDeltas { IsSnapshot = true };
        batch.Add(L2OrderBookTests.Set(OrderSide.Sell, "10.01", "3"));
        batch.Add(L2OrderBookTests.Set(OrderSide.Sell, "10.00", "3"));
        batch.Add(L2OrderBookTests.Set(OrderSide.Sell, "10.0", "0"));
        batch.Add(L2OrderBookTests.Set(OrderSide.Sell, "10.01", "3"));
        var book = new L2OrderBook(Instrument, 2, 3);
        Assert.True(book.Apply(batch));
        Assert.Equal(2, book.AskCount);
    }

    [Fact]
    public void Shrunk_case_delete_below_an_empty_side_is_a_no_op()
    {
        var book = new L2OrderBook(Instrument, 2, 3);
        Assert.True(book.Delete(OrderSide.Sell, Price.FromRaw(1, 2)));
        Assert.True(book.IsEmpty);
    }
}
