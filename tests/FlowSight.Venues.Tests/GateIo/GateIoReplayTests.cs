using System.Text;
using FlowSight.Engine.Replay;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Book;
using FlowSight.Venues.GateIo.Replay;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo;

/// <summary>
/// <see cref="GateIoReplay"/> over the cryptofeed recordings: the <c>with_id=true</c> snapshots and the
/// <c>order_book_update</c> <c>U</c>/<c>u</c> chain must hold for all 10 spot and all 10 USDT-futures books.
/// </summary>
public sealed class GateIoReplayTests(ITestOutputHelper output)
{
    private static GateIoReplay Run(params string[] relative)
    {
        using var reader = new RecordingReader(relative.Select(SharedData.Require), new RecordingReaderOptions { Order = RecordingFileOrder.MergeByTime });
        var replay = new GateIoReplay();
        replay.Run(reader);
        return replay;
    }

    [Fact]
    public void Ten_spot_books_chain_with_no_gap()
    {
        var replay = Run(GateIoRecording.SpotWs, GateIoRecording.SpotHttp);
        var total = replay.Total();
        output.WriteLine($"{replay}: {total}");

        var books = replay.Books.Where(b => b.Market == GateIoMarket.Spot).ToArray();
        Assert.Equal(10, books.Length);
        // A quiet book may see no update after its snapshot (30 s of illiquid pairs): it is then at the snapshot's id.
        Assert.All(books, b => Assert.NotEqual(GateIoBookSyncState.AwaitingSnapshot, b.Synchronizer.State));
        Assert.All(books, b => Assert.Equal(1, b.Synchronizer.Counters.Snapshots));
        Assert.Equal((10L, 0L, 0L, 0L, 0L, 0L, 0L), (total.Snapshots, total.Gaps, total.Resyncs, total.Invalid, total.Crossed, total.Buffered, total.Malformed));
        Assert.Equal((159L, 13L), (total.UpdatesApplied, total.UpdatesDropped)); // 172 updates: those older than a snapshot dropped, every other applied
        Assert.All(books, b => Assert.False(b.Synchronizer.Book!.IsCrossed));
    }

    [Fact]
    public void Ten_futures_books_chain_with_no_gap()
    {
        var replay = Run(GateIoRecording.FuturesWs, GateIoRecording.FuturesHttp);
        var total = replay.Total();
        output.WriteLine($"{replay}: {total}");

        var books = replay.Books.Where(b => b.Market == GateIoMarket.UsdtFutures).ToArray();
        Assert.Equal(10, books.Length);
        Assert.All(books, b => Assert.NotEqual(GateIoBookSyncState.AwaitingSnapshot, b.Synchronizer.State));
        Assert.Equal((10L, 0L, 0L, 0L, 0L, 0L, 0L), (total.Snapshots, total.Gaps, total.Resyncs, total.Invalid, total.Crossed, total.Buffered, total.Malformed));
        Assert.Equal((316L, 36L), (total.UpdatesApplied, total.UpdatesDropped)); // all 352
        Assert.All(books, b => Assert.Equal(0, b.Synchronizer.Book!.SizePrecision)); // contracts
    }

    [Fact]
    public void Both_markets_replay_together()
    {
        var replay = Run(GateIoRecording.SpotWs, GateIoRecording.SpotHttp, GateIoRecording.FuturesWs, GateIoRecording.FuturesHttp);
        Assert.Equal(20, replay.Books.Count(b => b.Synchronizer.State != GateIoBookSyncState.AwaitingSnapshot));
        Assert.Equal(0, replay.Total().Gaps);
    }

    [Fact]
    public void One_deleted_update_is_a_gap_and_a_resync_for_that_book_only()
    {
        var lines = File.ReadAllLines(SharedData.Require(GateIoRecording.FuturesWs)).ToList();
        // RDNT_USDT's snapshot has id 203083287; U=203083288 bridges it. Delete the update after that one.
        var index = lines.FindIndex(l => l.Contains("\"RDNT_USDT\"", StringComparison.Ordinal) && l.Contains("\"U\":203083300,", StringComparison.Ordinal));
        Assert.True(index > 0);
        lines.RemoveAt(index);
        using var reader = new RecordingReader(
            [RecordingSource.FromBytes("edited", Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n")), RecordingSource.FromFile(SharedData.Require(GateIoRecording.FuturesHttp))],
            new RecordingReaderOptions { Order = RecordingFileOrder.MergeByTime });
        var replay = new GateIoReplay();
        replay.Run(reader);

        var rdnt = replay.StatisticsOf(GateIoInstrumentIds.Of(GateIoMarket.UsdtFutures, "RDNT_USDT"));
        Assert.Equal((1L, 1L), (rdnt.Gaps, rdnt.Resyncs));
        var book = replay.Books.Single(b => b.Instrument == GateIoInstrumentIds.Of(GateIoMarket.UsdtFutures, "RDNT_USDT"));
        Assert.Equal(GateIoBookSyncFailure.Gap, book.Synchronizer.LastFailure!.Value.Reason);
        Assert.Equal(GateIoBookSyncState.AwaitingSnapshot, book.Synchronizer.State);
        Assert.Equal(0, replay.Total().Gaps - rdnt.Gaps);
    }

    [Fact]
    public void Replaying_again_after_a_reconnect_allocates_nothing()
    {
        var frames = new List<RecordedFrame>();
        using (var reader = new RecordingReader(new[] { GateIoRecording.SpotWs, GateIoRecording.SpotHttp, GateIoRecording.FuturesWs, GateIoRecording.FuturesHttp }.Select(SharedData.Require), new RecordingReaderOptions { Order = RecordingFileOrder.MergeByTime }))
        {
            while (reader.TryRead(out var frame))
            {
                frames.Add(frame with { Payload = frame.Payload.ToArray(), Source = frame.Source.ToArray() });
            }
        }

        var replay = new GateIoReplay();
        var source = new ArrayFrameSource([.. frames]);
        // Each round starts with the recording's "connected" lines, which resync every book, then rebuilds all 20.
        var allocated = Allocations.SteadyState(() =>
        {
            source.Rewind();
            replay.Run(source);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(20, replay.Books.Count(b => b.Synchronizer.State != GateIoBookSyncState.AwaitingSnapshot));
        Assert.Equal(0, replay.Total().Gaps);
    }

    private sealed class ArrayFrameSource(RecordedFrame[] frames) : IRecordedFrameSource
    {
        private int _next;

        public void Rewind() => _next = 0;

        public bool TryRead(out RecordedFrame frame)
        {
            if (_next == frames.Length)
            {
                frame = default;
                return false;
            }

            frame = frames[_next++];
            return true;
        }
    }
}
