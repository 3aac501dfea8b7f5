using System.Text.Json;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.Okx.Replay;
using FlowSight.Venues.Replay;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Replay;

/// <summary><c>flowsight book replay</c> on an OKX recording (<see cref="OkxReplayRunner"/>): the cryptofeed capture of three 400-level books.</summary>
public sealed class OkxReplayRunnerTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(BookReplayRequest request, RecordingReader reader)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await OkxReplayRunner.RunAsync(reader, request, output, error, TimeProvider.System, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Json_reports_every_book_in_sync_with_every_checksum_verified()
    {
        using var reader = new RecordingReader([SharedData.Require(OkxRecording.Path)]);
        var (exit, output, error) = await RunAsync(new BookReplayRequest(Depth: 2, Json: true), reader);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        var books = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["BTC-USD-220527.OKX", "BTC-USDT.OKX", "UNI-USD-SWAP.OKX"], books.Select(b => b.GetProperty("instrument").GetString()).Order(StringComparer.Ordinal));
        Assert.All(books, b =>
        {
            Assert.Equal(["instrument", "seqId", "synced", "bids", "asks", "stats"], b.EnumerateObject().Select(p => p.Name));
            Assert.True(b.GetProperty("synced").GetBoolean());
            Assert.Equal(2, b.GetProperty("bids").GetArrayLength());
            Assert.Equal(0, b.GetProperty("stats").GetProperty("checksumMismatched").GetInt64());
            Assert.Equal(0, b.GetProperty("stats").GetProperty("gaps").GetInt64());
        });
        Assert.Equal(290, books.Sum(b => b.GetProperty("stats").GetProperty("checksumChecked").GetInt64()));
        Assert.Equal(3, books.Sum(b => b.GetProperty("stats").GetProperty("snapshots").GetInt64()));
    }

    [Fact]
    public async Task Text_shows_the_ladder_and_the_checksum_line()
    {
        using var reader = new RecordingReader([SharedData.Require(OkxRecording.Path)]);
        var (exit, output, _) = await RunAsync(new BookReplayRequest(Depth: 3), reader);

        Assert.Equal(0, exit);
        Assert.StartsWith("okx: ", output, StringComparison.Ordinal);
        Assert.Contains("BTC-USDT.OKX  seqId", output, StringComparison.Ordinal);
        Assert.Contains("in sync", output, StringComparison.Ordinal);
        Assert.Contains("checksum checked", output, StringComparison.Ordinal);
        Assert.Contains("  ask ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupted_level_is_caught_by_the_checksum_and_fails_the_run()
    {
        var lines = File.ReadAllLines(SharedData.Require(OkxRecording.Path));
        // Change one size inside the first update after the BTC-USDT snapshot: the book differs from OKX's from then on.
        int snapshot = Array.FindIndex(lines, l => l.Contains("\"action\":\"snapshot\"", StringComparison.Ordinal) && l.Contains("\"instId\":\"BTC-USDT\"", StringComparison.Ordinal));
        int update = Array.FindIndex(lines, snapshot + 1, l => l.Contains("\"action\":\"update\"", StringComparison.Ordinal) && l.Contains("\"instId\":\"BTC-USDT\"", StringComparison.Ordinal));
        var bidsAt = lines[update].IndexOf("\"bids\":[[\"", StringComparison.Ordinal);
        Assert.True(bidsAt > 0);
        var priceEnd = lines[update].IndexOf("\",\"", bidsAt + 10, StringComparison.Ordinal);
        lines[update] = lines[update][..(priceEnd + 3)] + "9" + lines[update][(priceEnd + 3)..];
        using var reader = new RecordingReader([RecordingSource.FromBytes("corrupted", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"))]);

        var (exit, output, _) = await RunAsync(new BookReplayRequest(Json: true), reader);

        Assert.Equal(1, exit);
        var btc = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).Single(b => b.GetProperty("instrument").GetString() == "BTC-USDT.OKX");
        Assert.False(btc.GetProperty("synced").GetBoolean());
        Assert.True(btc.GetProperty("stats").GetProperty("checksumMismatched").GetInt64() >= 1);
    }

    [Fact]
    public async Task A_recording_without_okx_books_is_refused_with_a_clear_message()
    {
        using var reader = new RecordingReader([RecordingSource.FromBytes("odd", "1723161255030314667 {\"hello\":1}\n"u8.ToArray())]);
        var (exit, _, error) = await RunAsync(new BookReplayRequest(), reader);
        Assert.Equal(2, exit);
        Assert.Contains("No OKX order-book data", error, StringComparison.Ordinal);
    }
}
