using System.Text;
using FlowSight.TestKit;
using FlowSight.TestServers.Binance;
using FlowSight.Venues.Binance.Streams;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.Tests.Network.Support;

/// <summary>
/// A local Binance test server on a fake clock plus a <see cref="WebSocketConnection"/> to it, with the frames and
/// state changes collected. Disposes both.
/// </summary>
public sealed class ConnectionHarness : IAsyncDisposable
{
    /// <summary>The USDⓈ-M recording's three streams.</summary>
    public static readonly string[] UsdmStreams = ["btcusdt@depth@0ms", "btcusdt@trade", "btcusdt@bookTicker"];

    /// <summary>The jitter fraction every harness connection uses: delays are half the backoff ceiling.</summary>
    public const double Jitter = 0.5;

    private readonly List<IDisposable> _subscriptions = [];

    private ConnectionHarness(RecordingTimeProvider clock, BinanceTestServer server)
    {
        Clock = clock;
        Server = server;
    }

    /// <summary>The fake clock shared by server and client.</summary>
    public RecordingTimeProvider Clock { get; }

    /// <summary>The server.</summary>
    public BinanceTestServer Server { get; }

    /// <summary>Frames the connection delivered.</summary>
    public FrameCollector Frames { get; } = new();

    /// <summary>The connection's state changes.</summary>
    public StateRecorder States { get; } = new();

    /// <summary>The protocol the connection speaks.</summary>
    public BinanceStreamProtocol Protocol { get; private set; } = new();

    /// <summary>The connection (after <see cref="CreateConnection"/>).</summary>
    public WebSocketConnection Connection { get; private set; } = null!;

    /// <summary>The USDⓈ-M 20-second recording.</summary>
    public static string UsdmRecording => SharedData.Require("recordings/hftbacktest/binance-usdm/btcusdt_20240808_first20s.txt");

    /// <summary>Starts a server (by default: USDⓈ-M recording, manual pacing, the harness clock).</summary>
    public static async Task<ConnectionHarness> StartAsync(Func<RecordingTimeProvider, BinanceTestServerOptions>? options = null)
    {
        var clock = new RecordingTimeProvider();
        var server = await BinanceTestServer.StartAsync(options?.Invoke(clock) ?? new BinanceTestServerOptions
        {
            RecordingPath = UsdmRecording,
            TimeProvider = clock,
        });
        return new ConnectionHarness(clock, server);
    }

    /// <summary>Options every test starts from: combined endpoint, 1 s backoff doubling to 8 s, no breaker, no watchdog, no rotation, no keep-alive.</summary>
    public WebSocketConnectionOptions DefaultOptions() => new()
    {
        Name = "test",
        Endpoint = BinanceStreamEndpoints.CombinedStream(Server.WebSocketBaseUri, BinanceStreamRoute.None),
        MaxMessagesPerSecond = 9,
        Backoff = new BackoffPolicy { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8) },
        CircuitBreaker = null,
        WatchdogTimeout = null,
        RotationInterval = null,
        KeepAliveInterval = TimeSpan.Zero,
        Jitter = new FixedRandom(Jitter),
    };

    /// <summary>Creates the connection with <see cref="DefaultOptions"/> adjusted by <paramref name="configure"/>.</summary>
    public WebSocketConnection CreateConnection(Func<WebSocketConnectionOptions, WebSocketConnectionOptions>? configure = null, BinanceStreamProtocolOptions? protocol = null)
    {
        var options = DefaultOptions();
        options = configure?.Invoke(options) ?? options;
        Protocol = new BinanceStreamProtocol(protocol);
        Connection = new WebSocketConnection(options, Protocol, Frames.Handler, Clock);
        _subscriptions.Add(Connection.StateChanges.Subscribe(States));
        return Connection;
    }

    /// <summary>Creates the connection, subscribes <see cref="UsdmStreams"/> and waits until subscribed.</summary>
    public async Task<WebSocketConnection> ConnectAsync(Func<WebSocketConnectionOptions, WebSocketConnectionOptions>? configure = null)
    {
        var connection = CreateConnection(configure);
        await connection.SubscribeAsync(UsdmStreams);
        await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(15));
        return connection;
    }

    /// <summary>Publishes the next <paramref name="count"/> recording frames and returns their JSON.</summary>
    public async Task<List<string>> PublishAsync(int count)
    {
        var frames = await Server.Feed.PublishAsync(count);
        return [.. frames.Select(f => Encoding.UTF8.GetString(f.Json))];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        await Server.DisposeAsync();
    }
}
