using System.Text;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Engine.Replay;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Book;
using FlowSight.Venues.Binance.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Book;

/// <summary>
/// The fused path (parser → <see cref="IBinanceDepthSink"/> → book, no <see cref="BookDelta"/> per level) against the
/// classic one (parser → <see cref="BookDeltas"/> → <see cref="BinanceDepthSynchronizer.OnDiff"/>): the same books,
/// states and counters after every frame of the recordings, and the same batches to listeners.
/// </summary>
public sealed class FusedDepthPathTests
{
    private const string Usdm0808 = "recordings/hftbacktest/binance-usdm/btcusdt_20240808.gz";
    private const string Usdm0404 = "recordings/hftbacktest/binance-usdm/btcusdt_20230404.dat.gz";
    private const string Usdm0405 = "recordings/hftbacktest/binance-usdm/btcusdt_20230405.dat.gz";
    private const string Spot0808 = "recordings/hftbacktest/binance-spot/btcusdt_20240808.gz";
    private const string Spot0809 = "recordings/hftbacktest/binance-spot/btcusdt_20240809.gz";
    private const string FuturesWs = "recordings/cryptofeed/BINANCE_FUTURES.ws.1.0";
    private const string FuturesHttp = "recordings/cryptofeed/BINANCE_FUTURES.http.0.0";
    private const string SpotWs = "recordings/cryptofeed/BINANCE.ws.1.0";
    private const string SpotHttp = "recordings/cryptofeed/BINANCE.http.0.0";

    public static TheoryData<string, string[], int> Recordings => new()
    {
        { "UsdM", [Usdm0808], 6_547 },
        { "UsdM", [Usdm0404, Usdm0405], 16_110 },
        { "Spot", [Spot0808, Spot0809], 6_493 },
        { "UsdM", [FuturesWs, FuturesHttp], 752 },
        { "Spot", [SpotWs, SpotHttp], 172 },
    };

    [Theory]
    [MemberData(nameof(Recordings))]
    public void Fused_path_builds_exactly_the_books_of_the_classic_path(string market, string[] files, int diffsApplied)
    {
        var classic = new DepthPipeline(Enum.Parse<BinanceMarket>(market), fused: false, listen: false);
        var fused = new DepthPipeline(Enum.Parse<BinanceMarket>(market), fused: true, listen: false);
        int frames = RunSideBySide(files, classic, fused);

        Assert.True(frames > 0);
        Assert.Equal(diffsApplied, classic.Books.Values.Sum(s => s.Counters.DiffsApplied));
        Assert.Equal(diffsApplied, fused.Books.Values.Sum(s => s.Counters.DiffsApplied));
        Assert.True(fused.DiffsTaken >= diffsApplied - 100, $"only {fused.DiffsTaken} of {diffsApplied} diffs took the fused path");
        foreach (var (instrument, sync) in classic.Books)
        {
            AssertSame(sync, fused.Books[instrument], full: true, where: "end");
        }
    }

    // Books with fewer decimals than the texts: the 0.1 tick of BTCUSDT futures (exchangeInfo, the live client) gives
    // one price decimal where the frames write two ("61800.30"); the sizes' three are the texts' own.
    public static TheoryData<string[], int, int> CoarserBooks => new()
    {
        { [Usdm0808], 1, 3 },
        { [Usdm0404, Usdm0405], 1, 3 },
    };

    [Theory]
    [MemberData(nameof(CoarserBooks))]
    public void Fused_path_builds_exactly_the_classic_books_when_the_book_has_fewer_decimals_than_the_texts(string[] files, int pricePrecision, int sizePrecision)
    {
        var classic = new DepthPipeline(BinanceMarket.UsdM, fused: false, listen: false, pricePrecision: (byte)pricePrecision, sizePrecision: (byte)sizePrecision);
        var fused = new DepthPipeline(BinanceMarket.UsdM, fused: true, listen: false, pricePrecision: (byte)pricePrecision, sizePrecision: (byte)sizePrecision);
        int frames = RunSideBySide(files, classic, fused);

        Assert.True(frames > 0);
        long applied = classic.Books.Values.Sum(s => s.Counters.DiffsApplied);
        Assert.True(applied > 6_000);
        Assert.Equal(applied, fused.Books.Values.Sum(s => s.Counters.DiffsApplied));
        Assert.True(fused.DiffsTaken >= applied - 100, $"only {fused.DiffsTaken} of {applied} diffs took the fused path");
        foreach (var (instrument, sync) in classic.Books)
        {
            Assert.Equal(pricePrecision, sync.Book!.PricePrecision);
            Assert.Equal(0, sync.Book.RejectedDeltas);
            AssertSame(sync, fused.Books[instrument], full: true, where: "end");
        }
    }

