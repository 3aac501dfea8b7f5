using System.Text;
using System.Text.Json;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.GateIo.Replay;
using FlowSight.Venues.Replay;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo.Replay;

/// <summary><c>flowsight book replay</c> on the Gate.io recordings (<see cref="GateIoReplayRunner"/>): stream frames with the with_id snapshots merged in by time.</summary>
public sealed class GateIoReplayRunnerTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(BookReplayRequest request, RecordingReader reader)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await GateIoReplayRunner.RunAsync(reader, request, output, error, TimeProvider.System, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    private static RecordingReader Recording(string ws, string http) =>
        new([SharedData.Require(ws), SharedData.Require(http)], new RecordingReaderOptions { Order = RecordingFileOrder.MergeByTime });

    [Theory]
    [InlineData(GateIoRecording.SpotWs, GateIoRecording.SpotHttp, ".GATEIO", 159)]
    [InlineData(GateIoRecording.FuturesWs, GateIoRecording.FuturesHttp, "-PERP.GATEIO", 316)]
    public async Task Json_reports_ten_books_chained_to_their_snapshots_without_a_gap(string ws, string http, string suffix, long applied)
    {
        using var reader = Recording(ws, http);
        var (exit, output, error) = await RunAsync(new BookReplayRequest(Depth: 1, Json: true), reader);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        var books = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(10, books.Count);
        Assert.All(books, b =>
        {
            Assert.Equal(["instrument", "u", "synced", "bids", "asks", "stats"], b.EnumerateObject().Select(p => p.Name));
            Assert.EndsWith(suffix, b.GetProperty("instrument").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, b.GetProperty("stats").GetProperty("snapshots").GetInt64());
            Assert.Equal(0, b.GetProperty("stats").GetProperty("gaps").GetInt64());
        });
        Assert.Equal(applied, books.Sum(b => b.GetProperty("stats").GetProperty("updatesApplied").GetInt64()));
    }

    [Fact]
    public async Task A_deleted_update_is_a_gap_and_fails_the_run()
    {
        var lines = File.ReadAllLines(SharedData.Require(GateIoRecording.FuturesWs));
        // Drop the second order_book_update of the busiest contract: the next one no longer continues the chain.
        var updates = lines.Select((l, i) => (l, i)).Where(x => x.l.Contains("futures.order_book_update", StringComparison.Ordinal) && x.l.Contains("\"event\":\"update\"", StringComparison.Ordinal)).ToList();
        var busiest = updates.GroupBy(x => x.l[x.l.IndexOf("\"s\":\"", StringComparison.Ordinal)..].Split('"')[3]).MaxBy(g => g.Count())!;
        var dropped = busiest.Skip(busiest.Count() / 2).First().i;
        var kept = string.Join('\n', lines.Where((_, i) => i != dropped)) + "\n";
        using var reader = new RecordingReader(
            [RecordingSource.FromBytes("futures-ws", Encoding.UTF8.GetBytes(kept)), RecordingSource.FromBytes("futures-http", File.ReadAllBytes(SharedData.Require(GateIoRecording.FuturesHttp)))],
            new RecordingReaderOptions { Order = RecordingFileOrder.MergeByTime });

        var (exit, output, _) = await RunAsync(new BookReplayRequest(Json: true), reader);

        Assert.Equal(1, exit);
        var books = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement);
        Assert.Equal(1, books.Sum(b => b.GetProperty("stats").GetProperty("gaps").GetInt64()));
    }

    [Fact]
    public async Task Text_shows_the_ladder_and_the_chain_statistics()
    {
        using var reader = Recording(GateIoRecording.SpotWs, GateIoRecording.SpotHttp);
        var (exit, output, _) = await RunAsync(new BookReplayRequest(Depth: 2), reader);

        Assert.Equal(0, exit);
        Assert.StartsWith("gate: ", output, StringComparison.Ordinal);
        Assert.Contains("  u ", output, StringComparison.Ordinal);
        Assert.Contains("updates applied", output, StringComparison.Ordinal);
        Assert.Contains("  bid ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recording_without_gate_books_is_refused_with_a_clear_message()
    {
        using var reader = new RecordingReader([RecordingSource.FromBytes("odd", "1723161255030314667 {\"hello\":1}\n"u8.ToArray())]);
        var (exit, _, error) = await RunAsync(new BookReplayRequest(), reader);
        Assert.Equal(2, exit);
        Assert.Contains("No Gate.io order-book data", error, StringComparison.Ordinal);
    }
}
