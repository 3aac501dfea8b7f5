using FlowSight.TestKit;
using FlowSight.TestServers.Binance;
using FlowSight.TestServers.Okx;
using FlowSight.Venues.Network.Http;
using FlowSight.Venues.Okx.Rest;
using FlowSight.Venues.Tests.Network.Http;

namespace FlowSight.Venues.Tests.Okx.Rest;

/// <summary>
/// A local OKX (the OKX test server with its REST routes, fed the recorded instruments) on 127.0.0.1 and clients for
/// it, all on one fake clock, plus the driver that moves the clock only when every call is parked on a timer.
/// </summary>
public sealed class OkxRestHarness : IAsyncDisposable
{
    /// <summary>2024-08-09 00:00:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2024, 8, 9, 0, 0, 0, TimeSpan.Zero);

    private readonly List<OkxRestClient> _clients = [];

    private OkxRestHarness(TimerTrackingClock clock, OkxTestServer server)
    {
        Clock = clock;
        Server = server;
    }

    /// <summary>The shared fake clock.</summary>
    public TimerTrackingClock Clock { get; }

    /// <summary>The server.</summary>
    public OkxTestServer Server { get; }

    /// <summary>The server's REST state (faults, canned answers, request log).</summary>
    public OkxRestState Rest => Server.Rest;

    /// <summary>Starts a server fed from the shared data (skips the test when it is absent).</summary>
    public static async Task<OkxRestHarness> StartAsync()
    {
        var root = SharedData.Require();
        var clock = new TimerTrackingClock(Start);
        var server = await OkxTestServer.StartAsync(new OkxTestServerOptions { TimeProvider = clock, RestDataRoot = root });
        return new OkxRestHarness(clock, server);
    }

    /// <summary>A client pointed at the server, with a seeded jitter and attempt timeouts parked far away.</summary>
    public OkxRestClient Client(Func<OkxRestOptions, OkxRestOptions>? configure = null)
    {
        var options = new OkxRestOptions
        {
            BaseAddress = Server.HttpBaseUri,
            AttemptTimeout = TimeSpan.FromHours(6),
            JitterRandomizer = new Random(7).NextDouble,
        };
        var client = new OkxRestClient(configure?.Invoke(options) ?? options, Clock);
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
