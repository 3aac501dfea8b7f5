using System.Text;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.TestKit;
using FlowSight.Venues.Okx;
using FlowSight.Venues.Okx.Book;
using FlowSight.Venues.Okx.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.Okx;

/// <summary>
/// The cryptofeed OKX recording (3 books, 3 snapshots + 287 updates, each with OKX's checksum) through parser,
/// synchronizer and <see cref="L2OrderBook"/>: every checksum must verify, and a corrupted update must not.
/// </summary>
public sealed class OkxRecordingReplayTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void All_290_book_checksums_verify(bool fused)
    {
        var replay = new Replay(fused);
        replay.Run(OkxRecording.ReadReceived());

        Assert.Equal(3, replay.Books.Count);
        Assert.Equal(290, replay.Books.Values.Sum(s => s.Counters.ChecksumChecked));
        Assert.Equal(0, replay.Books.Values.Sum(s => s.Counters.ChecksumMismatched));
        Assert.Equal(3, replay.Books.Values.Sum(s => s.Counters.Snapshots));
        Assert.Equal(287, replay.Books.Values.Sum(s => s.Counters.UpdatesApplied));
        Assert.Equal(fused ? 287 : 0, replay.Books.Values.Sum(s => s.Counters.UpdatesFused));
        Assert.Equal(0, replay.Books.Values.Sum(s => s.Counters.Gaps + s.Counters.Resyncs + s.Counters.Rejected));
        Assert.Empty(replay.Requests);
        Assert.All(replay.Books.Values, s => Assert.Equal(OkxBookSyncState.Synced, s.State));
        Assert.All(replay.Books.Values, s => Assert.False(s.Book.IsCrossed));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void One_flipped_quantity_fails_the_checksum_and_asks_for_a_resubscription(bool fused)
    {
        var frames = OkxRecording.ReadReceived();
        // The tenth book update: change one size inside its first level ("sz" string), keeping the JSON valid.
        var index = frames.Select((f, i) => (f, i)).Where(x => Encoding.UTF8.GetString(x.f.Payload).Contains("\"action\":\"update\"", StringComparison.Ordinal)).Skip(9).First().i;
        var text = Encoding.UTF8.GetString(frames[index].Payload);
        var levelStart = text.IndexOf("[[\"", StringComparison.Ordinal) + 2;
        var sizeStart = text.IndexOf("\",\"", levelStart, StringComparison.Ordinal) + 3;
        var digit = text.IndexOfAny("123456789".ToCharArray(), sizeStart);
        var corrupted = text[..digit] + (text[digit] == '9' ? '8' : (char)(text[digit] + 1)) + text[(digit + 1)..];
        frames[index] = (Encoding.UTF8.GetBytes(corrupted), frames[index].ReceiveTime);

        var replay = new Replay(fused);
        replay.Run(frames);

        var request = Assert.Single(replay.Requests);
        Assert.Equal(OkxBookResult.ChecksumMismatch, request.Reason);
        var book = replay.Books[request.Instrument];
        Assert.Equal(1, book.Counters.ChecksumMismatched);
        Assert.Equal(1, book.Counters.Resyncs);
        Assert.Equal(OkxBookSyncState.OutOfSync, book.State);
        Assert.True(book.Counters.Ignored > 0);
        Assert.Equal(0, replay.Books.Values.Where(s => s != book).Sum(s => s.Counters.ChecksumMismatched));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Replaying_the_recording_allocates_nothing(bool fused)
    {
        var frames = OkxRecording.ReadReceived();
        var replay = new Replay(fused);
        var runs = 0;

        // The warm-up round covers JIT, instId registration and books and buffers growing to their depth.
        var allocated = Allocations.SteadyState(() =>
        {
            replay.Run(frames);
            runs++;
        });

        Assert.Equal(0, allocated);
        Assert.Equal(290 * runs, replay.Books.Values.Sum(s => s.Counters.ChecksumChecked));
        Assert.Equal(0, replay.Books.Values.Sum(s => s.Counters.ChecksumMismatched));
    }

    /// <summary>Parser, synchronizers and books; <c>fused</c> sends updates straight into the books (<see cref="IOkxBookSink"/>).</summary>
    private sealed class Replay : IOkxBookSink
    {
        private readonly OkxStreamParser _parser = new(new OkxSymbolRegistry());
        private OkxBookSynchronizer? _taking;

        public Replay(bool fused)
        {
            if (fused)
            {
                _parser.BookSink = this;
            }
        }

        public Dictionary<InstrumentId, OkxBookSynchronizer> Books { get; } = [];

        public List<OkxResubscribeRequested> Requests { get; } = [];

        public void Run((byte[] Payload, long ReceiveTime)[] frames)
        {
            foreach (var (payload, time) in frames)
            {
                if (_parser.Parse(payload, time) != OkxMessageKind.Book || _parser.UpdateTaken)
                {
                    continue;
                }

                if (!Books.TryGetValue(_parser.Instrument, out var sync))
                {
                    // Precisions at or finer than every instrument's tick and lot (0.1 / 0.001, 1e-8 / 1).
                    sync = new OkxBookSynchronizer(new L2OrderBook(_parser.Instrument, 4, 8, 512));
                    sync.ResubscribeRequested += Requests.Add;
                    Books.Add(_parser.Instrument, sync);
                }

                sync.Apply(_parser.Deltas);
            }
        }

        public L2OrderBook? BeginUpdate(in OkxUpdateHeader header, out bool keepLevels)
        {
            keepLevels = false;
            _taking = Books.TryGetValue(header.Instrument, out var sync) ? sync : null;
            return _taking?.BeginUpdate(header);
        }

        public void EndUpdate(BookDeltas update, bool levelsValid) => _taking!.EndUpdate(update, levelsValid);

        public void AbortUpdate() => _taking!.AbortUpdate();
    }
}
