using System.Text.Json;
using FlowSight.TestKit;
using FlowSight.TestServers.Binance;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Rest;
using FlowSight.Venues.Tests.Network.Http;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Rest;

/// <summary>
/// With a recording loaded, the server's <c>depth</c> follows the stream: the recorded snapshot plus the diffs published
/// since, so a client (re)synchronising mid-recording gets the book Binance would have given. Checked against the
/// recording's own bookTicker, which must equal the book's top at the same update id.
/// </summary>
public sealed class RecordedDepthFollowingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Depth_served_mid_recording_matches_the_recorded_book_ticker()
    {
        var recording = SharedData.Require("recordings/hftbacktest/binance-usdm/btcusdt_20240808_first20s.txt");
        var clock = new TimerTrackingClock(BinanceRestHarness.Start);
        await using var server = await BinanceTestServer.StartAsync(new BinanceTestServerOptions { TimeProvider = clock, RecordingPath = recording });
        using var client = new BinanceRestClient(new BinanceRestOptions(BinanceMarket.UsdM) { BaseAddress = server.HttpBaseUri }, clock);

        // Before the feed reaches it, the recorded snapshot line is what is served.
        var first = await client.GetDepthAsync(new DepthRequest("BTCUSDT"), Token).WaitAsync(Timeout, Token);
        Assert.Equal(5123107852948, first.Book.LastUpdateId);

        // Publish until a bookTicker carries the update id of the last diff applied after the snapshot, a few hundred frames in.
        var snapshotLine = server.Recording!.Frames.First(f => f.IsRestResponse).Index;
        long lastDiff = -1;
        JsonElement? ticker = null;
        var published = 0;
        while (ticker is null && await server.Feed.PublishNextAsync() is { } frame)
        {
            published++;
            using var data = JsonDocument.Parse(frame.Data);
            if (!data.RootElement.TryGetProperty("u", out var updateId))
            {
                continue; // a trade
            }

            var u = updateId.GetInt64();
            if (frame.Stream!.Contains("@depth", StringComparison.Ordinal) && frame.Index > snapshotLine && u > 5123107852948)
            {
                lastDiff = u;
            }
            else if (frame.Stream.Contains("@bookTicker", StringComparison.Ordinal) && u == lastDiff && published > 300)
            {
                ticker = data.RootElement.Clone();
            }
        }

        Assert.NotNull(ticker);
        var book = (await client.GetDepthAsync(new DepthRequest("BTCUSDT") { Limit = 5 }, Token).WaitAsync(Timeout, Token)).Book;

        Assert.Equal(lastDiff, book.LastUpdateId);
        Assert.Equal(5, book.Bids.Count);
        Assert.Equal(ticker.Value.GetProperty("b").GetString(), book.Bids[0].Price.ToString());
        Assert.Equal(ticker.Value.GetProperty("B").GetString(), book.Bids[0].Size.ToString());
        Assert.Equal(ticker.Value.GetProperty("a").GetString(), book.Asks[0].Price.ToString());
        Assert.Equal(ticker.Value.GetProperty("A").GetString(), book.Asks[0].Size.ToString());
        Assert.True(book.Bids.Zip(book.Bids.Skip(1)).All(p => p.First.Price > p.Second.Price));
        Assert.True(book.Asks.Zip(book.Asks.Skip(1)).All(p => p.First.Price < p.Second.Price));
    }
}
