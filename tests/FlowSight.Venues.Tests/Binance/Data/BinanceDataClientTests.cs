using System.Text.Json;
using FlowSight.Core;
using FlowSight.TestKit;
using FlowSight.TestServers.Binance;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Data;
using FlowSight.Venues.Network;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Data;

/// <summary>
/// The whole Binance feed end to end over real sockets: the local Binance server replays a recording frame by frame
/// (manual pacing) and serves REST snapshots of the book its stream has reached; faults are injected mid-stream.
/// </summary>
public sealed class BinanceDataClientTests
{
    private static readonly InstrumentId Perp = BinanceInstrumentIds.Of(BinanceMarket.UsdM, "BTCUSDT");

    private static async Task<BinanceTestServer> StartServerAsync() => await BinanceTestServer.StartAsync(new BinanceTestServerOptions
    {
        RecordingPath = SharedData.Require("recordings/hftbacktest/binance-usdm/btcusdt_20240808_first20s.txt"),
        Market = BinanceServerMarket.UsdM,
        Pacing = WsPacing.Manual,
        RestDataRoot = SharedData.Require(),
    });

    private static BinanceDataClient Client(BinanceTestServer server, CollectingPublisher publisher) => new(
        new BinanceDataClientOptions
        {
            Market = BinanceMarket.UsdM,
            Symbols = ["BTCUSDT"],
            RestBaseUri = server.HttpBaseUri,
            StreamBaseUri = server.WebSocketBaseUri,
            UseRoutedEndpoints = false,
            ConfigureConnection = o => o with { Backoff = new BackoffPolicy { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) } },
        },
        publisher);

    /// <summary>A started client whose book has synced on the first part of the recording.</summary>
    private static async Task<BinanceDataClient> StartSyncedAsync(BinanceTestServer server, CollectingPublisher publisher)
    {
        var client = Client(server, publisher);
        await client.StartAsync(TestContext.Current.CancellationToken);
        await server.Feed.PublishAsync(800);
        await publisher.WaitUntilAsync(() => Feed(client).Synced, "the first sync");
        return client;
    }

    private static BinanceFeedStatistics Feed(BinanceDataClient client) => client.GetStatistics().Feeds.Single();

    [Fact]
    public async Task Syncs_the_book_and_publishes_trades_and_quotes()
    {
        await using var server = await StartServerAsync();
        var publisher = new CollectingPublisher();
        await using var client = Client(server, publisher);

        await client.StartAsync(TestContext.Current.CancellationToken);
        await server.Feed.PublishAsync(1_500);
        await publisher.WaitUntilAsync(() => Feed(client).Synced && publisher.Trades > 0 && publisher.Quotes > 0, "a synced book, trades and quotes");

        Assert.Equal(0, Feed(client).Gaps);
        Assert.Equal(Perp, client.Instruments["BTCUSDT"]);
        Assert.Contains(client.Specs, s => s.Id == Perp); // exchangeInfo loaded
        await AssertBookMatchesServerAsync(server, client, publisher);
    }

    [Fact]
    public async Task Once_synced_every_diff_goes_the_fused_path_and_the_published_book_is_the_same()
    {
        await using var server = await StartServerAsync();
        var publisher = new CollectingPublisher();
        await using var client = await StartSyncedAsync(server, publisher);
        var before = Feed(client);

        await server.Feed.PublishAsync(1_500);
        await AssertBookMatchesServerAsync(server, client, publisher); // the engine's book, built from what was published

        var after = Feed(client);
        var applied = after.DiffsApplied - before.DiffsApplied;
        Assert.True(applied > 100, $"only {applied} diffs applied");
        Assert.Equal(applied, after.DiffsFused - before.DiffsFused); // none went through a BookDeltas parse first
        Assert.Equal(0, after.Gaps);
        Assert.Equal(0, after.Resyncs);
    }

    [Fact]
    public async Task A_dropped_connection_reconnects_resubscribes_resyncs_and_the_book_is_right_afterwards()
    {
        await using var server = await StartServerAsync();
        var publisher = new CollectingPublisher();
        await using var client = await StartSyncedAsync(server, publisher);

        var first = await server.WaitForConnectionAsync(1);
        first.Abort();
        await server.Feed.PublishAsync(300); // lost: nobody is subscribed while the client reconnects
        var second = await server.WaitForConnectionAsync(2);
        await second.WaitForSubscriptionsAsync(["btcusdt@depth", "btcusdt@trade", "btcusdt@bookTicker"]);
        await server.Feed.PublishAsync(1_500);
        await publisher.WaitUntilAsync(() => Feed(client).Resyncs >= 1 && Feed(client).Synced, "a resync after the reconnect");

        var states = publisher.States.Select(s => s.Current).ToList();
        Assert.Contains(ConnectionState.Reconnecting, states);
        Assert.True(states.LastIndexOf(ConnectionState.Subscribed) > states.IndexOf(ConnectionState.Reconnecting));
        Assert.True(Feed(client).Snapshots >= 2, "the book was rebuilt from a snapshot taken after the reconnect");
        await AssertBookMatchesServerAsync(server, client, publisher);
    }

    [Fact]
    public async Task A_skipped_diff_is_a_gap_that_resyncs_from_a_new_snapshot()
    {
        await using var server = await StartServerAsync();
        var publisher = new CollectingPublisher();
        await using var client = await StartSyncedAsync(server, publisher);
        var snapshots = Feed(client).Snapshots;

        await SkipNextDepthFrameAsync(server);
        await server.Feed.PublishAsync(1_000);
        await publisher.WaitUntilAsync(() => Feed(client).Snapshots > snapshots && Feed(client).Synced, "a resync after the gap");

        Assert.Equal(1, Feed(client).Gaps);
        Assert.Equal(0, client.GetStatistics().Malformed);
        await AssertBookMatchesServerAsync(server, client, publisher);
    }

    [Fact]
    public async Task A_malformed_frame_is_skipped_and_counted_and_the_connection_is_kept()
    {
        await using var server = await StartServerAsync();
        var publisher = new CollectingPublisher();
        await using var client = await StartSyncedAsync(server, publisher);

        await server.Feed.PublishAsync("btcusdt@trade", """{"e":"trade","E":1723161257000,"s":"BTCUSDT","t":12,"p":"6180""");
        var trades = publisher.Trades;
        await server.Feed.PublishAsync(400);
        await publisher.WaitUntilAsync(() => client.GetStatistics().Malformed == 1 && publisher.Trades > trades, "the malformed frame counted and trades after it");

        Assert.Contains("6180", client.GetStatistics().LastMalformedSample, StringComparison.Ordinal);
        Assert.Equal(1, server.ConnectionAttempts);
        Assert.DoesNotContain(publisher.States, s => s.Current == ConnectionState.Reconnecting);
        Assert.True(Feed(client).Synced);
    }

    private static async Task SkipNextDepthFrameAsync(BinanceTestServer server)
    {
        // Publish up to (not including) the next depth diff, then make that one disappear.
        var frames = server.Recording!.Frames;
        var position = server.Feed.Position;
        var next = position;
        while (next < frames.Count && !(frames[next].Stream?.Contains("@depth", StringComparison.Ordinal) ?? false))
        {
            next++;
        }

        var before = frames.Skip(position).Take(next - position).Count(f => !f.IsRestResponse);
        await server.Feed.PublishAsync(before);
        server.Feed.SkipNext(1);
    }

    private static async Task AssertBookMatchesServerAsync(BinanceTestServer server, BinanceDataClient client, CollectingPublisher publisher)
    {
        // The server's book (recorded snapshot + every diff it published) is the oracle; wait until the client has
        // applied everything published so far, then compare the top 20 levels of both sides.
        using var http = new HttpClient { BaseAddress = server.HttpBaseUri };
        using var response = await http.GetAsync("fapi/v1/depth?symbol=BTCUSDT&limit=1000", TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var lastUpdateId = json.RootElement.GetProperty("lastUpdateId").GetInt64();
        await publisher.WaitUntilAsync(() => Feed(client).LastUpdateId >= lastUpdateId, $"the client book to reach {lastUpdateId}");
        Assert.Equal(lastUpdateId, Feed(client).LastUpdateId);

        foreach (var (side, name) in new[] { (OrderSide.Buy, "bids"), (OrderSide.Sell, "asks") })
        {
            var expected = json.RootElement.GetProperty(name).EnumerateArray().Take(20)
                .Select(l => (Price.Parse(l[0].GetString()!), Quantity.Parse(l[1].GetString()!)))
                .ToList();
            var actual = publisher.Top(Perp, side, 20).Select(l => (l.Price, l.Size)).ToList();
            Assert.True(expected.SequenceEqual(actual), $"{name} differ: books {publisher}; after {publisher.BookMessages} book messages ({publisher.Snapshots} snapshots); feed {Feed(client)}; expected {string.Join(' ', expected.Take(3))}, got {string.Join(' ', actual.Take(3))}");
        }
    }
}
