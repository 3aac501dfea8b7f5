using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Parsing;
using FlowSight.Venues.Network;
using FlowSight.Venues.Tests.Network.Support;
using Xunit;

namespace FlowSight.Venues.Tests.Network;

/// <summary>
/// The connection machinery against the local Binance server on 127.0.0.1 (real sockets), with every wait on a fake
/// clock: reconnects, the watchdog, backoff and the circuit breaker, malformed frames, pings.
/// </summary>
public sealed class WebSocketConnectionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Subscribes_and_delivers_every_frame_in_order()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var connection = await harness.ConnectAsync();
        var server = await harness.Server.WaitForConnectionAsync(1);
        Assert.Equal(ConnectionHarness.UsdmStreams, server.Subscriptions);

        var published = await harness.PublishAsync(200);
        await harness.Frames.WaitForCountAsync(200);

        Assert.Equal(published, harness.Frames.Frames);
        Assert.Equal(ConnectionState.Subscribed, connection.State);
        Assert.Equal([ConnectionState.Connecting, ConnectionState.Connected, ConnectionState.Subscribed], harness.States.States);
        Assert.Equal(200, connection.GetStatistics().FramesDelivered);
        Assert.Equal(1, connection.GetStatistics().ControlFrames);
    }

    [Fact]
    public async Task A_connection_dropped_mid_stream_reconnects_after_the_backoff_and_resubscribes()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var connection = await harness.ConnectAsync();
        var before = await harness.PublishAsync(30);
        await harness.Frames.WaitForCountAsync(30);

        (await harness.Server.WaitForConnectionAsync(1)).Abort();
        var reconnecting = await harness.States.WaitForAsync(ConnectionState.Reconnecting);
        Assert.Equal(TimeSpan.FromMilliseconds(500), reconnecting.RetryDelay);
        Assert.Contains("connection lost", reconnecting.Reason, StringComparison.Ordinal);
        await harness.Clock.AdvanceWhenRequestedAsync(TimeSpan.FromMilliseconds(500));

        await harness.States.WaitForAsync(ConnectionState.Subscribed, times: 2);
        var second = await harness.Server.WaitForConnectionAsync(2);
        Assert.Equal(ConnectionHarness.UsdmStreams, second.Subscriptions);
        var after = await harness.PublishAsync(30);
        await harness.Frames.WaitForCountAsync(60);

        Assert.Equal([.. before, .. after], harness.Frames.Frames);
        Assert.Equal(
            [
                ConnectionState.Connecting, ConnectionState.Connected, ConnectionState.Subscribed,
                ConnectionState.Reconnecting,
                ConnectionState.Connecting, ConnectionState.Connected, ConnectionState.Subscribed,
            ],
            harness.States.States);
        Assert.Equal(1, connection.GetStatistics().Reconnects);
    }

    [Fact]
    public async Task A_malformed_frame_is_skipped_and_counted_and_the_connection_kept()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var parser = new BinanceStreamParser(BinanceMarket.UsdM, new BinanceSymbolRegistry());
        var kinds = new List<BinanceMessageKind>();
        var connection = new WebSocketConnection(
            harness.DefaultOptions(),
            harness.Protocol,
            (in WebSocketFrame frame) =>
            {
                var kind = parser.Parse(frame.Payload.Span, frame.ReceivedAtNanos);
                lock (kinds)
                {
                    kinds.Add(kind);
                }

                harness.Frames.Handler(in frame);
            },
            harness.Clock);
        await using var _ = connection;
        await connection.SubscribeAsync(ConnectionHarness.UsdmStreams);
        await connection.StartAsync().WaitAsync(Timeout);
        var server = await harness.Server.WaitForConnectionAsync(1);

        await harness.PublishAsync(5);
        await server.SendTextAsync("{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161256");
        await server.SendTextAsync("{\"result\":nul");
        await harness.PublishAsync(5);
        await harness.Frames.WaitForCountAsync(11);

        Assert.Equal(1, parser.Diagnostics.MalformedCount);
        Assert.Equal(1, kinds.Count(k => k == BinanceMessageKind.Malformed));
        Assert.Equal(10, kinds.Count(k => k != BinanceMessageKind.Malformed));
        Assert.Equal(1, connection.GetStatistics().UninspectableFrames);
        Assert.Equal(ConnectionState.Subscribed, connection.State);
        Assert.Single(harness.Server.Connections);
    }

    [Fact]
    public async Task A_throwing_handler_is_counted_and_the_connection_kept()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var connection = await harness.ConnectAsync();
        harness.Frames.ThrowOn = "\"e\":\"trade\"";
        var published = await harness.PublishAsync(100);
        var trades = published.Count(f => f.Contains("\"e\":\"trade\"", StringComparison.Ordinal));
        Assert.InRange(trades, 1, 99);
        await harness.Frames.WaitForCountAsync(100 - trades);

        harness.Frames.ThrowOn = null;
        await harness.PublishAsync(1);
        await harness.Frames.WaitForCountAsync(101 - trades);
        Assert.Equal(trades, connection.GetStatistics().HandlerErrors);
        Assert.Equal(ConnectionState.Subscribed, connection.State);
    }

    [Fact]
    public async Task A_silent_stream_is_reconnected_by_the_watchdog()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var watchdog = TimeSpan.FromSeconds(30);
        var connection = await harness.ConnectAsync(o => o with { WatchdogTimeout = watchdog });
        await harness.Clock.WaitForTimerAsync(watchdog);

        // Data at +20 s: when the watchdog looks at +30 s the stream was silent 10 s only, so it looks again 20 s later.
        harness.Clock.Advance(TimeSpan.FromSeconds(20));
        await harness.PublishAsync(10);
        await harness.Frames.WaitForCountAsync(10);
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        await harness.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(ConnectionState.Subscribed, connection.State);

        // The server goes silent (socket open, no data): 30 s after the last frame the watchdog drops the socket.
        (await harness.Server.WaitForConnectionAsync(1)).GoSilent();
        await harness.PublishAsync(10);
        harness.Clock.Advance(TimeSpan.FromSeconds(20));

        var reconnecting = await harness.States.WaitForAsync(ConnectionState.Reconnecting);
        Assert.StartsWith("watchdog: no data for 30", reconnecting.Reason, StringComparison.Ordinal);
        await harness.Clock.AdvanceWhenRequestedAsync(reconnecting.RetryDelay!.Value);
        await harness.States.WaitForAsync(ConnectionState.Subscribed, times: 2);
        await (await harness.Server.WaitForConnectionAsync(2)).WaitForSubscriptionsAsync(ConnectionHarness.UsdmStreams);
        await harness.PublishAsync(10);
        await harness.Frames.WaitForCountAsync(20);
        Assert.Equal(1, connection.GetStatistics().WatchdogTrips);
        Assert.Equal(1, connection.GetStatistics().Reconnects);
    }

    [Fact]
    public async Task Refused_connections_back_off_then_the_circuit_opens_half_opens_and_closes()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var coolDown = TimeSpan.FromSeconds(20);
        var connection = harness.CreateConnection(o => o with { CircuitBreaker = new CircuitBreakerOptions { FailureThreshold = 3, CoolDown = coolDown } });
        await connection.SubscribeAsync(ConnectionHarness.UsdmStreams);
        harness.Server.RefuseConnections(4);
        var started = connection.StartAsync();

        // Attempts 1 and 2 fail: full-jitter backoff (fixed at half the ceiling) of 1 s, then 2 s.
        var first = await harness.States.WaitForAsync(ConnectionState.Reconnecting, 1);
        Assert.Equal(TimeSpan.FromMilliseconds(500), first.RetryDelay);
        Assert.Contains("503", first.Reason, StringComparison.Ordinal);
        await harness.Clock.AdvanceWhenRequestedAsync(TimeSpan.FromMilliseconds(500));
        var second = await harness.States.WaitForAsync(ConnectionState.Reconnecting, 2);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), second.RetryDelay);
        await harness.Clock.AdvanceWhenRequestedAsync(TimeSpan.FromMilliseconds(1000));

        // Attempt 3 fails: the third consecutive failure opens the circuit for the cool-down.
        var open = await harness.States.WaitForAsync(ConnectionState.CircuitOpen, 1);
        Assert.Equal(coolDown, open.RetryDelay);
        await harness.Clock.AdvanceWhenRequestedAsync(coolDown);

        // The half-open trial (attempt 4) fails: open again.
        await harness.States.WaitForAsync(ConnectionState.CircuitOpen, 2);
        await harness.Clock.AdvanceWhenRequestedAsync(coolDown);

        // The next trial succeeds: connected, subscribed, circuit closed.
        await started.WaitAsync(Timeout);
        Assert.Equal(
            [
                ConnectionState.Connecting, ConnectionState.Reconnecting,
                ConnectionState.Connecting, ConnectionState.Reconnecting,
                ConnectionState.Connecting, ConnectionState.CircuitOpen,
                ConnectionState.CircuitHalfOpen, ConnectionState.CircuitOpen,
                ConnectionState.CircuitHalfOpen, ConnectionState.Connected, ConnectionState.Subscribed,
            ],
            harness.States.States);
        Assert.Equal(5, harness.Server.ConnectionAttempts);
        Assert.Equal(4, connection.GetStatistics().FailedAttempts);
        Assert.Equal(2, connection.GetStatistics().CircuitOpenings);

        // Closed again: the count restarted, so a drop waits the first backoff step, not the cool-down.
        (await harness.Server.WaitForConnectionAsync(1)).Abort();
        var afterDrop = await harness.States.WaitForAsync(ConnectionState.Reconnecting, 3);
        Assert.Equal(TimeSpan.FromMilliseconds(500), afterDrop.RetryDelay);
    }

    [Fact]
    public async Task Gives_up_after_the_configured_attempts()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var connection = harness.CreateConnection(o => o with { Backoff = o.Backoff with { MaxAttempts = 2 } });
        harness.Server.RefuseConnections(10, statusCode: 0);
        var started = connection.StartAsync();
        await harness.States.WaitForAsync(ConnectionState.Reconnecting);
        await harness.Clock.AdvanceWhenRequestedAsync(TimeSpan.FromMilliseconds(500));

        var faulted = await harness.States.WaitForAsync(ConnectionState.Faulted);
        Assert.Contains("gave up after 2 failed attempts", faulted.Reason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => started.WaitAsync(Timeout));
        Assert.Equal(ConnectionState.Faulted, connection.State);
    }

    [Fact]
    public async Task Outgoing_messages_never_exceed_the_per_second_limit()
    {
        const int limit = 5;
        await using var harness = await ConnectionHarness.StartAsync(clock => new()
        {
            RecordingPath = ConnectionHarness.UsdmRecording,
            TimeProvider = clock,
            MaxIncomingMessagesPerSecond = limit,
        });
        var connection = harness.CreateConnection(o => o with { MaxMessagesPerSecond = limit }, new() { MaxStreamsPerRequest = 1 });
        var streams = Enumerable.Range(0, 13).Select(i => $"sym{i}usdt@trade").ToArray();
        await connection.SubscribeAsync(streams);
        var started = connection.StartAsync();

        // 13 requests at 5 per second: 5 go at once, then the limiter asks the clock for the rest of the window, twice.
        var server = await harness.Server.WaitForConnectionAsync(1);
        await server.WaitForMessagesAsync(limit);
        await harness.Clock.AdvanceWhenRequestedAsync(TimeSpan.FromSeconds(1));
        await server.WaitForMessagesAsync(2 * limit);
        await harness.Clock.AdvanceWhenRequestedAsync(TimeSpan.FromSeconds(1));
        await started.WaitAsync(Timeout);

        var times = server.ReceivedMessages.Select(m => m.ReceivedAt).ToList();
        Assert.Equal(13, times.Count);
        for (var i = 0; i + limit < times.Count; i++)
        {
            Assert.True(times[i + limit] - times[i] >= TimeSpan.FromSeconds(1), $"messages {i}..{i + limit} fell within one second");
        }

        Assert.Equal(0, harness.Server.RateViolations);
        Assert.Equal(streams, server.Subscriptions);
        Assert.Equal(2, connection.ActiveSession!.RateLimitedSends);
    }

    [Fact]
    public async Task Server_pings_are_answered_with_pongs()
    {
        await using var harness = await ConnectionHarness.StartAsync(clock => new()
        {
            RecordingPath = ConnectionHarness.UsdmRecording,
            TimeProvider = clock,
            PingInterval = TimeSpan.FromMilliseconds(50),
            PongTimeout = TimeSpan.FromSeconds(5),
        });
        var connection = await harness.ConnectAsync();
        var server = await harness.Server.WaitForConnectionAsync(1);

        // The runtime's keep-alive pings on real time; ClientWebSocket answers each with a pong by itself.
        await server.WaitForPongsAsync(3);
        Assert.True(server.PingsSent >= 3);
        Assert.True(server.IsOpen);
        await harness.PublishAsync(5);
        await harness.Frames.WaitForCountAsync(5);
        Assert.Equal(ConnectionState.Subscribed, connection.State);
        Assert.Equal(0, connection.GetStatistics().Reconnects);
    }
}