    [Fact]
    public void Listeners_get_the_same_batches_on_both_paths()
    {
        var classic = new DepthPipeline(BinanceMarket.UsdM, fused: false, listen: true);
        var fused = new DepthPipeline(BinanceMarket.UsdM, fused: true, listen: true);
        RunSideBySide([Usdm0808], classic, fused);

        Assert.Equal(6_548, classic.AppliedLog.Count); // the snapshot and 6,547 diffs
        Assert.Equal(classic.AppliedLog, fused.AppliedLog);
        Assert.True(fused.DiffsTaken > 6_500);
    }

    [Theory]
    [InlineData("crossed")]
    [InlineData("refused")]
    [InlineData("price-digit")]
    [InlineData("size-digit")]
    public void A_diff_that_fails_after_its_levels_went_in_fails_the_same_way_on_both_paths(string edit)
    {
        // price-digit/size-digit: books of one price and three size decimals, a bid "61800.35" (its extra digit is
        // not a zero) or a first ask of size "0.0145": refused as a level the book cannot represent.
        // Edit the recording's 1,500th diff: an ask at 100 USDT (the book crosses after it), or a bid price with
        // four decimals (refused by a book at two). Both paths go out of sync after applying it, count the same,
        // and keep the same diffs (that one included) for the next snapshot.
        var frames = ReadFrames([Usdm0808]);
        int depth = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            var text = Encoding.UTF8.GetString(frames[i].Payload);
            if (text.Contains("depthUpdate", StringComparison.Ordinal) && ++depth == 1_500)
            {
                var edited = edit switch
                {
                    "crossed" => text.Replace("\"a\":[", "\"a\":[[\"100.00\",\"1.000\"],", StringComparison.Ordinal),
                    "price-digit" => RewriteLevel(text, "b", 3, "[\"{P:5}\",\"{Q}\"]"),
                    "size-digit" => RewriteLevel(text, "a", 0, "[\"{P}\",\"{Q}5\"]"),
                    _ => text.Replace("\"b\":[", "\"b\":[[\"1.0001\",\"1.000\"],", StringComparison.Ordinal),
                };
                Assert.NotEqual(text, edited);
                frames[i] = frames[i] with { Payload = Encoding.UTF8.GetBytes(edited) };
            }
        }

