using System.Text;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Book;
using FlowSight.Venues.Binance.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Book;

/// <summary>
/// Top first (the fused path with <see cref="BinanceDepthSynchronizer.TopApplied"/>): the levels that can change the
/// best N of each side go in first, the handler sees the book, then the rest goes in. Against the classic path on the
/// recordings: the same books after every frame, and the handler's top N equal to the whole diff's.
/// </summary>
public sealed class TopFirstDepthPathTests
{
    private const string Usdm0808 = "recordings/hftbacktest/binance-usdm/btcusdt_20240808.gz";
    private const string Usdm0404 = "recordings/hftbacktest/binance-usdm/btcusdt_20230404.dat.gz";
    private const string Usdm0405 = "recordings/hftbacktest/binance-usdm/btcusdt_20230405.dat.gz";

    // Books at the frames' two price decimals, and at one (the 0.1 tick of BTCUSDT futures, what exchangeInfo gives
    // the live client): "61800.30" is then rescaled on every level.
    public static TheoryData<string[], int, int> Cases => new()
    {
        { [Usdm0808], 1, 2 },
        { [Usdm0808], 1, 1 },
        { [Usdm0808], 20, 2 },
        { [Usdm0808], 20, 1 },
        { [Usdm0404, Usdm0405], 5, 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Top_first_builds_the_classic_books_and_shows_the_whole_diffs_top(string[] files, int depth, int pricePrecision)
    {
        var shown = new TopRecorder(depth);
        var classic = new DepthPipeline(BinanceMarket.UsdM, fused: false, listen: false, pricePrecision: (byte)pricePrecision);
        var top = new DepthPipeline(BinanceMarket.UsdM, fused: true, listen: false, topFirst: depth, onTop: shown.Record, pricePrecision: (byte)pricePrecision);
        var frames = FusedDepthPathTests.ReadFrames(files);
        foreach (var frame in frames)
        {
            shown.Clear();
            var a = classic.Feed(frame.ToRecorded());
            Assert.Equal(a, top.Feed(frame.ToRecorded()));
            if (a is { } id)
            {
                FusedDepthPathTests.AssertSame(classic.Books[id], top.Books[id], full: false, where: $"line {frame.Line}");
                if (shown.Seen)
                {
                    shown.AssertEqualsTopOf(classic.Books[id].Book!, $"line {frame.Line}");
                }
            }
        }

        var sync = top.Books.Values.Single();
        FusedDepthPathTests.AssertSame(classic.Books.Values.Single(), sync, full: true, where: "end");
        Assert.True(top.TopsShown > sync.Counters.DiffsApplied * 0.98, $"{top.TopsShown} tops shown for {sync.Counters.DiffsApplied} diffs");
        Assert.Equal(top.TopsShown, top.Parser.TopFirstDiffs);
        Assert.Equal(0, top.Parser.TopFirstFallbacks);
        Assert.Equal(0, top.Parser.TopFirstReordered);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Top_first_builds_the_classic_books_from_texts_with_more_decimals_than_the_book(bool nonZeroDigit)
    {
        // Books of one price and three size decimals (the frames write two and three). In 200 diffs, levels at both
        // ends of each side get sizes of five decimals ("0.01400"); with nonZeroDigit, one of them also has a second
        // best bid "61800.35", which the book cannot represent: the frame goes the usual way and is refused on both paths.
        var frames = FusedDepthPathTests.ReadFrames([Usdm0808]);
        int depth = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            var text = Encoding.UTF8.GetString(frames[i].Payload);
            if (text.Contains("depthUpdate", StringComparison.Ordinal) && ++depth >= 1_000 && depth < 1_200)
            {
                foreach (var (side, index) in new[] { ("b", 0), ("b", -3), ("b", -1), ("a", 0), ("a", 2), ("a", -1) })
                {
                    text = FusedDepthPathTests.RewriteLevel(text, side, index, "[\"{P}\",\"{Q}00\"]", keepDeletions: true);
                }

                if (nonZeroDigit && depth == 1_100)
                {
                    text = FusedDepthPathTests.RewriteLevel(text, "b", -2, "[\"{P:5}\",\"{Q}\"]");
                }

                frames[i] = frames[i] with { Payload = Encoding.UTF8.GetBytes(text) };
            }
        }

        var shown = new TopRecorder(5);
        var classic = new DepthPipeline(BinanceMarket.UsdM, fused: false, listen: false, pricePrecision: 1, sizePrecision: 3);
        var top = new DepthPipeline(BinanceMarket.UsdM, fused: true, listen: false, topFirst: 5, onTop: shown.Record, pricePrecision: 1, sizePrecision: 3);
        foreach (var frame in frames)
        {
            shown.Clear();
            var a = classic.Feed(frame.ToRecorded());
            Assert.Equal(a, top.Feed(frame.ToRecorded()));
            if (a is { } id)
            {
                FusedDepthPathTests.AssertSame(classic.Books[id], top.Books[id], full: false, where: $"line {frame.Line}");
                if (shown.Seen)
                {
                    shown.AssertEqualsTopOf(classic.Books[id].Book!, $"line {frame.Line}");
                }
            }
        }

        var sync = top.Books.Values.Single();
        FusedDepthPathTests.AssertSame(classic.Books.Values.Single(), sync, full: true, where: "end");
        Assert.Equal(nonZeroDigit ? 1 : 0, sync.Counters.Invalid);
        Assert.Equal(nonZeroDigit ? 1 : 0, top.Parser.TopFirstFallbacks);
        Assert.True(nonZeroDigit ? sync.Counters.DiffsApplied < 6_547 : sync.Counters.DiffsApplied == 6_547, $"{sync.Counters.DiffsApplied} diffs applied");
    }

    [Fact]
    public void A_read_deeper_than_the_top_inside_the_handler_applies_the_rest_first()
    {
        var deep = new List<(long Line, BookLevel[] Bids, BookLevel[] Asks, int BidCount)>();
        long line = 0;
        var classic = new DepthPipeline(BinanceMarket.UsdM, fused: false, listen: false);
        var top = new DepthPipeline(BinanceMarket.UsdM, fused: true, listen: false, topFirst: 3, onTop: (sync, book) =>
        {
            Assert.True(book.TryGetBestBid(out _));
            var bids = new BookLevel[40];
            var asks = new BookLevel[40];
            book.CopyLevels(OrderSide.Buy, bids);
            book.CopyLevels(OrderSide.Sell, asks);
            Assert.False(book.HasDeferredRest); // 40 > 3: the rest went in first
            deep.Add((line, bids, asks, book.BidCount));
            Assert.Same(sync.Book, book);
        });
        int checkedFrames = 0;
        foreach (var frame in FusedDepthPathTests.ReadFrames([Usdm0808]))
        {
            line = frame.Line;
            deep.Clear();
            var id = classic.Feed(frame.ToRecorded());
            top.Feed(frame.ToRecorded());
            if (deep.Count == 1 && id is { } instrument)
            {
                var book = classic.Books[instrument].Book!;
                var bids = new BookLevel[40];
                var asks = new BookLevel[40];
                book.CopyLevels(OrderSide.Buy, bids);
                book.CopyLevels(OrderSide.Sell, asks);
                Assert.Equal(bids, deep[0].Bids);
                Assert.Equal(asks, deep[0].Asks);
                Assert.Equal(book.BidCount, deep[0].BidCount);
                checkedFrames++;
            }

            if (id is { } checkedId)
            {
                FusedDepthPathTests.AssertSame(classic.Books[checkedId], top.Books[checkedId], full: false, where: $"line {frame.Line}");
            }
        }

        Assert.True(checkedFrames > 6_000, $"{checkedFrames} frames checked");
        FusedDepthPathTests.AssertSame(classic.Books.Values.Single(), top.Books.Values.Single(), full: true, where: "end");
    }

    // Frames that break Binance's order (both sides by ascending price), in 50 diffs: the two best bids swapped (seen
    // while the top is read: the frame goes in its own order), the whole bid array reversed, the best bid moved to
    // the front or repeated there with another size, the best ask moved to the back (some seen only after the top
    // was shown: the bids applied early go in again and the diff is counted).
    [Theory]
    [InlineData("swap-best-bids")]
    [InlineData("reverse-bids")]
    [InlineData("best-bid-first")]
    [InlineData("best-bid-repeated-first")]
    [InlineData("best-ask-last")]
    public void A_frame_out_of_the_venues_order_ends_in_the_classic_book(string edit)
    {
        var frames = FusedDepthPathTests.ReadFrames([Usdm0808]);
        var edited = 0;
        var depthFrames = 0;
        for (int i = 0; i < frames.Count && edited < 50; i++)
        {
            var text = Encoding.UTF8.GetString(frames[i].Payload);
            if (!text.Contains("depthUpdate", StringComparison.Ordinal) || ++depthFrames < 2_000)
            {
                continue;
            }

            var changed = Edit(text, edit);
            if (changed != text)
            {
                frames[i] = frames[i] with { Payload = Encoding.UTF8.GetBytes(changed) };
                edited++;
            }
        }

        Assert.Equal(50, edited);
        var classic = new DepthPipeline(BinanceMarket.UsdM, fused: false, listen: false);
        var top = new DepthPipeline(BinanceMarket.UsdM, fused: true, listen: false, topFirst: 20);
        foreach (var frame in frames)
        {
            var id = classic.Feed(frame.ToRecorded());
            top.Feed(frame.ToRecorded());
            if (id is { } instrument)
            {
                FusedDepthPathTests.AssertSame(classic.Books[instrument], top.Books[instrument], full: false, where: $"line {frame.Line}");
            }
        }

        FusedDepthPathTests.AssertSame(classic.Books.Values.Single(), top.Books.Values.Single(), full: true, where: "end");
        var parser = top.Parser;
        Assert.True(parser.TopFirstFallbacks + parser.TopFirstReordered > 0);
        if (edit == "swap-best-bids")
        {
            Assert.True(parser.TopFirstFallbacks > 0);
        }

        if (edit == "best-bid-repeated-first")
        {
            Assert.True(parser.TopFirstReordered > 0);
        }
    }

    [Fact]
    public void A_frame_malformed_after_its_top_resyncs_the_book()
    {
        var frames = FusedDepthPathTests.ReadFrames([Usdm0808]);
        var classic = new DepthPipeline(BinanceMarket.UsdM, fused: false, listen: false);
        var tops = 0;
        var top = new DepthPipeline(BinanceMarket.UsdM, fused: true, listen: false, topFirst: 1, onTop: (_, _) => tops++);
        var depthFrames = 0;
        foreach (var original in frames)
        {
            var frame = original;
            var text = Encoding.UTF8.GetString(frame.Payload);
            var broken = text.Contains("depthUpdate", StringComparison.Ordinal) && ++depthFrames >= 1_500 && Levels(text, "b").Count > 50;
            if (broken)
            {
                // The first bid (the lowest: applied after the top was shown) gets a letter in its size.
                var first = Levels(text, "b")[0];
                var start = text.IndexOf("\"b\":[", StringComparison.Ordinal) + 5;
                text = text[..(start + first.Index)] + first.Value.Replace("\"]", "x\"]", StringComparison.Ordinal) + text[(start + first.Index + first.Length)..];
                frame = frame with { Payload = Encoding.UTF8.GetBytes(text) };
            }

            var shownBefore = tops;
            var id = classic.Feed(frame.ToRecorded());
            top.Feed(frame.ToRecorded());
            if (broken)
            {
                Assert.Equal(shownBefore + 1, tops); // the top was shown, then the frame failed
                Assert.Equal(BinanceMessageKind.Malformed, classic.Parser.LastKind);
                Assert.Equal(BinanceMessageKind.Malformed, top.Parser.LastKind);
                var sync = top.Books.Values.Single();
                Assert.Equal(BinanceDepthSyncState.AwaitingSnapshot, sync.State);
                Assert.Equal(BinanceDepthSyncFailure.InvalidMessage, sync.LastFailure!.Value.Reason);
                Assert.Equal(1, top.Malformed);
                return;
            }

            if (id is { } instrument)
            {
                FusedDepthPathTests.AssertSame(classic.Books[instrument], top.Books[instrument], full: false, where: $"line {frame.Line}");
            }
        }

        Assert.Fail("no diff with more than 50 bids after the 1,500th");
    }

    [Fact]
    public void Top_first_allocates_nothing_once_synced()
    {
        var frames = FusedDepthPathTests.ReadFrames([Usdm0808]);
        var depth = frames.Where(f => Encoding.UTF8.GetString(f.Payload).Contains("depthUpdate", StringComparison.Ordinal)).Select(f => f.Payload).ToArray();
        var snapshot = frames.Single(f => Encoding.UTF8.GetString(f.Payload).StartsWith("{\"lastUpdateId\"", StringComparison.Ordinal)).Payload;
        long bestBids = 0;
        var pipeline = new DepthPipeline(BinanceMarket.UsdM, fused: true, listen: false, pricePrecision: 1, topFirst: 5, onTop: (owner, book) =>
        {
            if (book.TryGetBestBid(out var bid))
            {
                bestBids += bid.Price.Raw & 1;
            }
        });
        var parser = pipeline.Parser;
        var sync = pipeline.SyncFor(parser.DefaultInstrument);
        parser.DepthSink = sync;

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
        Assert.True(parser.TopFirstDiffs > 6_000);
    }

    private static string Edit(string text, string edit)
    {
        var side = edit == "best-ask-last" ? "a" : "b";
        var levels = Levels(text, side);
        if (levels.Count < 20)
        {
            return text;
        }

        var start = text.IndexOf($"\"{side}\":[", StringComparison.Ordinal) + 5;
        var end = text.IndexOf("]]", start, StringComparison.Ordinal) + 1;
        var items = levels.Select(m => m.Value).ToList();
        switch (edit)
        {
            case "swap-best-bids":
                (items[^1], items[^2]) = (items[^2], items[^1]);
                break;
            case "reverse-bids":
                items.Reverse();
                break;
            case "best-bid-first":
                items.Insert(0, items[^1]);
                items.RemoveAt(items.Count - 1);
                break;
            case "best-bid-repeated-first":
                items.Insert(0, levels[^1].Groups[2].Value == "9.999" ? items[^1].Replace("9.999", "8.888", StringComparison.Ordinal) : items[^1].Replace(levels[^1].Groups[2].Value, "9.999", StringComparison.Ordinal));
                break;
            default:
                items.Add(items[0]);
                items.RemoveAt(0);
                break;
        }

        return text[..start] + string.Join(",", items) + text[end..];
    }

    private static System.Text.RegularExpressions.MatchCollection Levels(string text, string side)
    {
        var start = text.IndexOf($"\"{side}\":[", StringComparison.Ordinal) + 5;
        var end = text.IndexOf("]]", start, StringComparison.Ordinal) + 1;
        return System.Text.RegularExpressions.Regex.Matches(text[start..end], "\\[\"([0-9.]+)\",\"([0-9.]+)\"\\]");
    }

    /// <summary>The top N of each side as the handler saw it.</summary>
    private sealed class TopRecorder(int depth)
    {
        private readonly BookLevel[] _bids = new BookLevel[depth];
        private readonly BookLevel[] _asks = new BookLevel[depth];
        private int _bidCount;
        private int _askCount;

        public bool Seen { get; private set; }

        public void Clear() => Seen = false;

        public void Record(BinanceDepthSynchronizer sync, L2OrderBook book)
        {
            Assert.False(Seen);
            Seen = true;
            _bidCount = book.CopyLevels(OrderSide.Buy, _bids);
            _askCount = book.CopyLevels(OrderSide.Sell, _asks);
            Assert.Equal(sync.Book, book);
        }

        public void AssertEqualsTopOf(L2OrderBook full, string where)
        {
            var bids = new BookLevel[_bids.Length];
            var asks = new BookLevel[_asks.Length];
            Assert.True(full.CopyLevels(OrderSide.Buy, bids) == _bidCount && bids.AsSpan(0, _bidCount).SequenceEqual(_bids.AsSpan(0, _bidCount)), $"{where}: the bids shown differ from the diff's");
            Assert.True(full.CopyLevels(OrderSide.Sell, asks) == _askCount && asks.AsSpan(0, _askCount).SequenceEqual(_asks.AsSpan(0, _askCount)), $"{where}: the asks shown differ from the diff's");
        }
    }
}
