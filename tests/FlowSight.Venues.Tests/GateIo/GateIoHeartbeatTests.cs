using FlowSight.TestKit;
using FlowSight.TestServers.GateIo;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Streams;
using FlowSight.Venues.Network;
using FlowSight.Venues.Tests.Network.Support;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo;

/// <summary>
/// Gate.io's application ping (<c>futures.ping</c> → <c>futures.pong</c>) driven by the connection's heartbeat, on a
/// fake clock against the local Gate.io server: ping after silence, pong consumed, no pong → reconnect and resubscribe.
/// </summary>
public sealed class GateIoHeartbeatTests : IAsyncDisposable
{
    private static readonly TimeSpan PingInterval = new GateIoStreamProtocolOptions().PingInterval;
    private static readonly TimeSpan PongTimeout = new GateIoStreamProtocolOptions().PongTimeout;

    // RDNT_USDT had no trade in the recording: the socket stays silent, so only the heartbeat speaks.
    private static readonly string Topic = GateIoTopics.Trades(GateIoMarket.UsdtFutures, "RDNT_USDT");

    private readonly RecordingTimeProvider _clock = new();
    private readonly StateRecorder _states = new();
    private GateIoTestServer? _server;
    private GateIoStreamClient? _client;
    private IDisposable? _subscription;

    private async Task<(GateIoTestServer Server, GateIoStreamClient Client)> StartAsync()
    {
        _server = await GateIoTestServer.StartAsync(new GateIoTestServerOptions { WebSocketDataRoot = SharedData.Require(), TimeProvider = _clock });
        _client = new GateIoStreamClient(
            new GateIoStreamClientOptions
            {
                Market = GateIoMarket.UsdtFutures,
                Endpoint = _server.FuturesWebSocketUri,
                ConfigureConnection = o => o with
                {
                    Backoff = new BackoffPolicy { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8) },
                    Jitter = new FixedRandom(ConnectionHarness.Jitter),
                },
            },
            (in WebSocketFrame _) => { },
            _clock);
        _subscription = _client.StateChanges.Subscribe(_states);
        await _client.SubscribeAsync([Topic], TestContext.Current.CancellationToken);
        return (_server, _client);
    }

    [Fact]
    public async Task Silence_sends_futures_ping_and_the_pong_is_consumed()
    {
        var (server, client) = await StartAsync();
        var first = await server.WaitForConnectionAsync(1, TimeSpan.FromSeconds(10));

        await _clock.AdvanceWhenRequestedAsync(PingInterval);
        await new Binance.Data.CollectingPublisher().WaitUntilAsync(() => client.Connection.GetStatistics().PongsReceived == 1, "the pong");

        Assert.Equal(1, first.PingsReceived);
        Assert.Contains(first.ReceivedMessages, m => m.StartsWith("{\"time\":", StringComparison.Ordinal) && m.Contains("\"channel\":\"futures.ping\"", StringComparison.Ordinal));
        var statistics = client.Connection.GetStatistics();
        Assert.Equal((1L, 1L, 0L), (statistics.PingsSent, statistics.PongsReceived, statistics.PongsMissed));
        Assert.Single(server.Connections);
    }

    [Fact]
    public async Task A_missing_pong_drops_the_socket_and_the_connection_reconnects_and_resubscribes()
    {
        var (server, client) = await StartAsync();
        var first = await server.WaitForConnectionAsync(1, TimeSpan.FromSeconds(10));
        first.IgnorePings = true;

        await _clock.AdvanceWhenRequestedAsync(PingInterval);
        await new Binance.Data.CollectingPublisher().WaitUntilAsync(() => first.PingsReceived == 1, "the ping");
        await _clock.AdvanceWhenRequestedAsync(PongTimeout);

        var reconnecting = await _states.WaitForAsync(ConnectionState.Reconnecting);
        Assert.Contains("pong", reconnecting.Reason, StringComparison.Ordinal);
        await _clock.AdvanceWhenRequestedAsync(reconnecting.RetryDelay!.Value);
        await _states.WaitForAsync(ConnectionState.Subscribed, times: 2);
        var second = await server.WaitForConnectionAsync(2, TimeSpan.FromSeconds(10));
        Assert.Contains(second.ReceivedMessages, m => m.Contains("\"futures.trades\"", StringComparison.Ordinal) && m.Contains("\"subscribe\"", StringComparison.Ordinal));
        Assert.Equal(1, client.Connection.GetStatistics().PongsMissed);
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
