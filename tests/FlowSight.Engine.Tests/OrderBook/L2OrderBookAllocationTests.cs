using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.TestKit;
using Xunit;

namespace FlowSight.Engine.Tests.OrderBook;

/// <summary>Steady-state updates and analysis allocate nothing; a 5,000-level book stays well under 1 MB.</summary>
[Collection(nameof(ProcessMemoryMeasurements))]
public sealed class L2OrderBookAllocationTests
{
    private static readonly InstrumentId Instrument = L2OrderBookTests.Btc;

    private static BookDeltas Diff(Random random, int levels)
    {
        var batch = new BookDeltas(levels) { LastUpdateId = 1 };
        for (int i = 0; i < levels; i++)
        {
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            long offset = random.Next(0, 400);
            long price = side == OrderSide.Buy ? 6_180_000 - offset : 6_180_001 + offset;
            long size = random.Next(3) == 0 ? 0 : random.Next(1, 5000);
            batch.Add(new BookDelta(Instrument, BookAction.Set, side, Price.FromRaw(price, 2), Quantity.FromRaw(size, 3), 1, BookDeltaFlags.None, 0, 0));
        }

        return batch;
    }

    [Fact]
    public void Applying_diffs_and_reading_analysis_allocate_nothing()
    {
        var random = new Random(7);
        var diffs = Enumerable.Range(0, 200).Select(_ => Diff(random, 68)).ToArray();
        var book = new L2OrderBook(Instrument, 2, 3, capacity: 1024);
        var scratch = new BookLevel[20];

        long allocated = Allocations.SteadyState(() =>
        {
            for (int i = 0; i < 10; i++)
            {
                Run(book, diffs, scratch);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(book.BidCount > 100 && book.AskCount > 100);
    }

    private static void Run(L2OrderBook book, BookDeltas[] diffs, Span<BookLevel> scratch)
    {
        foreach (var diff in diffs)
        {
            book.Apply(diff);
            book.TryGetBestBid(out _);
            book.TryGetMid(out _);
            book.TryGetMicroprice(out _);
            book.TryGetImbalance(5, out _);
            book.TryGetDepthWithin(10m, out _);
            book.EstimateFill(OrderSide.Buy, Quantity.FromRaw(5000, 3));
            book.Aggregate(OrderSide.Buy, Price.FromRaw(100, 2), scratch);
            book.CopyLevels(OrderSide.Sell, scratch);
        }
    }

    [Fact]
    public void A_snapshot_reload_into_an_existing_book_allocates_nothing()
    {
        var snapshot = new BookDeltas(2000) { IsSnapshot = true, LastUpdateId = 5 };
        for (int i = 0; i < 1000; i++)
        {
            snapshot.Add(new BookDelta(Instrument, BookAction.Set, OrderSide.Buy, Price.FromRaw(6_180_000 - i, 2), Quantity.FromRaw(1 + i, 3), 5, BookDeltaFlags.Snapshot, 0, 0));
        }

        for (int i = 0; i < 1000; i++)
        {
            snapshot.Add(new BookDelta(Instrument, BookAction.Set, OrderSide.Sell, Price.FromRaw(6_180_001 + i, 2), Quantity.FromRaw(1 + i, 3), 5, BookDeltaFlags.Snapshot, 0, 0));
        }

        var book = new L2OrderBook(Instrument, 2, 3, capacity: 1024);
        Assert.Equal(0, Allocations.SteadyState(() => book.Apply(snapshot)));
        Assert.Equal(1000, book.BidCount);
        Assert.Equal(Price.FromRaw(6_180_000, 2), book.GetLevel(OrderSide.Buy, 0).Price);
        Assert.Equal(Price.FromRaw(6_180_001, 2), book.GetLevel(OrderSide.Sell, 0).Price);
    }

    [Fact]
    public void A_snapshot_delivered_delta_by_delta_loads_without_allocating_and_in_order()
    {
        // The engine's bus hands the book a snapshot one delta at a time: Clear, then 1,000 bids and 1,000 asks best first.
        var deltas = new List<BookDelta> { new(Instrument, BookAction.Clear, OrderSide.Buy, default, default, 5, BookDeltaFlags.Snapshot, 0, 0) };
        for (int i = 0; i < 1000; i++)
        {
            deltas.Add(new BookDelta(Instrument, BookAction.Set, OrderSide.Buy, Price.FromRaw(6_180_000 - i, 2), Quantity.FromRaw(1 + i, 3), 5, BookDeltaFlags.Snapshot, 0, 0));
        }

        for (int i = 0; i < 1000; i++)
        {
            var flags = i == 999 ? BookDeltaFlags.Snapshot | BookDeltaFlags.Last : BookDeltaFlags.Snapshot;
            deltas.Add(new BookDelta(Instrument, BookAction.Set, OrderSide.Sell, Price.FromRaw(6_180_001 + i, 2), Quantity.FromRaw(1 + i, 3), 5, flags, 0, 0));
        }

        var array = deltas.ToArray();
        var book = new L2OrderBook(Instrument, 2, 3, capacity: 1024);
        long allocated = Allocations.SteadyState(() =>
        {
            foreach (var delta in array)
            {
                book.Apply(delta);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(1000, book.BidCount);
        Assert.Equal(Price.FromRaw(6_180_000, 2), book.GetLevel(OrderSide.Buy, 0).Price);
        Assert.Equal(Price.FromRaw(6_179_001, 2), book.GetLevel(OrderSide.Buy, 999).Price);
        Assert.Equal(Price.FromRaw(6_180_001, 2), book.GetLevel(OrderSide.Sell, 0).Price);
        Assert.False(book.IsCrossed);
    }

    [Fact]
    public void A_5000_level_book_takes_less_than_1_MB()
    {
        long liveBefore = GC.GetTotalMemory(forceFullCollection: true);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var book = new L2OrderBook(Instrument, 2, 3, capacity: 16);
        var random = new Random(5);
        for (int i = 0; i < 5000; i++)
        {
            // Levels arriving in no particular order, as diffs add them all through the book.
            int offset = random.Next(0, 1_000_000);
            book.Set(OrderSide.Buy, Price.FromRaw(6_000_000 - offset, 2), Quantity.FromRaw(1000, 3));
            book.Set(OrderSide.Sell, Price.FromRaw(6_000_001 + offset, 2), Quantity.FromRaw(1000, 3));
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long live = GC.GetTotalMemory(forceFullCollection: true) - liveBefore;
        Assert.InRange(book.BidCount, 4980, 5000); // a few random offsets repeat
        Assert.InRange(book.AskCount, 4980, 5000);

        // ~5,000 levels on EACH side: what the book keeps, and everything its growth allocated and discarded.
        Assert.True(live < 1_000_000, $"{live:N0} bytes live");
        Assert.True(allocated < 2_000_000, $"{allocated:N0} bytes allocated");
        TestContext.Current.SendDiagnosticMessage($"~10,000 levels (5,000 per side): {live:N0} bytes live, {allocated:N0} bytes allocated while growing, capacity {book.Capacity(OrderSide.Buy)} levels per side");
        GC.KeepAlive(book);
    }
}

/// <summary>
/// Tests that read the process's live heap (GC.GetTotalMemory) run alone: any test running beside them would count
/// in their figure.
/// </summary>
[CollectionDefinition(nameof(ProcessMemoryMeasurements), DisableParallelization = true)]
public sealed class ProcessMemoryMeasurements;
