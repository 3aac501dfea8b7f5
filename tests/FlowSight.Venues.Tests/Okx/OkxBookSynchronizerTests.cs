using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Okx;
using FlowSight.Venues.Okx.Book;
using FlowSight.Venues.Okx.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.Okx;

/// <summary>OKX's sequence rules on synthetic messages (the recording predates seqId/prevSeqId).</summary>
public sealed class OkxBookSynchronizerTests
{
    private readonly OkxStreamParser _parser = new(new OkxSymbolRegistry());
    private readonly OkxBookSynchronizer _sync = new(new L2OrderBook(InstrumentId.Parse("BTC-USDT.OKX"), 1, 4)) { VerifyChecksum = false };
    private readonly List<OkxResubscribeRequested> _requests = [];

    public OkxBookSynchronizerTests() => _sync.ResubscribeRequested += _requests.Add;

    private OkxBookResult Push(string action, long seqId, long prevSeqId, string bids = "", string asks = "")
    {
        var frame = $$"""{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"{{action}}","data":[{"asks":[{{asks}}],"bids":[{{bids}}],"ts":"1","seqId":{{seqId}},"prevSeqId":{{prevSeqId}}}]}""";
        Assert.Equal(OkxMessageKind.Book, _parser.Parse(System.Text.Encoding.UTF8.GetBytes(frame), 0));
        return _sync.Apply(_parser.Deltas);
    }

    [Fact]
    public void Updates_before_the_snapshot_are_ignored_then_the_chain_is_followed()
    {
        Assert.Equal(OkxBookResult.Ignored, Push("update", 10, 9));
        Assert.Equal(OkxBookResult.SnapshotApplied, Push("snapshot", 10, -1, """["100.0","1","0","1"]""", """["101.0","1","0","1"]"""));
        Assert.Equal(OkxBookResult.Applied, Push("update", 15, 10, """["100.5","2","0","1"]"""));
        Assert.Equal(15, _sync.LastSeqId);
        Assert.Equal(Price.Parse("100.5"), _sync.Book.GetLevel(OrderSide.Buy, 0).Price);
        Assert.Equal(1, _sync.Counters.Ignored);
        Assert.Empty(_requests);
    }

    [Fact]
    public void A_heartbeat_repeats_the_last_seqId_and_changes_nothing()
    {
        Push("snapshot", 10, -1, """["100.0","1","0","1"]""", """["101.0","1","0","1"]""");
        Assert.Equal(OkxBookResult.Heartbeat, Push("update", 10, 10));
        Assert.Equal(OkxBookResult.Applied, Push("update", 11, 10, asks: """["101.0","0","0","0"]"""));
        Assert.Equal(1, _sync.Counters.Heartbeats);
        Assert.Equal(0, _sync.Book.AskCount);
    }

    [Fact]
    public void A_sequence_reset_still_chains_through_prevSeqId()
    {
        Push("snapshot", 1000, -1, """["100.0","1","0","1"]""");
        Assert.Equal(OkxBookResult.Applied, Push("update", 3, 1000, """["99.0","1","0","1"]"""));
        Assert.Equal(OkxBookResult.Applied, Push("update", 4, 3));
        Assert.Equal(1, _sync.Counters.SequenceResets);
        Assert.Empty(_requests);
    }

    [Fact]
    public void A_gap_marks_the_book_out_of_sync_until_a_new_snapshot()
    {
        Push("snapshot", 10, -1, """["100.0","1","0","1"]""");
        Assert.Equal(OkxBookResult.Gap, Push("update", 13, 12));
        Assert.Equal(OkxBookSyncState.OutOfSync, _sync.State);
        Assert.Equal(new OkxResubscribeRequested(InstrumentId.Parse("BTC-USDT.OKX"), OkxBookResult.Gap, 10), Assert.Single(_requests));
        Assert.Equal(OkxBookResult.Ignored, Push("update", 14, 13));
        Assert.Equal(OkxBookResult.SnapshotApplied, Push("snapshot", 20, -1, """["100.0","2","0","1"]"""));
        Assert.Equal(OkxBookResult.Applied, Push("update", 21, 20));
        Assert.Equal((1L, 1L, OkxBookSyncState.Synced), (_sync.Counters.Gaps, _sync.Counters.Resyncs, _sync.State));
    }

    [Fact]
    public void A_crossing_update_is_rejected()
    {
        Push("snapshot", 10, -1, """["100.0","1","0","1"]""", """["101.0","1","0","1"]""");
        Assert.Equal(OkxBookResult.Rejected, Push("update", 11, 10, """["102.0","1","0","1"]"""));
        Assert.Equal(1, _sync.Counters.Rejected);
    }
}
