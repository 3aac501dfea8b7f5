using FlowSight.TestServers.Binance;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Streams;
using FlowSight.Venues.Network;
using FlowSight.Venues.Tests.Network.Support;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Streams;

/// <summary>The connection pool: the per-connection stream limit and the USDⓈ-M routed paths.</summary>
public sealed class BinanceStreamClientTests
{
    private static BinanceStreamClientOptions Options(BinanceTestServer server, BinanceMarket market, int maxStreams = 1024, bool routed = true) => new()
    {
        Market = market,
        BaseUri = server.WebSocketBaseUri,
        MaxStreamsPerConnection = maxStreams,
        UseRoutedEndpoints = routed,
        ConfigureConnection = o => o with { KeepAliveInterval = TimeSpan.Zero, Jitter = new FixedRandom(0.5) },
    };

    [Fact]
    public async Task More_streams_than_a_connection_may_carry_open_more_connections()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var states = new StateRecorder();
        await using var client = new BinanceStreamClient(Options(harness.Server, BinanceMarket.Spot, maxStreams: 3), harness.Frames.Handler, harness.Clock);
        using var _ = client.StateChanges.Subscribe(states);
        string[] streams = [.. ConnectionHarness.UsdmStreams, "ethusdt@trade", "ethusdt@bookTicker", "solusdt@trade", "solusdt@bookTicker"];

        await client.SubscribeAsync(streams).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(3, client.Connections.Count);
        Assert.Equal(["binance-spot#1", "binance-spot#2", "binance-spot#3"], client.Connections.Select(c => c.Name));
        var server = harness.Server.Connections;
        Assert.Equal(3, server.Count);
        Assert.Equal(streams, server.SelectMany(c => c.Subscriptions));
        Assert.All(server, c => Assert.InRange(c.Subscriptions.Count, 1, 3));
        var listed = await client.ListSubscriptionsAsync();
        Assert.Equal(streams.Order(), listed.Values.SelectMany(s => s).Order());
        Assert.Equal(3, states.Changes.Count(c => c.Current == ConnectionState.Subscribed));

        // One more fits the last connection; the recording's frames all reach the handler.
        await client.SubscribeAsync(["xrpusdt@trade"]);
        Assert.Equal(3, client.Connections.Count);
        var published = await harness.PublishAsync(100);
        await harness.Frames.WaitForCountAsync(100);
        Assert.Equal(published.Order(), harness.Frames.Frames.Order());
    }

    [Fact]
    public async Task UsdM_streams_go_to_the_public_and_market_paths()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        await using var client = new BinanceStreamClient(Options(harness.Server, BinanceMarket.UsdM), harness.Frames.Handler, harness.Clock);

        await client.SubscribeAsync(["btcusdt@depth@100ms", "btcusdt@bookTicker", "btcusdt@aggTrade", "btcusdt@markPrice@1s"]).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(["binance-usdm/public#1", "binance-usdm/market#2"], client.Connections.Select(c => c.Name));
        var server = harness.Server.Connections;
        Assert.Equal("/public/stream", server[0].Path);
        Assert.Equal(["btcusdt@depth@100ms", "btcusdt@bookTicker"], server[0].Subscriptions);
        Assert.Equal("/market/stream", server[1].Path);
        Assert.Equal(["btcusdt@aggTrade", "btcusdt@markPrice@1s"], server[1].Subscriptions);
    }

    [Fact]
    public async Task A_connection_left_without_streams_is_closed()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        await using var client = new BinanceStreamClient(Options(harness.Server, BinanceMarket.UsdM, maxStreams: 2, routed: false), harness.Frames.Handler, harness.Clock);
        await client.SubscribeAsync(ConnectionHarness.UsdmStreams).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(2, client.Connections.Count);

        await client.UnsubscribeAsync(["btcusdt@bookTicker"]);

        Assert.Single(client.Connections);
        await harness.Server.Connections[1].Closed.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(["btcusdt@depth@0ms", "btcusdt@trade"], client.Streams.Order(StringComparer.Ordinal));
    }
}