        foreach (var listen in new[] { false, true })
        {
            byte? pricePrecision = edit.EndsWith("-digit", StringComparison.Ordinal) ? 1 : null;
            byte? sizePrecision = edit.EndsWith("-digit", StringComparison.Ordinal) ? 3 : null;
            var classic = new DepthPipeline(BinanceMarket.UsdM, fused: false, listen, pricePrecision: pricePrecision, sizePrecision: sizePrecision);
            var fused = new DepthPipeline(BinanceMarket.UsdM, fused: true, listen, pricePrecision: pricePrecision, sizePrecision: sizePrecision);
            foreach (var frame in frames)
            {
                classic.Feed(frame.ToRecorded());
                fused.Feed(frame.ToRecorded());
                if (classic.Books.Count > 0)
                {
                    AssertSame(classic.Books.Values.Single(), fused.Books.Values.Single(), full: false, where: $"line {frame.Line}");
                }
            }

            var sync = fused.Books.Values.Single();
            Assert.Equal(edit == "crossed" ? 1 : 0, sync.Counters.Crossed);
            Assert.Equal(edit == "crossed" ? 0 : 1, sync.Counters.Invalid);
            Assert.Equal(BinanceDepthSyncState.AwaitingSnapshot, sync.State);
            Assert.True(sync.BufferedDiffs > 5_000);
            Assert.True(sync.TryGetBufferedRange(out long first, out _));
            Assert.True(classic.Books.Values.Single().TryGetBufferedRange(out long expectedFirst, out _));
            Assert.Equal(expectedFirst, first); // the failing diff itself is kept
            Assert.Equal(classic.AppliedLog, fused.AppliedLog);
        }
    }

    // Level rewrites from a recorded level (P = "61800.30", Q = "0.014"): other widths and decimals than the book's,
    // layouts the fixed-layout reader leaves to the general one, and the dot moving between neighbouring levels
    // (its predicted place is wrong once, then right again).
    public static TheoryData<string> ValidLevelRewrites => new()
    {
        "[\"{P}0\",\"{Q}\"]",
        "[\"{P}\",\"{Q}0\"]",
        "[\"{P-}\",\"{Q}\"]",
        "[\"{P}\",\"{Q-}\"]",
        "[\"0{P}\",\"{Q}\"]",
        "[\"00{P}\",\"{Q}\"]",
        "[\"{P}\",\"1{Q}\"]",
        "[\"{P}\",\"12{Q}\"]",
        "[\"{P}\",\"123{Q}\"]",
        "[\"{P}\",\"1234{Q}\"]",
        "[\"{P}\",\"12345{Q}\"]",
        "[ \"{P}\" , \"{Q}\" ]",
        "[{P},{Q}]",
        "[\"{P}\",\"{Q}\",0]",
        "[\"{P}\",\"{Q}\"]",
        "[\"{P}\",\"{Q}00\"]",
        "[\"{P-}\",\"{Q}0\"]",
    };

    [Theory]
    [MemberData(nameof(ValidLevelRewrites))]
    public void Fused_path_reads_levels_of_any_layout_as_the_classic_path_does(string rewrite) =>
        ReadsLevelsAsTheClassicPath(rewrite, pricePrecision: null);

    [Theory]
    [MemberData(nameof(ValidLevelRewrites))]
    public void Fused_path_reads_levels_of_any_layout_as_the_classic_path_does_into_a_book_of_one_price_decimal(string rewrite) =>
        ReadsLevelsAsTheClassicPath(rewrite, pricePrecision: 1);

    private static void ReadsLevelsAsTheClassicPath(string rewrite, byte? pricePrecision)
    {
        // Levels at the start and the end of each side (the frame's last level among them) rewritten in 200 diffs,
        // deletions left alone (a rewritten size would put a level back, which can cross the book); both paths must
        // build the same book after every frame and stay in sync.
        var frames = ReadFrames([Usdm0808]);
        int depth = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            var text = Encoding.UTF8.GetString(frames[i].Payload);
            if (text.Contains("depthUpdate", StringComparison.Ordinal) && ++depth >= 1_000 && depth < 1_200)
            {
                foreach (var (side, index) in new[] { ("b", 0), ("b", 1), ("b", 5), ("a", -4), ("a", -2), ("a", -1) })
                {
                    text = RewriteLevel(text, side, index, rewrite, keepDeletions: true);
                }

                frames[i] = frames[i] with { Payload = Encoding.UTF8.GetBytes(text) };
            }
        }

        var classic = new DepthPipeline(BinanceMarket.UsdM, fused: false, listen: false, pricePrecision: pricePrecision);
        var fused = new DepthPipeline(BinanceMarket.UsdM, fused: true, listen: false, pricePrecision: pricePrecision);
        depth = 0;
        foreach (var frame in frames)
        {
            var instrument = classic.Feed(frame.ToRecorded());
            Assert.Equal(instrument, fused.Feed(frame.ToRecorded()));
            if (instrument is { } id && Encoding.UTF8.GetString(frame.Payload).Contains("depthUpdate", StringComparison.Ordinal) && ++depth >= 990 && depth < 1_210)
            {
                AssertSame(classic.Books[id], fused.Books[id], full: depth % 50 == 0, where: $"line {frame.Line}");
            }
        }

        Assert.Equal(0, classic.Malformed);
        Assert.Equal(0, fused.Malformed);
        var sync = fused.Books.Values.Single();
        Assert.Equal(6_547, sync.Counters.DiffsApplied);
        Assert.True(fused.DiffsTaken > 6_500);
        AssertSame(classic.Books.Values.Single(), sync, full: true, where: "end");
    }

    // Levels that make the frame malformed, at the first, a middle and the last place of a side.
    [Theory]
    [InlineData("[\"{P:x}\",\"{Q}\"]", "b", 0)]
    [InlineData("[\"{P}\",\"{Q::}\"]", "b", 3)]
    [InlineData("[\"{P}\",\"{Q:/}\"]", "a", 2)]
    [InlineData("[\"{P:.}\",\"{Q}\"]", "a", 0)]
    [InlineData("[\"{P}\",\"-{Q}\"]", "b", 2)]
    [InlineData("[\"{P}\";\"{Q}\"]", "b", 1)]
    [InlineData("[\"{P}\",\"{Q}\"}", "a", 1)]
    [InlineData("[\"{P}\",\"{Q}\"", "b", 4)]
    [InlineData("[\"{P}\",\"{Q}\"]]", "b", 2)]
    [InlineData("[\"{P} \",\"{Q}\"]", "a", -1)]
    [InlineData("[\"{P}\",\"{Q:x}\"]", "a", -1)]
    [InlineData("[\"{P:x}\",\"{Q}\"]", "b", 0, 1)]
    [InlineData("[\"{P}\",\"{Q::}\"]", "b", 3, 1)]
    [InlineData("[\"{P:.}\",\"{Q}\"]", "a", 0, 1)]
    [InlineData("[\"{P}\",\"{Q}\"}", "a", 1, 1)]
    [InlineData("[\"{P} \",\"{Q}\"]", "a", -1, 1)]
    [InlineData("[\"{P}\",\"{Q:x}\"]", "a", -1, 1)]
    public void A_malformed_level_is_refused_on_both_paths_and_the_fused_book_resyncs(string rewrite, string side, int index, int pricePrecision = 0)
    {
        // pricePrecision 1: a book of fewer price decimals than the texts' two (0: the snapshot's).
        var frames = ReadFrames([Usdm0808]);
        byte? precision = pricePrecision == 0 ? null : (byte)pricePrecision;
        var classic = new DepthPipeline(BinanceMarket.UsdM, fused: false, listen: false, pricePrecision: precision);
        var fused = new DepthPipeline(BinanceMarket.UsdM, fused: true, listen: false, pricePrecision: precision);
        int depth = 0;
        foreach (var original in frames)
        {
            var frame = original;
            var text = Encoding.UTF8.GetString(frame.Payload);
            bool broken = text.Contains("depthUpdate", StringComparison.Ordinal) && ++depth == 1_500;
            if (broken)
            {
                var edited = RewriteLevel(text, side, index, rewrite);
                Assert.NotEqual(text, edited);
                frame = frame with { Payload = Encoding.UTF8.GetBytes(edited) };
            }

            var instrument = classic.Feed(frame.ToRecorded());
            fused.Feed(frame.ToRecorded());
            if (broken)
            {
                Assert.Equal(BinanceMessageKind.Malformed, classic.Parser.LastKind);
                Assert.Equal(BinanceMessageKind.Malformed, fused.Parser.LastKind);
                var sync = fused.Books.Values.Single();
                Assert.Equal(BinanceDepthSyncState.AwaitingSnapshot, sync.State);
                Assert.Equal(BinanceDepthSyncFailure.InvalidMessage, sync.LastFailure!.Value.Reason);
                Assert.Equal(1, classic.Malformed);
                Assert.Equal(1, fused.Malformed);
                return;
            }

            if (instrument is { } id)
            {
                AssertSame(classic.Books[id], fused.Books[id], full: false, where: $"line {frame.Line}");
            }
        }

        Assert.Fail("the recording has fewer than 1,500 diffs");
    }

    /// <summary>
    /// Replaces level <paramref name="index"/> (−1: the last) of side <paramref name="side"/> with
    /// <paramref name="rewrite"/>, where {P}/{Q} stand for its price/quantity, {P-}/{Q-} for them without their last
    /// zero (when it is one: the value stays the same), and {P:c}/{Q:c} for them with their last digit replaced by c;
    /// with <paramref name="keepDeletions"/>, a level of size 0 stays as it is.
    /// </summary>
    internal static string RewriteLevel(string text, string side, int index, string rewrite, bool keepDeletions = false)
    {
        int start = text.IndexOf($"\"{side}\":[", StringComparison.Ordinal) + 5;
        int end = text.IndexOf("]]", start, StringComparison.Ordinal) + 1;
        var levels = System.Text.RegularExpressions.Regex.Matches(text[start..end], "\\[\"([0-9.]+)\",\"([0-9.]+)\"\\]");
        if (levels.Count <= Math.Max(index, -index - 1))
        {
            return text; // a side too short for this place
        }

        var level = levels[index < 0 ? levels.Count + index : index];
        var (price, size) = (level.Groups[1].Value, level.Groups[2].Value);
        if (keepDeletions && size.Trim('0', '.').Length == 0)
        {
            return text;
        }

        var replaced = rewrite
            .Replace("{P}", price, StringComparison.Ordinal).Replace("{Q}", size, StringComparison.Ordinal)
            .Replace("{P-}", Shorter(price), StringComparison.Ordinal).Replace("{Q-}", Shorter(size), StringComparison.Ordinal);
        foreach (var (key, value) in new[] { ("{P:", price), ("{Q:", size) })
        {
            int at = replaced.IndexOf(key, StringComparison.Ordinal);
            if (at >= 0)
            {
                replaced = replaced[..at] + value[..^1] + replaced[at + 3] + replaced[(at + 5)..];
            }
        }

        return text[..(start + level.Index)] + replaced + text[(start + level.Index + level.Length)..];

        static string Shorter(string number) => number.EndsWith('0') ? number[..^1] : number;
    }

    [Fact]
    public void A_frame_found_malformed_after_its_levels_went_in_resyncs_the_book()
    {
        var frames = ReadFrames([Usdm0808]);
        int snapshotAt = frames.FindIndex(f => Encoding.UTF8.GetString(f.Payload).StartsWith("{\"lastUpdateId\"", StringComparison.Ordinal));
        Assert.True(snapshotAt > 0);
        var pipeline = new DepthPipeline(BinanceMarket.UsdM, fused: true, listen: false);
        int fed = 0;
        int broken = -1;
        for (int i = 0; i < frames.Count && fed < 100; i++)
        {
            var frame = frames[i];
            var text = Encoding.UTF8.GetString(frame.Payload);
            if (i > snapshotAt && text.Contains("depthUpdate", StringComparison.Ordinal) && ++fed == 50)
            {
                // The levels are fine, the frame ends badly: the parser only knows after the levels went in.
                frame = frame with { Payload = Encoding.UTF8.GetBytes(text[..^1] + ",}") };
                broken = i;
            }

            pipeline.Feed(frame.ToRecorded());
            if (i == broken)
            {
                var sync = pipeline.Books.Values.Single();
                Assert.Equal(BinanceMessageKind.Malformed, pipeline.Parser.LastKind);
                Assert.Equal(BinanceDepthSyncState.AwaitingSnapshot, sync.State);
                Assert.Equal(BinanceDepthSyncFailure.InvalidMessage, sync.LastFailure!.Value.Reason);
                Assert.True(sync.IsSnapshotPending);
                Assert.Equal(1, sync.Counters.Resyncs);
            }
        }

        var after = pipeline.Books.Values.Single();
        Assert.Equal(1, pipeline.Malformed);
        Assert.Equal(50, after.BufferedDiffs); // the diffs after the bad frame wait for the next snapshot
        Assert.Equal(1, after.Counters.Invalid);
    }

    [Fact]
    public void Fused_path_allocates_nothing_once_synced()
    {
        var frames = ReadFrames([Usdm0808]);
        var depth = frames.Where(f => Encoding.UTF8.GetString(f.Payload).Contains("depthUpdate", StringComparison.Ordinal)).Select(f => f.Payload).ToArray();
        var snapshot = frames.Single(f => Encoding.UTF8.GetString(f.Payload).StartsWith("{\"lastUpdateId\"", StringComparison.Ordinal)).Payload;
        var pipeline = new DepthPipeline(BinanceMarket.UsdM, fused: true, listen: false);
        var parser = pipeline.Parser;
        var sync = pipeline.SyncFor(parser.DefaultInstrument);
        var sink = (IBinanceDepthSink)sync;
        parser.DepthSink = sink;

        void Round()
        {
            sync.Resync();
            parser.Parse(snapshot, 0);
            sync.OnSnapshot(parser.Deltas);
            foreach (var frame in depth)
            {
                if (parser.Parse(frame, 0) == BinanceMessageKind.DepthUpdate && !parser.DiffTaken)
                {
                    sync.OnDiff(parser.Deltas);
                }
            }
        }

        Assert.Equal(0, Allocations.SteadyState(Round, rounds: 3));
        Assert.True(sync.IsSynced);
        Assert.Equal(0, sync.Counters.DiffsApplied % 6_547);
    }

    private static int RunSideBySide(string[] files, DepthPipeline classic, DepthPipeline fused)
    {
        var paths = files.Select(SharedData.Require).ToArray();
        var order = files.Any(f => f.Contains(".http.", StringComparison.Ordinal)) ? RecordingFileOrder.MergeByTime : RecordingFileOrder.Concatenate;
        using var reader = new RecordingReader(paths, new RecordingReaderOptions { Order = order });
        int frames = 0;
        while (reader.TryRead(out RecordedFrame frame))
        {
            frames++;
            var a = classic.Feed(frame);
            var b = fused.Feed(frame);
            Assert.Equal(a, b);
            if (a is { } instrument)
            {
                AssertSame(classic.Books[instrument], fused.Books[instrument], full: frames % 500 == 0, where: $"file {frame.FileIndex} line {frame.LineNumber}");
            }
        }

        Assert.Equal(classic.Malformed, fused.Malformed);
        return frames;
    }

    internal static void AssertSame(BinanceDepthSynchronizer expected, BinanceDepthSynchronizer actual, bool full, string where)
    {
        Assert.True(expected.State == actual.State, $"{where}: state {expected.State} vs {actual.State}");
        Assert.True(expected.LastUpdateId == actual.LastUpdateId, $"{where}: last update id {expected.LastUpdateId} vs {actual.LastUpdateId}");
        Assert.True(expected.BufferedDiffs == actual.BufferedDiffs, $"{where}: buffered {expected.BufferedDiffs} vs {actual.BufferedDiffs}");
        var c = expected.Counters;
        var d = actual.Counters;
        Assert.True(
            (c.Diffs, c.DiffsApplied, c.DiffsDropped, c.Gaps, c.Resyncs, c.Crossed, c.Invalid, c.Snapshots, c.SnapshotRequests)
            == (d.Diffs, d.DiffsApplied, d.DiffsDropped, d.Gaps, d.Resyncs, d.Crossed, d.Invalid, d.Snapshots, d.SnapshotRequests),
            $"{where}: counters differ");
        if (expected.Book is null)
        {
            Assert.Null(actual.Book);
            return;
        }

        var x = expected.Book;
        var y = actual.Book!;
        Assert.True(x.LastUpdateId == y.LastUpdateId && x.LastEventTime == y.LastEventTime, $"{where}: book ids differ");
        Assert.True(x.BidCount == y.BidCount && x.AskCount == y.AskCount, $"{where}: level counts {x.BidCount}/{x.AskCount} vs {y.BidCount}/{y.AskCount}");
        Assert.Equal(x.RejectedDeltas, y.RejectedDeltas);
        foreach (var side in new[] { OrderSide.Buy, OrderSide.Sell })
        {
            int n = full ? x.Count(side) : Math.Min(20, x.Count(side));
            var a = new BookLevel[n];
            var b = new BookLevel[n];
            x.CopyLevels(side, a);
            y.CopyLevels(side, b);
            Assert.True(a.AsSpan().SequenceEqual(b), $"{where}: {side} levels differ");
        }
    }

    internal static List<Frame> ReadFrames(string[] files)
    {
        using var reader = new RecordingReader(files.Select(SharedData.Require));
        var frames = new List<Frame>();
        while (reader.TryRead(out RecordedFrame frame))
        {
            frames.Add(new Frame(frame.ReceiveTime, frame.Kind, frame.Payload.ToArray(), frame.Source.ToArray(), frame.LineNumber));
        }

        return frames;
    }

    internal sealed record Frame(long ReceiveTime, RecordedFrameKind Kind, byte[] Payload, byte[] Source, long Line)
    {
        public RecordedFrame ToRecorded() => new(ReceiveTime, Kind, Payload, Source, 0, Line);
    }
}
