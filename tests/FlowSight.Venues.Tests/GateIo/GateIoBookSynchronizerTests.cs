using System.Text;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Book;
using FlowSight.Venues.GateIo.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo;

/// <summary>Gate.io's local order book procedure on frames in Gate's own shapes, spot and USDT futures.</summary>
public sealed class GateIoBookSynchronizerTests
{
    private static readonly InstrumentId Spot = InstrumentId.Parse("BTC_USDT.GATEIO");
    private static readonly InstrumentId Perp = InstrumentId.Parse("BTC_USDT-PERP.GATEIO");
    private readonly GateIoStreamParser _parser = new(new GateIoSymbolRegistry());
    private readonly List<GateIoBookOutOfSync> _failures = [];
    private readonly List<InstrumentId> _requests = [];
    private readonly GateIoBookSynchronizer _sync;

    public GateIoBookSynchronizerTests()
    {
        _sync = new GateIoBookSynchronizer(new GateIoBookSynchronizerOptions { Instrument = Spot, Book = new L2OrderBook(Spot, 2, 4) });
        _sync.OutOfSync += _failures.Add;
        _sync.SnapshotRequested += _requests.Add;
    }

    private GateIoBookResult Update(long first, long last, string bids = "", string asks = "", GateIoBookSynchronizer? sync = null)
    {
        var frame = $$$"""{"time":1,"time_ms":1000,"channel":"spot.order_book_update","event":"update","result":{"t":1000,"e":"depthUpdate","E":1,"s":"BTC_USDT","U":{{{first}}},"u":{{{last}}},"b":[{{{bids}}}],"a":[{{{asks}}}]}}""";
        Assert.Equal(GateIoMessageKind.BookUpdate, _parser.Parse(Encoding.UTF8.GetBytes(frame), 5));
        return (sync ?? _sync).OnUpdate(_parser.Deltas);
    }

    private GateIoBookResult Snapshot(long id, string bids = """["100.00","1"]""", string asks = """["101.00","1"]""")
    {
        var body = $$"""{"id":{{id}},"current":1700000000000,"update":1700000000000,"asks":[{{asks}}],"bids":[{{bids}}]}""";
        Assert.Equal(GateIoMessageKind.BookSnapshot, _parser.ParseRestSnapshot(Encoding.UTF8.GetBytes(body), Spot, 5));
        return _sync.OnSnapshot(_parser.Deltas);
    }

    [Fact]
    public void Start_asks_for_a_snapshot_once()
    {
        _sync.Start();
        _sync.Start();
        Assert.Equal([Spot], _requests);
        Assert.True(_sync.IsSnapshotPending);
    }

    [Fact]
    public void Buffered_updates_covered_by_the_snapshot_are_dropped_and_the_one_containing_id_plus_one_is_first()
    {
        _sync.Start();
        Assert.Equal(GateIoBookResult.Buffered, Update(95, 99, """["99.00","1"]"""));
        Assert.Equal(GateIoBookResult.Buffered, Update(100, 100, """["99.50","1"]""")); // u < id + 1: in the snapshot
        Assert.Equal(GateIoBookResult.Buffered, Update(101, 103, """["100.00","3"]"""));  // U <= id + 1 <= u
        Assert.Equal(GateIoBookResult.Buffered, Update(104, 104, asks: """["101.00","0"]""")); // size 0 removes
        Assert.Equal(GateIoBookResult.Applied, Snapshot(100));

        Assert.Equal(GateIoBookSyncState.Synced, _sync.State);
        Assert.Equal(104, _sync.LastUpdateId);
        Assert.Equal((2L, 2L), (_sync.Counters.UpdatesDropped, _sync.Counters.UpdatesApplied));
        Assert.Equal(Quantity.Parse("3"), _sync.Book!.GetLevel(OrderSide.Buy, 0).Size);
        Assert.Equal(1, _sync.Book.BidCount);
        Assert.Equal(0, _sync.Book.AskCount);
        Assert.Empty(_failures);
        Assert.False(_sync.IsSnapshotPending);
    }

    [Fact]
    public void Update_straddling_id_plus_one_bridges_the_snapshot()
    {
        _sync.Start();
        Snapshot(100);
        Assert.Equal(GateIoBookResult.Applied, Update(98, 105, """["100.50","2"]"""));
        Assert.Equal(GateIoBookResult.Applied, Update(106, 106));
        Assert.Equal(106, _sync.LastUpdateId);
    }

    [Fact]
    public void A_snapshot_behind_the_stream_is_refused_and_a_newer_one_requested()
    {
        _sync.Start();
        Update(105, 106);
        Assert.Equal(GateIoBookResult.OutOfSync, Snapshot(100)); // id + 1 = 101 < U = 105

        var failure = Assert.Single(_failures);
        Assert.Equal(GateIoBookSyncFailure.SnapshotTooOld, failure.Reason);
        Assert.Equal((100L, 105L, 106L), (failure.BookUpdateId, failure.FirstUpdateId, failure.LastUpdateId));
        Assert.Equal(2, _requests.Count);
        Assert.Equal(GateIoBookSyncState.AwaitingSnapshot, _sync.State);
        Assert.Equal(1, _sync.BufferedUpdates);

        Assert.Equal(GateIoBookResult.Applied, Snapshot(105));
        Assert.Equal((GateIoBookSyncState.Synced, 106L), (_sync.State, _sync.LastUpdateId));
    }

