using System.Text;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.TestKit;
using FlowSight.TestServers.Okx;
using FlowSight.Venues.Okx;
using FlowSight.Venues.Okx.Book;
using FlowSight.Venues.Okx.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.Okx;

/// <summary>
/// The fused path (<see cref="IOkxBookSink"/>: updates parsed straight into the book, the trailer read first) against
/// the classic one (the general <c>Utf8JsonReader</c> path into <see cref="BookDeltas"/>, then
/// <see cref="OkxBookSynchronizer.Apply"/>): after every frame both must hold the same books, states, sequence ids
/// and counters — on every recorded book frame, a seeded synthetic stream with seqIds, heartbeats and bad checksums,
/// edited frames, number forms and every truncation. The one allowed difference: a frame found malformed after its
/// levels went in marks the fused book out of sync at once (the classic path skips it and finds the gap on the next).
/// </summary>
public sealed class OkxFusedBookPathTests
{
    private const string Snapshot = "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"snapshot\",\"data\":[{\"asks\":[[\"1.5\",\"1\",\"0\",\"1\"],[\"1.7\",\"2.25\",\"0\",\"3\"]],\"bids\":[[\"1.4\",\"1\",\"0\",\"1\"],[\"1.3\",\"0.5\",\"0\",\"2\"]],\"ts\":\"1\"}]}";

    [Fact]
    public void Every_recorded_book_frame_gives_the_same_books_on_both_paths()
    {
        var pair = new Pair();
        foreach (var (payload, _) in OkxRecording.ReadReceived())
        {
            pair.Feed(payload);
        }

        Assert.Equal(3, pair.FusedBooks.Count);
        Assert.Equal(287, pair.FusedBooks.Values.Sum(s => s.Counters.UpdatesFused));
        Assert.Equal(290, pair.FusedBooks.Values.Sum(s => s.Counters.ChecksumChecked));
        Assert.Equal(0, pair.FusedBooks.Values.Sum(s => s.Counters.ChecksumMismatched + s.Counters.Resyncs));
    }

    [Fact]
    public void A_synthetic_stream_with_seq_ids_gives_the_same_books_on_both_paths()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var pair = new Pair();
        foreach (var instId in new[] { "BTC-USDT", "BTC-USDT-SWAP" })
        {
            var book = new OkxSyntheticBook(instId, seed: 7);
            pair.Feed(Encoding.ASCII.GetBytes(book.Snapshot(now)));
            for (var i = 0; i < 300; i++)
            {
                // Every 97th checksum is wrong: both books go out of sync, then wait for the snapshot sent after it.
                var corrupt = i % 97 == 0;
                pair.Feed(Encoding.ASCII.GetBytes(i % 50 == 49 ? book.Heartbeat(now) : book.NextUpdate(now, corruptChecksum: corrupt)));
                if (corrupt)
                {
                    pair.Feed(Encoding.ASCII.GetBytes(book.Snapshot(now)));
                }
            }
        }

