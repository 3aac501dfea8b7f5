using FlowSight.TestKit;
using FlowSight.TestServers.Binance;
using FlowSight.TestServers.GateIo;
using FlowSight.Venues.Network.Http;
using FlowSight.Venues.GateIo.Rest;
using FlowSight.Venues.Tests.Network.Http;

namespace FlowSight.Venues.Tests.GateIo.Rest;

/// <summary>
/// A local Gate.io (the Gate.io test server with its REST routes, fed the cryptofeed recordings) on 127.0.0.1 and clients for
/// it, all on one fake clock, plus the driver that moves the clock only when every call is parked on a timer.
/// </summary>
public sealed class GateIoRestHarness : IAsyncDisposable
{
    /// <summary>2024-08-09 00:00:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2024, 8, 9, 0, 0, 0, TimeSpan.Zero);

    private readonly List<GateIoRestClient> _clients = [];

    private GateIoRestHarness(TimerTrackingClock clock, GateIoTestServer server)
    {
        Clock = clock;
        Server = server;
    }

    /// <summary>The shared fake clock.</summary>
    public TimerTrackingClock Clock { get; }

    /// <summary>The server.</summary>
    public GateIoTestServer Server { get; }

    /// <summary>The server's REST state (faults, canned answers, request log).</summary>
    public GateIoRestState Rest => Server.Rest;

    /// <summary>Starts a server fed from the shared data (skips the test when it is absent).</summary>
    public static async Task<GateIoRestHarness> StartAsync()
    {
        var root = SharedData.Require();
        var clock = new TimerTrackingClock(Start);
        var server = await GateIoTestServer.StartAsync(new GateIoTestServerOptions { TimeProvider = clock, RestDataRoot = root });
        return new GateIoRestHarness(clock, server);
    }

    /// <summary>A client pointed at the server, with a seeded jitter and attempt timeouts parked far away.</summary>
    public GateIoRestClient Client(Func<GateIoRestOptions, GateIoRestOptions>? configure = null)
    {
        var options = new GateIoRestOptions
        {
            BaseAddress = Server.RestApiRoot,
            AttemptTimeout = TimeSpan.FromHours(6),
            JitterRandomizer = new Random(7).NextDouble,
        };
        var client = new GateIoRestClient(configure?.Invoke(options) ?? options, Clock);
        _clients.Add(client);
        return client;
    }

    /// <summary>
    /// Runs <paramref name="calls"/> to completion: whenever every unfinished call is parked on a rate-limit or 429
    /// wait (nothing in flight), moves the clock to the earliest armed timer.
    /// </summary>
    /// <returns>The clock steps taken.</returns>
    public Task<IReadOnlyList<TimeSpan>> DriveAsync(RestHost host, IReadOnlyList<Task> calls) => Clock.DriveRestCallsAsync(host, calls);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Server.DisposeAsync();
    }
}
