using System.Text.Json;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Replay;
using Xunit;
using static FlowSight.Venues.Tests.Binance.Replay.RecordingReplays;

namespace FlowSight.Venues.Tests.Binance.Replay;

/// <summary><c>flowsight book replay --json</c>'s logic (<see cref="BinanceReplayRunner"/>) on the first-20-seconds subsets.</summary>
public sealed class BookReplayCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(BinanceReplayRequest request, params string[] relative)
    {
        using var reader = new RecordingReader(relative.Select(SharedData.Require));
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await BinanceReplayRunner.RunAsync(reader, request, output, error, TimeProvider.System, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Json_output_is_one_object_per_instrument_exactly_as_specified()
    {
        var (exit, output, error) = await RunAsync(new BinanceReplayRequest(Json: true, Depth: 3), UsdmFirst20s);
        Assert.Equal(0, exit);
        Assert.Empty(error);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(["instrument", "lastUpdateId", "synced", "bids", "asks", "stats"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("BTCUSDT-PERP.BINANCE", root.GetProperty("instrument").GetString());
        Assert.Equal(5_123_109_469_678, root.GetProperty("lastUpdateId").GetInt64());
        Assert.True(root.GetProperty("synced").GetBoolean());

        // Prices and quantities are the venue's strings, best first (the values of the exactly rebuilt book: see RecordingReplayTests).
        Assert.Equal("[[\"61805.20\",\"5.249\"],[\"61805.10\",\"0.004\"],[\"61804.00\",\"0.094\"]]", root.GetProperty("bids").GetRawText());
        Assert.Equal("[[\"61805.30\",\"2.645\"],[\"61806.00\",\"0.002\"],[\"61806.80\",\"0.002\"]]", root.GetProperty("asks").GetRawText());

        var stats = root.GetProperty("stats");
        Assert.Equal(
            ["frames", "diffsApplied", "diffsDropped", "gaps", "resyncs", "crossed", "bookTickerChecked", "bookTickerMismatched", "malformed"],
            stats.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4546, stats.GetProperty("frames").GetInt64());
        Assert.Equal(379, stats.GetProperty("diffsApplied").GetInt64());
        Assert.Equal(4, stats.GetProperty("diffsDropped").GetInt64());
        Assert.Equal(0, stats.GetProperty("gaps").GetInt64());
        Assert.Equal(0, stats.GetProperty("resyncs").GetInt64());
        Assert.Equal(0, stats.GetProperty("crossed").GetInt64());
        Assert.Equal(38, stats.GetProperty("bookTickerChecked").GetInt64());
        Assert.Equal(0, stats.GetProperty("bookTickerMismatched").GetInt64());
        Assert.Equal(0, stats.GetProperty("malformed").GetInt64());
    }

    [Fact]
    public async Task Spot_prices_keep_the_venues_eight_decimals()
    {
        var (exit, output, _) = await RunAsync(new BinanceReplayRequest(Market: BinanceMarket.Spot, Json: true, Depth: 1), SpotFirst20s);
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("BTCUSDT.BINANCE", json.RootElement.GetProperty("instrument").GetString());
        var bid = json.RootElement.GetProperty("bids")[0];
        Assert.Matches("^\\d+\\.\\d{8}$", bid[0].GetString());
        Assert.Matches("^\\d+\\.\\d{8}$", bid[1].GetString());
        Assert.Equal(198, json.RootElement.GetProperty("stats").GetProperty("diffsApplied").GetInt64());
    }

    [Fact]
    public async Task The_text_report_shows_the_ladder_and_the_statistics()
    {
        var (exit, output, _) = await RunAsync(new BinanceReplayRequest(Depth: 2), UsdmFirst20s);
        Assert.Equal(0, exit);
        Assert.Contains("BTCUSDT-PERP.BINANCE  lastUpdateId 5123109469678  in sync", output, StringComparison.Ordinal);
        Assert.Contains("ask              61806.00", output, StringComparison.Ordinal);
        Assert.Contains("bid              61805.20", output, StringComparison.Ordinal);
        Assert.Contains("diffs applied 379", output, StringComparison.Ordinal);
        Assert.Contains("bookTicker checked 38  mismatched 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recording_without_any_market_hint_is_refused_with_a_clear_message()
    {
        var source = RecordingSource.FromBytes("odd", "1723161255030314667 {\"hello\":1}\n"u8.ToArray());
        using var reader = new RecordingReader([source]);
        var error = new StringWriter();
        int exit = await BinanceReplayRunner.RunAsync(reader, new BinanceReplayRequest(), TextWriter.Null, error, TimeProvider.System, TestContext.Current.CancellationToken);
        Assert.Equal(2, exit);
        Assert.Contains("give the venue", error.ToString(), StringComparison.Ordinal);
    }
}