        Assert.True(pair.FusedBooks.Values.Sum(s => s.Counters.UpdatesFused) > 400);
        Assert.True(pair.FusedBooks.Values.Sum(s => s.Counters.ChecksumMismatched) > 0);
        Assert.True(pair.FusedBooks.Values.Sum(s => s.Counters.Heartbeats) > 0);
    }

    [Fact]
    public void A_gap_is_left_to_the_classic_path_and_resubscribes()
    {
        var pair = new Pair();
        pair.Feed(Encoding.ASCII.GetBytes(Snapshot.Replace("\"ts\":\"1\"", "\"ts\":\"1\",\"seqId\":10", StringComparison.Ordinal)));
        pair.Feed(Update("[[\"1.5\",\"3\",\"0\",\"1\"]]", "[]", ",\"prevSeqId\":10,\"seqId\":11"));
        pair.Feed(Update("[[\"1.5\",\"4\",\"0\",\"1\"]]", "[]", ",\"prevSeqId\":12,\"seqId\":13"));

        var sync = Assert.Single(pair.FusedBooks.Values);
        Assert.Equal((1L, 1L, 1L, OkxBookSyncState.OutOfSync), (sync.Counters.UpdatesFused, sync.Counters.Gaps, sync.Counters.Resyncs, sync.State));
    }

    [Theory]
    [InlineData("[]", "[]", ",\"ts\":\"1\",\"checksum\":0,\"prevSeqId\":5,\"seqId\":5")]
    [InlineData("[[\"1.5\",\"2\"]]", "[[\"1.4\",\"0\",\"0\",\"0\"]]", "")]
    [InlineData("[[\"1.5\",\"2\",\"0\",\"1\"]]", "[]", ",\"seqId\":\"9\",\"prevSeqId\":\"8\",\"checksum\":-2147483648,\"ts\":\"0\"")]
    [InlineData("[[\"1.6\",\"2\",\"0\",\"1\"],[\"1.6\",\"0\",\"0\",\"1\"],[\"1.6\",\"7\",\"0\",\"1\"]]", "[[\"1.3\",\"0\",\"0\",\"1\"]]", ",\"ts\":\"5\"")]
    [InlineData("[[\"1.55\",\"0.000000001\",\"0\",\"1\"]]", "[]", "")]
    [InlineData("[[\"1.3\",\"1\",\"0\",\"1\"]]", "[]", "")]
    [InlineData("[]", "[]", ",\"ts\":12")]
    [InlineData("[]", "[]", ",\"ts\":\"012\"")]
    [InlineData("[]", "[]", ",\"checksum\":2147483648")]
    [InlineData("[]", "[]", ",\"checksum\":1e3")]
    [InlineData("[]", "[]", ",\"seqId\":1.0")]
    [InlineData("[]", "[]", ",\"other\":1")]
    [InlineData("[]", "[]", ",\"ts\":\"1]\"")]
    [InlineData("[[\"1.5\"]]", "[]", "")]
    [InlineData("[[\"1.5\",\"2\",0,1]]", "[]", "")]
    [InlineData("[[\"1.6\",\"2\",\"0\",\"1\"],[\"1.5\",\"x\"]]", "[]", "")]
    [InlineData("[[\"1.6\",\"2\",\"0\",\"1\"],[\"1.5\",\"2\",\"\u00e9\",\"1\"]]", "[]", "")]
    [InlineData("[[\"1.6\",\"2\",\"0\",\"1\"]]", "[[\"1.4\",\"2\" ,\"0\",\"1\"]]", "")]
    [InlineData("[[\"1.6\",\"2\",\"0\",\"1\"]]", "[[\"1.4\",\"2\",\"0\",\"1\"] ]", "")]
    [InlineData("[[\"1.6\",\"2\",\"0\",\"1\"]]", "[[\"1.4\",\"2\",\"0\",\"1\"]],\"bids\":[]", "")]
    public void Edited_updates_give_the_classic_paths_books(string asks, string bids, string trailer)
    {
        var pair = new Pair();
        pair.Feed(Encoding.ASCII.GetBytes(Snapshot));
        pair.Feed(Encoding.UTF8.GetBytes("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":" + asks + ",\"bids\":" + bids + trailer + "}]}"));
        pair.Feed(Update("[[\"1.5\",\"4\",\"0\",\"1\"]]", "[]", string.Empty));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("007.50")]
    [InlineData("123456789012345678")]
    [InlineData("1234567890123456789")]
    [InlineData("0.000000001")]
    [InlineData("0.0000000001")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1e5")]
    [InlineData("1.2.3")]
    [InlineData("")]
    public void Level_numbers_give_the_classic_paths_books(string number)
    {
        foreach (var level in new[] { $"[\"{number}\",\"1\",\"0\",\"1\"]", $"[\"5\",\"{number}\",\"0\",\"1\"]" })
        {
            // Behind a valid level, so the number is met after a level went into the book.
            var pair = new Pair();
            pair.Feed(Encoding.ASCII.GetBytes(Snapshot));
            pair.Feed(Update("[[\"1.6\",\"3\",\"0\",\"1\"]," + level + "]", "[]", ",\"ts\":\"1\""));
        }
    }

    [Fact]
    public void Every_truncation_of_an_update_gives_the_classic_paths_books()
    {
        var frame = Update("[[\"1.5\",\"2\",\"0\",\"1\"],[\"1.6\",\"0\",\"0\",\"0\"]]", "[[\"1.4\",\"3\",\"0\",\"2\"]]", ",\"ts\":\"12\",\"checksum\":-5,\"prevSeqId\":7,\"seqId\":8");
        for (var length = 1; length <= frame.Length; length++)
        {
            var pair = new Pair();
            pair.Feed(Encoding.ASCII.GetBytes(Snapshot));
            pair.Feed(frame[..length]);
        }
    }

    [Fact]
    public void A_frame_malformed_after_its_levels_went_in_marks_the_book_out_of_sync_at_once()
    {
        var parser = new OkxStreamParser(new OkxSymbolRegistry());
        parser.Parse(Encoding.ASCII.GetBytes(Snapshot), 1);
        var sync = new OkxBookSynchronizer(new L2OrderBook(parser.Instrument, 4, 8)) { VerifyChecksum = false };
        sync.Apply(parser.Deltas);
        var requests = new List<OkxResubscribeRequested>();
        sync.ResubscribeRequested += requests.Add;
        parser.BookSink = sync;

        Assert.Equal(OkxMessageKind.Malformed, parser.Parse(Update("[[\"1.6\",\"2\",\"0\",\"1\"],[\"1.5\",\"x\",\"0\",\"1\"]]", "[]", string.Empty), 1));

        Assert.True(parser.UpdateTaken);
        Assert.Equal(OkxBookSyncState.OutOfSync, sync.State);
        Assert.Equal(OkxBookResult.Rejected, Assert.Single(requests).Reason);
        Assert.Equal((1L, 1L, 0L), (sync.Counters.Rejected, sync.Counters.Resyncs, sync.Counters.UpdatesApplied));
    }

    [Fact]
    public void The_fused_path_allocates_nothing()
    {
        var frames = OkxRecording.ReadReceived().Select(f => f.Payload).Where(p => p.AsSpan().StartsWith("{\"arg\":{\"channel\":\"books\""u8)).ToArray();
        var parser = new OkxStreamParser(new OkxSymbolRegistry());
        var books = new Dictionary<InstrumentId, OkxBookSynchronizer>();
        var router = new Router(books);
        parser.BookSink = router;
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            foreach (var frame in frames)
            {
                if (parser.Parse(frame, 1) == OkxMessageKind.Book && !parser.UpdateTaken)
                {
                    if (!books.TryGetValue(parser.Instrument, out var sync))
                    {
                        books.Add(parser.Instrument, sync = new OkxBookSynchronizer(new L2OrderBook(parser.Instrument, 4, 8, 512)));
                    }

                    sync.Apply(parser.Deltas);
                }
            }
        }));
        Assert.True(books.Values.Sum(s => s.Counters.UpdatesFused) >= 287);
        Assert.Equal(0, books.Values.Sum(s => s.Counters.ChecksumMismatched));
    }

    private static byte[] Update(string asks, string bids, string trailer) =>
        Encoding.UTF8.GetBytes("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":" + asks + ",\"bids\":" + bids + trailer + "}]}");

    /// <summary>Routes taken updates to the synchronizer of their instrument.</summary>
    private sealed class Router(Dictionary<InstrumentId, OkxBookSynchronizer> books) : IOkxBookSink
    {
        private OkxBookSynchronizer? _taking;

        public bool KeepLevels { get; init; }

        public L2OrderBook? BeginUpdate(in OkxUpdateHeader header, out bool keepLevels)
        {
            keepLevels = KeepLevels;
            _taking = books.TryGetValue(header.Instrument, out var sync) ? sync : null;
            return _taking?.BeginUpdate(header);
        }

        public void EndUpdate(BookDeltas update, bool levelsValid) => _taking!.EndUpdate(update, levelsValid);

        public void AbortUpdate() => _taking!.AbortUpdate();
    }

    /// <summary>The same frames through both paths, compared after each.</summary>
    private sealed class Pair
    {
        private readonly OkxStreamParser _classic = new(new OkxSymbolRegistry());
        private readonly OkxStreamParser _fused = new(new OkxSymbolRegistry());
        private readonly OkxStreamParser _kept = new(new OkxSymbolRegistry());

        public Pair()
        {
            _fused.BookSink = new Router(FusedBooks);
            _kept.BookSink = new Router(KeptBooks) { KeepLevels = true };
        }

        public Dictionary<InstrumentId, OkxBookSynchronizer> ClassicBooks { get; } = [];

        public Dictionary<InstrumentId, OkxBookSynchronizer> FusedBooks { get; } = [];

        public Dictionary<InstrumentId, OkxBookSynchronizer> KeptBooks { get; } = [];

        /// <summary>Books of the fused paths out of sync since a frame malformed after its levels went in (compared no further).</summary>
        public HashSet<OkxBookSynchronizer> Diverged { get; } = [];

        public void Feed(byte[] frame)
        {
            // One space after the first brace: the same JSON, always the general path.
            var spaced = frame.Length > 0 && frame[0] == (byte)'{' ? [(byte)'{', (byte)' ', .. frame[1..]] : frame;
            var classicKind = _classic.Parse(spaced, 42);
            var classicLevels = classicKind == OkxMessageKind.Book ? _classic.Deltas.Deltas.ToArray() : [];
            Apply(_classic, classicKind, ClassicBooks);
            var fusedKind = _fused.Parse(frame, 42);
            Apply(_fused, fusedKind, FusedBooks);
            var keptKind = _kept.Parse(frame, 42);
            Assert.Equal(classicKind, fusedKind);
            Assert.Equal(classicKind, keptKind);
            if (keptKind == OkxMessageKind.Book)
            {
                // Levels kept for listeners are the classic batch, taken or not (a taken update lists its asks
                // first, in the frame's order; an update's sides are independent), the last one flagged.
                var kept = _kept.Deltas.Deltas.ToArray();
                Assert.Equal(BySide(classicLevels), BySide(kept));
                Assert.Equal(classicLevels.Length > 0, kept.Length > 0 && kept[^1].IsLast);
                Assert.Equal(_classic.Deltas.LastUpdateId, _kept.Deltas.LastUpdateId);
                Assert.Equal(_classic.Deltas.Checksum, _kept.Deltas.Checksum);
            }

            Apply(_kept, keptKind, KeptBooks);
            Assert.Equal(ClassicBooks.Keys.Order().ToArray(), FusedBooks.Keys.Order().ToArray());
            foreach (var (instrument, classic) in ClassicBooks)
            {
                foreach (var other in new[] { FusedBooks[instrument], KeptBooks[instrument] })
                {
                    if (Diverged.Contains(other))
                    {
                        continue;
                    }

                    if (classicKind != OkxMessageKind.Book && other.State == OkxBookSyncState.OutOfSync && classic.State == OkxBookSyncState.Synced)
                    {
                        Diverged.Add(other);
                        // Malformed after its levels went in: out of sync at once, as the brief allows; nothing else.
                        Assert.Equal(classic.Counters.Rejected + 1, other.Counters.Rejected);
                        Assert.Equal(classic.Counters.Resyncs + 1, other.Counters.Resyncs);
                        continue;
                    }

                    Assert.Equal(Describe(classic), Describe(other));
                    Assert.Equal(Levels(classic.Book), Levels(other.Book));
                }
            }
        }

        private static void Apply(OkxStreamParser parser, OkxMessageKind kind, Dictionary<InstrumentId, OkxBookSynchronizer> books)
        {
            if (kind != OkxMessageKind.Book || parser.UpdateTaken)
            {
                return;
            }

            var deltas = parser.Deltas;
            if (!books.TryGetValue(deltas.Instrument, out var sync))
            {
                if (!deltas.IsSnapshot)
                {
                    return;
                }

                books.Add(deltas.Instrument, sync = new OkxBookSynchronizer(new L2OrderBook(deltas.Instrument, 4, 8, 512)));
            }

            sync.Apply(deltas);
        }

        private static BookDelta[] BySide(BookDelta[] levels) =>
            [.. levels.Select(d => d with { Flags = d.Flags & ~BookDeltaFlags.Last }).OrderBy(d => d.Side)];

        private static object Describe(OkxBookSynchronizer s)
        {
            var c = s.Counters;
            return (s.State, s.LastSeqId, s.Book.LastUpdateId, s.Book.LastEventTime, c.Snapshots, c.UpdatesApplied, c.Heartbeats, c.Ignored, c.SequenceResets, c.ChecksumChecked, c.ChecksumMismatched, c.Gaps, c.Rejected, c.Resyncs);
        }

        private static BookLevel[] Levels(L2OrderBook book)
        {
            var bids = new BookLevel[book.BidCount];
            var asks = new BookLevel[book.AskCount];
            book.CopyLevels(OrderSide.Buy, bids);
            book.CopyLevels(OrderSide.Sell, asks);
            return [.. bids, .. asks];
        }
    }
}
