using FlowSight.Core;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Book;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Book;

/// <summary>Binance's documented procedure, rule by rule, for spot and futures.</summary>
public sealed class BinanceDepthSynchronizerTests
{
    private static readonly InstrumentId Perp = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance);
    private static readonly InstrumentId Spot = InstrumentId.Of("BTCUSDT", Venue.Binance);

    private sealed class Harness
    {
        public Harness(BinanceMarket market, int maxBufferedDiffs = 2000)
        {
            Sync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions
            {
                Instrument = market == BinanceMarket.Spot ? Spot : Perp,
                Market = market,
                MaxBufferedDiffs = maxBufferedDiffs,
            });
            Sync.SnapshotRequested += _ => Requests++;
            Sync.OutOfSync += f => Failures.Add(f);
            Sync.Applied += b => Applied.Add((b.IsSnapshot, b.LastUpdateId));
        }

        public BinanceDepthSynchronizer Sync { get; }

        public int Requests { get; private set; }

        public List<BinanceDepthOutOfSync> Failures { get; } = [];

        public List<(bool Snapshot, long UpdateId)> Applied { get; } = [];
    }

    /// <summary>A diff U..u (pu for futures) setting one bid and one ask; the prices stay apart so the book never crosses.</summary>
    private static BookDeltas Diff(long first, long last, long previous = -1, string bid = "100.0", string bidSize = "1.000", string ask = "101.0", string askSize = "1.000")
    {
        var batch = new BookDeltas { FirstUpdateId = first, LastUpdateId = last, PreviousUpdateId = previous };
        batch.Add(new BookDelta(Perp, BookAction.Set, OrderSide.Buy, Price.Parse(bid), Quantity.Parse(bidSize), last, BookDeltaFlags.None, 0, 0));
        batch.Add(new BookDelta(Perp, BookAction.Set, OrderSide.Sell, Price.Parse(ask), Quantity.Parse(askSize), last, BookDeltaFlags.None, 0, 0));
        batch.MarkLast();
        return batch;
    }

    private static BookDeltas Snapshot(long lastUpdateId)
    {
        var batch = new BookDeltas { IsSnapshot = true, FirstUpdateId = lastUpdateId, LastUpdateId = lastUpdateId };
        batch.Add(new BookDelta(Perp, BookAction.Clear, OrderSide.Buy, default, default, lastUpdateId, BookDeltaFlags.Snapshot, 0, 0));
        batch.Add(new BookDelta(Perp, BookAction.Set, OrderSide.Buy, Price.Parse("99.0"), Quantity.Parse("5.000"), lastUpdateId, BookDeltaFlags.Snapshot, 0, 0));
        batch.Add(new BookDelta(Perp, BookAction.Set, OrderSide.Sell, Price.Parse("102.0"), Quantity.Parse("5.000"), lastUpdateId, BookDeltaFlags.Snapshot, 0, 0));
        batch.MarkLast();
        return batch;
    }

    [Fact]
    public void Futures_buffer_drop_bridge_and_chain_by_pu()
    {
        var h = new Harness(BinanceMarket.UsdM);
        h.Sync.Start();
        Assert.Equal(1, h.Requests);
        Assert.Equal(BinanceDepthResult.Buffered, h.Sync.OnDiff(Diff(90, 95, 89)));
        Assert.Equal(BinanceDepthResult.Buffered, h.Sync.OnDiff(Diff(96, 99, 95)));   // u < 100: covered by the snapshot
        Assert.Equal(BinanceDepthResult.Buffered, h.Sync.OnDiff(Diff(100, 104, 99))); // U <= 100 <= u: the bridge
        Assert.Equal(BinanceDepthResult.Buffered, h.Sync.OnDiff(Diff(105, 110, 104)));

        Assert.Equal(BinanceDepthResult.Applied, h.Sync.OnSnapshot(Snapshot(100)));
        Assert.True(h.Sync.IsSynced);
        Assert.Equal(110, h.Sync.LastUpdateId);
        Assert.Equal(110, h.Sync.Book!.LastUpdateId);
        Assert.Equal(2, h.Sync.Counters.DiffsDropped);
        Assert.Equal(2, h.Sync.Counters.DiffsApplied);
        Assert.Equal([(true, 100L), (false, 104L), (false, 110L)], h.Applied);
        Assert.Equal(0, h.Sync.BufferedDiffs);

        Assert.Equal(BinanceDepthResult.Applied, h.Sync.OnDiff(Diff(111, 111, 110)));
        Assert.Empty(h.Failures);
        Assert.Equal(1, h.Requests);
    }

    [Fact]
    public void A_futures_diff_whose_u_equals_lastUpdateId_is_the_bridge()
    {
        // Futures drop u < lastUpdateId, so a diff ending exactly at it is kept: U <= 100 <= u.
        var h = new Harness(BinanceMarket.UsdM);
        h.Sync.OnDiff(Diff(97, 100, 96));
        h.Sync.OnSnapshot(Snapshot(100));
        Assert.True(h.Sync.IsSynced);
        Assert.Equal(1, h.Sync.Counters.DiffsApplied);
    }

    [Fact]
    public void A_futures_snapshot_on_a_message_boundary_is_bridged_by_pu()
    {
        // The snapshot's lastUpdateId is the previous message's u: the next diff starts after it but names it as pu.
        var h = new Harness(BinanceMarket.UsdM);
        h.Sync.OnSnapshot(Snapshot(100));
        Assert.Equal(BinanceDepthResult.Applied, h.Sync.OnDiff(Diff(105, 109, 100)));
        Assert.True(h.Sync.IsSynced);
        Assert.Empty(h.Failures);

        // Without the chain link it is still a gap.
        var g = new Harness(BinanceMarket.UsdM);
        g.Sync.OnSnapshot(Snapshot(100));
        Assert.Equal(BinanceDepthResult.OutOfSync, g.Sync.OnDiff(Diff(105, 109, 103)));
        Assert.Equal(BinanceDepthSyncFailure.SnapshotTooOld, Assert.Single(g.Failures).Reason);
    }

    [Fact]
    public void Spot_drops_u_at_or_below_lastUpdateId_and_chains_by_U_equals_previous_u_plus_one()
    {
        var h = new Harness(BinanceMarket.Spot);
        h.Sync.OnDiff(Diff(95, 100));  // u <= 100: covered
        h.Sync.OnDiff(Diff(101, 103)); // U <= 101 <= u
        h.Sync.OnSnapshot(Snapshot(100));
        Assert.True(h.Sync.IsSynced);
        Assert.Equal((1L, 1L), (h.Sync.Counters.DiffsDropped, h.Sync.Counters.DiffsApplied));

        Assert.Equal(BinanceDepthResult.Applied, h.Sync.OnDiff(Diff(104, 104)));
        Assert.Equal(BinanceDepthResult.OutOfSync, h.Sync.OnDiff(Diff(106, 107))); // 105 is missing
        var failure = Assert.Single(h.Failures);
        Assert.Equal(BinanceDepthSyncFailure.Gap, failure.Reason);
        Assert.Equal((104L, 106L, 107L), (failure.BookUpdateId, failure.FirstUpdateId, failure.LastUpdateId));
        Assert.Equal(1, h.Sync.Counters.Gaps);
        Assert.Equal(1, h.Sync.Counters.Resyncs);
        Assert.False(h.Sync.IsSynced);
        Assert.True(h.Sync.IsSnapshotPending);
        Assert.Equal(1, h.Requests);
        Assert.Equal(1, h.Sync.BufferedDiffs); // the diff after the gap waits for the next snapshot
    }

    [Fact]
    public void A_futures_gap_resyncs_from_the_next_snapshot_with_the_diffs_buffered_meanwhile()
    {
        var h = new Harness(BinanceMarket.UsdM);
        h.Sync.OnSnapshot(Snapshot(100));
        h.Sync.OnDiff(Diff(99, 101, 98));
        h.Sync.OnDiff(Diff(102, 105, 101));
        Assert.Equal(BinanceDepthResult.OutOfSync, h.Sync.OnDiff(Diff(110, 112, 109))); // pu 109 != 105
        Assert.Equal(BinanceDepthSyncFailure.Gap, Assert.Single(h.Failures).Reason);
        Assert.Equal(BinanceDepthResult.Buffered, h.Sync.OnDiff(Diff(113, 115, 112)));
        Assert.Equal(BinanceDepthResult.Buffered, h.Sync.OnDiff(Diff(116, 118, 115)));

        // A snapshot at 114: 110..112 is covered, 113..115 bridges, 116..118 continues.
        Assert.Equal(BinanceDepthResult.Applied, h.Sync.OnSnapshot(Snapshot(114)));
        Assert.True(h.Sync.IsSynced);
        Assert.Equal(118, h.Sync.LastUpdateId);
        Assert.Equal(4, h.Sync.Counters.DiffsApplied);
        Assert.Equal(1, h.Sync.Counters.DiffsDropped);
        Assert.Equal(1, h.Sync.Counters.Resyncs);
        Assert.False(h.Sync.IsSnapshotPending);
    }

    [Fact]
    public void A_snapshot_older_than_the_buffered_stream_is_refused_and_requested_again()
    {
        var h = new Harness(BinanceMarket.UsdM);
        h.Sync.Start();
        h.Sync.OnDiff(Diff(200, 205, 199));
        Assert.Equal(BinanceDepthResult.OutOfSync, h.Sync.OnSnapshot(Snapshot(150)));
        Assert.Equal(BinanceDepthSyncFailure.SnapshotTooOld, Assert.Single(h.Failures).Reason);
        Assert.Equal(2, h.Requests);
        Assert.Equal(1, h.Sync.BufferedDiffs);

        Assert.Equal(BinanceDepthResult.Applied, h.Sync.OnSnapshot(Snapshot(203)));
        Assert.True(h.Sync.IsSynced);
    }

    [Fact]
    public void A_crossed_book_after_a_diff_marks_it_out_of_sync()
    {
        var h = new Harness(BinanceMarket.UsdM);
        h.Sync.OnSnapshot(Snapshot(100));
        Assert.Equal(BinanceDepthResult.OutOfSync, h.Sync.OnDiff(Diff(100, 101, 99, bid: "102.5")));
        Assert.Equal(BinanceDepthSyncFailure.Crossed, Assert.Single(h.Failures).Reason);
        Assert.Equal(1, h.Sync.Counters.Crossed);
        Assert.True(h.Sync.IsSnapshotPending);
    }

    [Fact]
    public void Invalid_update_ids_or_unrepresentable_values_mark_it_out_of_sync()
    {
        var h = new Harness(BinanceMarket.UsdM);
        h.Sync.OnSnapshot(Snapshot(100));
        Assert.Equal(BinanceDepthResult.OutOfSync, h.Sync.OnDiff(Diff(105, 101, 99)));
        Assert.Equal(BinanceDepthSyncFailure.InvalidMessage, h.Failures[^1].Reason);

        var h2 = new Harness(BinanceMarket.UsdM);
        h2.Sync.OnSnapshot(Snapshot(100)); // book precision 1 / 3 from the snapshot
        Assert.Equal(BinanceDepthResult.OutOfSync, h2.Sync.OnDiff(Diff(100, 101, 99, bid: "100.05")));
        Assert.Equal(BinanceDepthSyncFailure.InvalidMessage, h2.Failures[^1].Reason);
        Assert.Equal(1, h2.Sync.Counters.Invalid);
    }

    [Fact]
    public void Stale_and_duplicate_diffs_after_sync_are_dropped_not_applied()
    {
        var h = new Harness(BinanceMarket.UsdM);
        h.Sync.OnSnapshot(Snapshot(100));
        h.Sync.OnDiff(Diff(100, 104, 99, bidSize: "2.000"));
        Assert.Equal(BinanceDepthResult.Dropped, h.Sync.OnDiff(Diff(100, 104, 99, bidSize: "9.000")));
        Assert.True(h.Sync.Book!.TryGetBestBid(out var bid));
        Assert.Equal(Quantity.Parse("2.000"), bid.Size);
        Assert.True(h.Sync.IsSynced);
    }

    [Fact]
    public void Unsolicited_snapshots_while_synced_are_ignored()
    {
        var h = new Harness(BinanceMarket.UsdM);
        h.Sync.OnSnapshot(Snapshot(100));
        h.Sync.OnDiff(Diff(100, 104, 99));
        Assert.Equal(BinanceDepthResult.Ignored, h.Sync.OnSnapshot(Snapshot(200)));
        Assert.Equal(104, h.Sync.LastUpdateId);
        Assert.Equal(1, h.Sync.Counters.SnapshotsIgnored);
    }

    [Fact]
    public void An_owner_requested_resync_buffers_until_a_fresh_snapshot()
    {
        var h = new Harness(BinanceMarket.UsdM);
        h.Sync.OnSnapshot(Snapshot(100));
        h.Sync.OnDiff(Diff(100, 104, 99));
        h.Sync.Resync();
        Assert.Equal(BinanceDepthSyncFailure.Requested, Assert.Single(h.Failures).Reason);
        Assert.Equal(BinanceDepthResult.Buffered, h.Sync.OnDiff(Diff(105, 106, 104)));
        Assert.Equal(BinanceDepthResult.Applied, h.Sync.OnSnapshot(Snapshot(105)));
        Assert.Equal(106, h.Sync.LastUpdateId);
    }

    [Fact]
    public void A_full_buffer_drops_the_oldest_diffs_and_counts_them()
    {
        var h = new Harness(BinanceMarket.UsdM, maxBufferedDiffs: 3);
        for (long u = 1; u <= 10; u++)
        {
            h.Sync.OnDiff(Diff(u, u, u - 1));
        }

        Assert.Equal(3, h.Sync.BufferedDiffs);
        Assert.Equal(7, h.Sync.Counters.BufferOverflows);
        Assert.True(h.Sync.TryGetBufferedRange(out long first, out long last));
        Assert.Equal((8L, 10L), (first, last));

        Assert.Equal(BinanceDepthResult.Applied, h.Sync.OnSnapshot(Snapshot(8)));
        Assert.Equal(10, h.Sync.LastUpdateId);
        Assert.Equal(3, h.Sync.Counters.DiffsApplied);
    }

    [Fact]
    public void Once_synced_applying_diffs_allocates_nothing()
    {
        var sync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions { Instrument = Perp, Market = BinanceMarket.UsdM });
        sync.OnSnapshot(Snapshot(101));
        var diffs = Enumerable.Range(0, 20_000).Select(i => Diff(101 + i, 101 + i, 100 + i, bidSize: $"{1 + (i % 7)}.000")).ToArray();
        int next = 0;
        for (; next < 5_000; next++)
        {
            sync.OnDiff(diffs[next]); // warm-up: JIT and tiering
        }

        long allocated = Allocations.Fewest(() =>
        {
            for (int end = next + 3_000; next < end; next++)
            {
                sync.OnDiff(diffs[next]);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(next, sync.Counters.DiffsApplied);
    }

    [Fact]
    public void Resyncing_again_and_again_reuses_the_buffer()
    {
        const int cycles = 100;
        const int perCycle = 50;
        var diffs = Enumerable.Range(0, cycles * perCycle).Select(i => Diff(101 + i, 101 + i, 100 + i)).ToArray();
        var snapshots = Enumerable.Range(0, cycles).Select(c => Snapshot(100 + (c * perCycle) + 25)).ToArray();
        var sync = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions { Instrument = Perp, Market = BinanceMarket.UsdM });
        var results = new BinanceDepthResult[cycles];
        int c = 0;
        void Cycle()
        {
            sync.Resync();
            for (int i = 0; i < perCycle; i++)
            {
                sync.OnDiff(diffs[(c * perCycle) + i]);
            }

            results[c] = sync.OnSnapshot(snapshots[c]); // (xunit's Assert would allocate inside the measured loop)
            c++;
        }

        while (c < cycles - 40)
        {
            Cycle(); // the buffer grows to its working size
        }

        long allocated = Allocations.Fewest(() =>
        {
            for (int k = 0; k < 8; k++)
            {
                Cycle();
            }
        });

        Assert.Equal(0, allocated);
        Assert.All(results.Take(c), r => Assert.Equal(BinanceDepthResult.Applied, r));
        Assert.True(sync.IsSynced);
        Assert.Equal(c - 1, sync.Counters.Resyncs);
    }
}
