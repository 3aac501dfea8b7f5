using System.Text;
using System.Text.RegularExpressions;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Book;
using FlowSight.Venues.Binance.Replay;
using Xunit;
using static FlowSight.Venues.Tests.Binance.Replay.RecordingReplays;

namespace FlowSight.Venues.Tests.Binance.Replay;

/// <summary>A recording with one diff line removed (edited in memory) reports the gap and ends out of sync, or resyncs from a later snapshot.</summary>
public sealed partial class GapReplayTests
{
    [GeneratedRegex("\"u\":(\\d+)")]
    private static partial Regex FinalUpdateId();

    private static (string[] Lines, int Snapshot, List<int> Diffs) Load(string relative)
    {
        var lines = File.ReadAllLines(SharedData.Require(relative));
        int snapshot = Array.FindIndex(lines, l => l.Contains("\"lastUpdateId\"", StringComparison.Ordinal));
        var diffs = Enumerable.Range(snapshot + 1, lines.Length - snapshot - 1)
            .Where(i => lines[i].Contains("\"e\":\"depthUpdate\"", StringComparison.Ordinal))
            .ToList();
        return (lines, snapshot, diffs);
    }

    private static RecordingSource Source(IEnumerable<string> lines) =>
        RecordingSource.FromBytes("edited", Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));

    private static long UpdateIdOf(string line) => long.Parse(FinalUpdateId().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(UsdmFirst20s, BinanceMarket.UsdM)]
    [InlineData(SpotFirst20s, BinanceMarket.Spot)]
    public void A_snapshot_recorded_before_any_stream_frame_joins_the_first_diffs_without_a_gap(string relative, BinanceMarket market)
    {
        // Our recorder writes the REST snapshot when it arrives, which can be before the first WebSocket frame; the
        // replay then keeps it until a frame names the instrument — here a depth diff, which must not be lost.
        var (lines, snapshot, _) = Load(relative);
        var moved = new[] { lines[snapshot] }.Concat(lines.Where((_, i) => i != snapshot)).ToArray();
        Assert.Contains("depthUpdate", moved[1], StringComparison.Ordinal);

        var replay = Run(market, Source(moved));
        var book = Assert.Single(replay.Books);
        Assert.True(book.IsSynced, $"out of sync: {book.Synchronizer.LastFailure}; {book.Statistics}");
        Assert.Equal(0, book.Statistics.Gaps);
        Assert.Equal(0, book.Statistics.Resyncs);
        Assert.Equal(0, replay.Malformed);
        Assert.Equal(Run(market, Source(lines)).Books.Single().Book!.LastUpdateId, book.Book!.LastUpdateId);
    }

    [Theory]
    [InlineData(UsdmFirst20s, BinanceMarket.UsdM)]
    [InlineData(SpotFirst20s, BinanceMarket.Spot)]
    public async Task One_removed_diff_is_reported_as_a_gap_and_the_recording_ends_out_of_sync(string relative, BinanceMarket market)
    {
        var (lines, _, diffs) = Load(relative);
        int removed = diffs[100];
        var edited = lines.Where((_, i) => i != removed).ToArray();

        var replay = Run(null, Source(edited));
        Assert.Equal(market, replay.Market);
        var book = Assert.Single(replay.Books);
        var stats = book.Statistics;
        Assert.False(book.IsSynced);
        Assert.Equal(1, stats.Gaps);
        Assert.Equal(1, stats.Resyncs);
        Assert.Equal(0, stats.Crossed);
        Assert.Equal(0, stats.BookTickerMismatched);
        var failure = book.Synchronizer.LastFailure!.Value;
        Assert.Equal(BinanceDepthSyncFailure.Gap, failure.Reason);
        Assert.Equal(UpdateIdOf(lines[diffs[99]]), failure.BookUpdateId);
        Assert.Equal(UpdateIdOf(lines[diffs[101]]), failure.LastUpdateId);
        Assert.InRange(stats.DiffsApplied, 100, 105); // the 100 diffs after the snapshot line (and any buffered bridge), nothing after the gap
        Assert.True(book.Synchronizer.BufferedDiffs > 0); // everything after the gap waits for a snapshot that never comes

        // The command reports it: "synced": false and exit code 1.
        using var reader = new RecordingReader([Source(edited)]);
        var output = new StringWriter();
        int exit = await BinanceReplayRunner.RunAsync(reader, new BinanceReplayRequest(Json: true, Depth: 5), output, TextWriter.Null, TimeProvider.System, TestContext.Current.CancellationToken);
        Assert.Equal(1, exit);
        Assert.Contains("\"synced\":false", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"gaps\":1,", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_the_bridging_diff_leaves_the_snapshot_unbridged()
    {
        var (lines, snapshot, _) = Load(UsdmFirst20s);
        long lastUpdateId = long.Parse(Regex.Match(lines[snapshot], "\"lastUpdateId\":(\\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // The diff that straddles lastUpdateId may arrive before or after the snapshot line.
        int bridge = Array.FindIndex(lines, l => l.Contains("\"e\":\"depthUpdate\"", StringComparison.Ordinal)
            && UpdateIdOf(l) >= lastUpdateId
            && long.Parse(Regex.Match(l, "\"U\":(\\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= lastUpdateId);
        Assert.True(bridge >= 0);

        var replay = Run(null, Source(lines.Where((_, i) => i != bridge)));
        var book = Assert.Single(replay.Books);
        Assert.False(book.IsSynced);
        Assert.Equal(BinanceDepthSyncFailure.SnapshotTooOld, book.Synchronizer.LastFailure!.Value.Reason);
        Assert.Equal(0, book.Statistics.DiffsApplied);
    }

    [Fact]
    public void After_a_gap_a_later_snapshot_resyncs_the_book_to_exactly_the_intact_result()
    {
        var (lines, _, diffs) = Load(UsdmFirst20s);
        var intact = Run(null, UsdmFirst20s).Books[0];

        // A "later REST snapshot": the intact book just after diff 200, as Binance's /fapi/v1/depth body.
        int at = diffs[200];
        var partial = Run(null, Source(lines.Take(at + 1))).Books[0];
        Assert.Equal(UpdateIdOf(lines[at]), partial.LastUpdateId);
        string body = SnapshotBody(partial.Book!, partial.LastUpdateId);

        // Remove diff 150, and insert the snapshot as received ten diffs after the one it reflects.
        int insertAfter = diffs[210];
        string stamp = lines[insertAfter][..lines[insertAfter].IndexOf(' ', StringComparison.Ordinal)];
        var edited = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (i == diffs[150])
            {
                continue;
            }

            edited.Add(lines[i]);
            if (i == insertAfter)
            {
                edited.Add($"{stamp} {body}");
            }
        }

        var replay = Run(null, Source(edited));
        var book = Assert.Single(replay.Books);
        var stats = book.Statistics;
        Assert.True(book.IsSynced, $"{book.Synchronizer.LastFailure}");
        Assert.Equal(1, stats.Gaps);
        Assert.Equal(1, stats.Resyncs);
        Assert.Equal(0, stats.Crossed);
        Assert.Equal(0, stats.BookTickerMismatched);
        Assert.True(stats.BookTickerChecked > 20, $"{stats.BookTickerChecked} checked");
        Assert.Equal(intact.LastUpdateId, book.LastUpdateId);
        Assert.Equal(Levels(intact.Book!, OrderSide.Buy), Levels(book.Book!, OrderSide.Buy));
        Assert.Equal(Levels(intact.Book!, OrderSide.Sell), Levels(book.Book!, OrderSide.Sell));
    }

    private static BookLevel[] Levels(L2OrderBook book, OrderSide side)
    {
        var levels = new BookLevel[book.Count(side)];
        book.CopyLevels(side, levels);
        return levels;
    }

    private static string SnapshotBody(L2OrderBook book, long lastUpdateId)
    {
        static string Side(BookLevel[] levels) => string.Join(',', levels.Select(l => $"[\"{l.Price}\",\"{l.Size}\"]"));
        return $"{{\"lastUpdateId\":{lastUpdateId},\"E\":1723161256501,\"T\":1723161256493,\"bids\":[{Side(Levels(book, OrderSide.Buy))}],\"asks\":[{Side(Levels(book, OrderSide.Sell))}]}}";
    }
}
