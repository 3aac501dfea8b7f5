using FlowSight.TestServers.Okx;
using FlowSight.Venues.Network;
using FlowSight.Venues.Okx.Streams;
using FlowSight.Venues.Tests.Network.Support;

namespace FlowSight.Venues.Tests.Okx.Streams;

/// <summary>An <see cref="OkxTestServer"/> with synthetic books and an <see cref="OkxStreamClient"/> against it, both on one fake clock.</summary>
internal sealed class OkxStreamHarness : IAsyncDisposable
{
    public const string Swap = "BTC-USDT-SWAP";
    public const string Spot = "BTC-USDT";

    private readonly IDisposable _states;

    private OkxStreamHarness(RecordingTimeProvider clock, OkxTestServer server, OkxStreamProtocolOptions? protocol, Func<OkxStreamClientOptions, OkxStreamClientOptions>? configure)
    {
        var options = new OkxStreamClientOptions
        {
            BaseUri = server.WebSocketBaseUri,
            Protocol = protocol ?? new OkxStreamProtocolOptions(),
            ConfigureConnection = ConfigureConnection,
        };
        Clock = clock;
        Server = server;
        Client = new OkxStreamClient(configure?.Invoke(options) ?? options, Frames.Handler, clock);
        _states = Client.StateChanges.Subscribe(States);
    }

    public RecordingTimeProvider Clock { get; }

    public OkxTestServer Server { get; }

    public OkxStreamClient Client { get; }

    public FrameCollector Frames { get; } = new();

    public StateRecorder States { get; } = new();

    /// <summary>1 s backoff (fixed jitter), no breaker, no watchdog, no runtime keep-alive: only what a test drives happens.</summary>
    public static WebSocketConnectionOptions ConfigureConnection(WebSocketConnectionOptions options) => options with
    {
        Backoff = new BackoffPolicy { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8) },
        CircuitBreaker = null,
        WatchdogTimeout = null,
        KeepAliveInterval = TimeSpan.Zero,
        Jitter = new FixedRandom(ConnectionHarness.Jitter),
    };

    public static async Task<OkxStreamHarness> StartAsync(OkxStreamProtocolOptions? protocol = null, Func<OkxStreamClientOptions, OkxStreamClientOptions>? configure = null)
    {
        var clock = new RecordingTimeProvider();
        var server = await OkxTestServer.StartAsync(new OkxTestServerOptions { SyntheticBooks = [Swap, Spot], TimeProvider = clock });
        return new OkxStreamHarness(clock, server, protocol, configure);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _states.Dispose();
        await Server.DisposeAsync();
    }
}
