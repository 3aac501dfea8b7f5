using FlowSight.Venues.Network;
using FlowSight.Venues.Okx.Streams;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Streams;

/// <summary>
/// The application heartbeat (<see cref="IApplicationHeartbeat"/>, driven by <see cref="WebSocketSession"/>) with
/// OKX's text <c>ping</c>/<c>pong</c>, on a fake clock: ping after 20 s of silence, pong consumed, no pong → reconnect.
/// </summary>
public sealed class OkxHeartbeatTests
{
    private static readonly TimeSpan PingInterval = OkxStreamLimits.DefaultPingInterval;
    private static readonly TimeSpan PongTimeout = OkxStreamLimits.DefaultPongTimeout;

    [Fact]
    public async Task Silence_sends_a_ping_and_the_pong_is_consumed_not_delivered()
    {
        await using var harness = await OkxStreamHarness.StartAsync();
        await harness.Client.SubscribeAsync([OkxTopics.Trades(OkxStreamHarness.Swap)]);
        var server = await harness.Server.WaitForConnectionAsync(1);

        await harness.Clock.AdvanceWhenRequestedAsync(PingInterval);
        await harness.Server.WaitAsync(() => server.PongsSent == 1, "the pong");
        // A push after the pong on the same socket: once it is delivered, the pong was read before it.
        await harness.Server.PublishAsync(OkxTopics.Trades(OkxStreamHarness.Swap), TradeJson(1));
        await harness.Frames.WaitForCountAsync(1);

        var sent = server.ReceivedMessages;
        Assert.Equal(2, sent.Count);
        Assert.StartsWith("{\"id\":", sent[0], StringComparison.Ordinal);
        Assert.Equal("ping", sent[1]);
        Assert.Single(harness.Frames.Frames);
        var statistics = harness.Client.Connections.Single().GetStatistics();
        Assert.Equal((1L, 1L, 0L), (statistics.PingsSent, statistics.PongsReceived, statistics.PongsMissed));

        // The pong-wait ends without a reconnect; the next ping follows the next 20 s of silence.
        harness.Clock.Advance(PongTimeout);
        harness.Clock.Advance(PingInterval - PongTimeout);
        await harness.Server.WaitAsync(() => server.PingsReceived == 2, "the second ping");
        Assert.Single(harness.Server.Connections);
        Assert.Equal(0, harness.Client.Connections.Single().GetStatistics().Reconnects);
    }

    [Fact]
    public async Task Frames_arriving_keep_the_ping_away()
    {
        await using var harness = await OkxStreamHarness.StartAsync();
        await harness.Client.SubscribeAsync([OkxTopics.Trades(OkxStreamHarness.Swap)]);
        var server = await harness.Server.WaitForConnectionAsync(1);
        await harness.Clock.WaitForTimerAsync(PingInterval);

        harness.Clock.Advance(TimeSpan.FromSeconds(15));
        await harness.Server.PublishAsync(OkxTopics.Trades(OkxStreamHarness.Swap), TradeJson(1));
        await harness.Frames.WaitForCountAsync(1);
        harness.Clock.Advance(TimeSpan.FromSeconds(5)); // 20 s since the open, 5 s since the last frame: no ping yet

        await harness.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(0, server.PingsReceived);
    }

    [Fact]
    public async Task A_missing_pong_drops_the_socket_and_the_connection_reconnects_and_resubscribes()
    {
        await using var harness = await OkxStreamHarness.StartAsync();
        var topic = OkxTopics.Trades(OkxStreamHarness.Swap);
        await harness.Client.SubscribeAsync([topic]);
        var first = await harness.Server.WaitForConnectionAsync(1);
        first.IgnorePings = true;

        await harness.Clock.AdvanceWhenRequestedAsync(PingInterval);
        await harness.Server.WaitAsync(() => first.PingsReceived == 1, "the ping");
        await harness.Clock.AdvanceWhenRequestedAsync(PongTimeout);

        var reconnecting = await harness.States.WaitForAsync(ConnectionState.Reconnecting);
        Assert.Contains("no pong", reconnecting.Reason, StringComparison.Ordinal);
        await harness.Clock.AdvanceWhenRequestedAsync(reconnecting.RetryDelay!.Value);
        await harness.States.WaitForAsync(ConnectionState.Subscribed, times: 2);
        var second = await harness.Server.WaitForConnectionAsync(2);
        Assert.Equal([topic], second.Subscriptions);
        Assert.Equal(1, harness.Client.Connections.Single().GetStatistics().PongsMissed);

        await harness.Server.PublishAsync(topic, TradeJson(2));
        await harness.Frames.WaitForCountAsync(1);
    }

    [Fact]
    public async Task A_silent_server_is_dropped_by_the_heartbeat()
    {
        await using var harness = await OkxStreamHarness.StartAsync();
        await harness.Client.SubscribeAsync([OkxTopics.Trades(OkxStreamHarness.Swap)]);
        var first = await harness.Server.WaitForConnectionAsync(1);
        first.Silent = true;

        await harness.Clock.AdvanceWhenRequestedAsync(PingInterval);
        await harness.Server.WaitAsync(() => first.PingsReceived == 1, "the ping");
        await harness.Clock.AdvanceWhenRequestedAsync(PongTimeout);

        var reconnecting = await harness.States.WaitForAsync(ConnectionState.Reconnecting);
        Assert.Contains("heartbeat", reconnecting.Reason, StringComparison.Ordinal);
    }

    private static string TradeJson(int tradeId) =>
        $"{{\"arg\":{{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"}},\"data\":[{{\"instId\":\"BTC-USDT-SWAP\",\"tradeId\":\"{tradeId}\",\"px\":\"30000.1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"1700000000000\",\"count\":\"1\"}}]}}";
}
