using System.Globalization;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.TestKit;
using FlowSight.TestServers.GateIo;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Data;
using FlowSight.Venues.GateIo.Streams;
using FlowSight.Venues.Network;
using FlowSight.Venues.Tests.Binance.Data;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo;

/// <summary>
/// The Gate.io feed end to end over real sockets and HTTP: the local Gate.io server (WebSocket side fed from the
/// cryptofeed recordings, REST side serving the recorded with_id books) against the real <see cref="GateIoDataClient"/>.
/// </summary>
public sealed class GateIoDataClientTests
{
    private const string Rdnt = "RDNT_USDT";
    private const long RdntSnapshotId = 203083287;
    private const long RdntLastUpdateId = 203083479;
    private const string BookPath = "/api/v4/futures/usdt/order_book";
    private static readonly InstrumentId RdntPerp = GateIoInstrumentIds.Of(GateIoMarket.UsdtFutures, Rdnt);

    private static Task<GateIoTestServer> StartServerAsync() => GateIoTestServer.StartAsync(new GateIoTestServerOptions
    {
        RestDataRoot = SharedData.Require(),
        WebSocketDataRoot = SharedData.Require(),
    });

    private static GateIoDataClient Client(GateIoTestServer server, CollectingPublisher publisher, params string[] names) => new(
        new GateIoDataClientOptions
        {
            Market = GateIoMarket.UsdtFutures,
            Names = names,
            Streams = GateIoDataStreams.OrderBook | GateIoDataStreams.BookTicker | GateIoDataStreams.Trades,
            StreamEndpoint = server.FuturesWebSocketUri,
            RestBaseUri = server.RestApiRoot,
            ConfigureConnection = o => o with { Backoff = new BackoffPolicy { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) } },
        },
        publisher);

    private static GateIoFeedStatistics Feed(GateIoDataClient client, InstrumentId instrument) => client.GetStatistics().Feeds.Single(f => f.Instrument == instrument);

    [Fact]
    public async Task Subscribes_then_snapshots_and_the_books_follow_the_recording_exactly()
    {
        await using var server = await StartServerAsync();
        var publisher = new CollectingPublisher();
        await using var client = Client(server, publisher, Rdnt, "PHB_USDT");

        await client.StartAsync(TestContext.Current.CancellationToken);
        await publisher.WaitUntilAsync(() => Feed(client, RdntPerp).LastUpdateId == RdntLastUpdateId && publisher.Quotes > 0, "RDNT_USDT at its last recorded update, and quotes");

        var feed = Feed(client, RdntPerp);
        Assert.Equal((0L, 0L, 1L), (feed.Gaps, feed.Resyncs, feed.Snapshots));
        Assert.True(feed.UpdatesApplied > 0);
        Assert.Contains(client.Specs, s => s.Id == RdntPerp); // contracts loaded through GateIoRestClient
        AssertBookIs(server.FuturesRecording!.BookBodyAt(Rdnt, RdntLastUpdateId), client, RdntPerp);
        Assert.Equal(0, client.GetStatistics().Malformed);

        // Subscribe first, then the snapshot: the order Gate's procedure asks for.
        var request = server.Rest.Requests.First(r => r.Path == BookPath);
        Assert.Contains("with_id=true", request.Query, StringComparison.Ordinal);
        Assert.Contains(server.Connections[0].ReceivedMessages, m => m.Contains("\"futures.order_book_update\"", StringComparison.Ordinal) && m.Contains("\"subscribe\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dropped_update_is_a_gap_and_the_book_resyncs_from_a_new_snapshot()
    {
        await using var server = await StartServerAsync();
        server.DropUpdate(futures: true, Rdnt, 203083300); // the update after the one that bridges the snapshot
        server.Rest.Can(BookPath, System.Text.Encoding.UTF8.GetBytes(server.FuturesRecording!.BookBodyAt(Rdnt, RdntSnapshotId)));
        server.Rest.Can(BookPath, System.Text.Encoding.UTF8.GetBytes(server.FuturesRecording.BookBodyAt(Rdnt, RdntLastUpdateId)));
        var publisher = new CollectingPublisher();
        var failures = new List<Venues.GateIo.Book.GateIoBookOutOfSync>();
        await using var client = Client(server, publisher, Rdnt);
        client.OutOfSync += f =>
        {
            lock (failures)
            {
                failures.Add(f);
            }
        };

        await client.StartAsync(TestContext.Current.CancellationToken);
        await publisher.WaitUntilAsync(() => Feed(client, RdntPerp) is { Snapshots: 2, Synced: true } f && f.LastUpdateId == RdntLastUpdateId, "the resync");

        var feed = Feed(client, RdntPerp);
        Assert.Equal((1L, 1L), (feed.Gaps, feed.Resyncs));
        lock (failures)
        {
            var failure = Assert.Single(failures);
            Assert.Equal(Venues.GateIo.Book.GateIoBookSyncFailure.Gap, failure.Reason);
            Assert.Equal(203083303, failure.FirstUpdateId); // 203083300..302 never came
        }

        AssertBookIs(server.FuturesRecording.BookBodyAt(Rdnt, RdntLastUpdateId), client, RdntPerp);
    }

    [Fact]
    public async Task A_dropped_connection_reconnects_resubscribes_and_resyncs()
    {
        await using var server = await StartServerAsync();
        var publisher = new CollectingPublisher();
        await using var client = Client(server, publisher, Rdnt);
        await client.StartAsync(TestContext.Current.CancellationToken);
        await publisher.WaitUntilAsync(() => Feed(client, RdntPerp).LastUpdateId == RdntLastUpdateId, "the first sync");

        (await server.WaitForConnectionAsync(1, TimeSpan.FromSeconds(10))).Abort();
        var second = await server.WaitForConnectionAsync(2, TimeSpan.FromSeconds(10));
        await publisher.WaitUntilAsync(() => Feed(client, RdntPerp) is { Snapshots: 2, Synced: true } f && f.LastUpdateId == RdntLastUpdateId, "the resync after the reconnect");

        Assert.True(second.IsOpen);
        Assert.Equal(0, Feed(client, RdntPerp).Gaps);
        Assert.Contains(publisher.States, s => s.Current == ConnectionState.Reconnecting);
        AssertBookIs(server.FuturesRecording!.BookBodyAt(Rdnt, RdntLastUpdateId), client, RdntPerp);
    }

    [Fact]
    public async Task An_unknown_contract_is_refused_with_gates_error_and_the_connection_stays()
    {
        await using var server = await StartServerAsync();
        var frames = 0;
        await using var streams = new GateIoStreamClient(
            new GateIoStreamClientOptions { Market = GateIoMarket.UsdtFutures, Endpoint = server.FuturesWebSocketUri },
            (in WebSocketFrame _) => Interlocked.Increment(ref frames));
        await streams.SubscribeAsync([GateIoTopics.BookTicker(GateIoMarket.UsdtFutures, "PHB_USDT")], TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<WebSocketRequestException>(() => streams.SubscribeAsync([GateIoTopics.Trades(GateIoMarket.UsdtFutures, "NOPE_USDT")], TestContext.Current.CancellationToken));
        Assert.Equal(2, error.Code);
        Assert.Contains("NOPE_USDT", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, streams.Protocol.ErrorReplies);
        Assert.Equal([GateIoTopics.BookTicker(GateIoMarket.UsdtFutures, "PHB_USDT")], streams.Topics);
        Assert.Single(server.Connections);
    }

    [Fact]
    public async Task A_data_client_for_an_unknown_pair_fails_to_start_with_gates_error()
    {
        await using var server = await StartServerAsync();
        var publisher = new CollectingPublisher();
        await using var client = Client(server, publisher, "NOPE_USDT");

        var error = await Assert.ThrowsAsync<WebSocketRequestException>(() => client.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, error.Code);
        Assert.DoesNotContain(server.Rest.Requests, r => r.Path == BookPath); // no snapshot for a book that does not exist
    }

    private static void AssertBookIs(string body, GateIoDataClient client, InstrumentId instrument)
    {
        using var document = JsonDocument.Parse(body);
        foreach (var (key, side) in new[] { ("bids", OrderSide.Buy), ("asks", OrderSide.Sell) })
        {
            var expected = document.RootElement.GetProperty(key).EnumerateArray()
                .Select(l => (decimal.Parse(l.GetProperty("p").GetString()!, CultureInfo.InvariantCulture), l.GetProperty("s").GetDecimal()))
                .ToArray();
            var actual = client.CopyBook(instrument, side)!.Select(l => (l.Price.ToDecimal(), l.Size.ToDecimal())).ToArray();
            Assert.Equal(expected, actual);
        }
    }
}