    [Fact]
    public void A_gap_marks_the_book_out_of_sync_buffers_and_resyncs_from_a_new_snapshot()
    {
        _sync.Start();
        Snapshot(100);
        Update(101, 101);
        Assert.Equal(GateIoBookResult.OutOfSync, Update(103, 104)); // 102 lost
        Assert.Equal(GateIoBookSyncFailure.Gap, Assert.Single(_failures).Reason);
        Assert.Equal((1L, 1L), (_sync.Counters.Gaps, _sync.Counters.Resyncs));
        Assert.Equal(GateIoBookResult.Buffered, Update(105, 105, """["100.00","7"]"""));
        Assert.Equal(2, _requests.Count);

        Assert.Equal(GateIoBookResult.Applied, Snapshot(104));
        Assert.Equal(GateIoBookSyncState.Synced, _sync.State);
        Assert.Equal(105, _sync.LastUpdateId);
        Assert.Equal(Quantity.Parse("7"), _sync.Book!.GetLevel(OrderSide.Buy, 0).Size);
    }

    [Fact]
    public void Stale_and_duplicated_updates_are_dropped_while_synced()
    {
        _sync.Start();
        Snapshot(100);
        Update(101, 102);
        Assert.Equal(GateIoBookResult.Dropped, Update(101, 102));
        Assert.Equal(GateIoBookResult.Dropped, Update(90, 95));
        Assert.Equal(GateIoBookResult.Applied, Update(103, 103));
        Assert.Empty(_failures);
    }

    [Fact]
    public void An_unasked_snapshot_while_synced_is_ignored()
    {
        _sync.Start();
        Snapshot(100);
        Update(101, 101);
        Assert.Equal(GateIoBookResult.Ignored, Snapshot(200));
        Assert.Equal(101, _sync.LastUpdateId);
    }

    [Fact]
    public void Resync_after_a_reconnect_forgets_the_old_buffer_and_asks_again()
    {
        _sync.Start();
        Snapshot(100);
        Update(101, 101);
        _sync.Resync();
        Assert.Equal(GateIoBookSyncFailure.Requested, Assert.Single(_failures).Reason);
        Assert.Equal(GateIoBookSyncState.AwaitingSnapshot, _sync.State);
        Assert.Equal(2, _requests.Count);
        Assert.Equal(GateIoBookResult.Buffered, Update(300, 301));
        Assert.Equal(GateIoBookResult.Applied, Snapshot(299, """["50.00","1"]""", """["51.00","1"]"""));
        Assert.Equal((301L, Price.Parse("50")), (_sync.LastUpdateId, _sync.Book!.GetLevel(OrderSide.Buy, 0).Price));
    }

    [Fact]
    public void A_crossed_book_or_impossible_ids_are_out_of_sync()
    {
        _sync.Start();
        Snapshot(100);
        Assert.Equal(GateIoBookResult.OutOfSync, Update(101, 101, """["102.00","1"]"""));
        Assert.Equal(GateIoBookSyncFailure.Crossed, _failures[^1].Reason);
        Snapshot(101);
        Assert.Equal(GateIoBookResult.OutOfSync, Update(103, 102));
        Assert.Equal(GateIoBookSyncFailure.InvalidMessage, _failures[^1].Reason);
    }

    [Fact]
    public void Futures_books_keep_contracts()
    {
        var sync = new GateIoBookSynchronizer(new GateIoBookSynchronizerOptions { Instrument = Perp });
        sync.Start();
        Assert.Equal(GateIoMessageKind.BookSnapshot, _parser.ParseRestSnapshot(
            """{"current":1684930166.384,"update":1684930166.35,"asks":[{"s":803,"p":"0.2974"}],"bids":[{"s":12,"p":"0.2970"}],"id":500}"""u8, Perp, 1));
        sync.OnSnapshot(_parser.Deltas);
        var frame = """{"time":1,"time_ms":1,"channel":"futures.order_book_update","event":"update","result":{"U":501,"a":[{"p":"0.2974","s":0},{"p":"0.2975","s":40}],"b":[],"s":"BTC_USDT","t":1,"u":502}}"""u8;
        Assert.Equal(GateIoMessageKind.BookUpdate, _parser.Parse(frame, 2));
        Assert.Equal(GateIoBookResult.Applied, sync.OnUpdate(_parser.Deltas));
        var ask = sync.Book!.GetLevel(OrderSide.Sell, 0);
        Assert.Equal((Price.Parse("0.2975"), Quantity.Parse("40")), (ask.Price, ask.Size));
        Assert.Equal((4, 0), (sync.Book.PricePrecision, sync.Book.SizePrecision));
    }
}
