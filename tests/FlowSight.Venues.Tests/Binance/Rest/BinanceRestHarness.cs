using FlowSight.TestKit;
using FlowSight.TestServers.Binance;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Rest;
using FlowSight.Venues.Network.Http;
using FlowSight.Venues.Tests.Network.Http;

namespace FlowSight.Venues.Tests.Binance.Rest;

/// <summary>
/// A local Binance (the shared test server with its REST routes) on 127.0.0.1 and clients for it, all on one fake
/// clock, plus the drivers that move the clock only when the client is parked on a timer.
/// </summary>
public sealed class BinanceRestHarness : IAsyncDisposable
{
    /// <summary>2024-08-09 00:00:00 UTC, on a minute boundary.</summary>
    public static readonly DateTimeOffset Start = new(2024, 8, 9, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Attempt timeouts are parked far away unless a test wants them, so they never fire by accident.</summary>
    public static readonly TimeSpan FarAttemptTimeout = TimeSpan.FromHours(6);

    private readonly List<BinanceRestClient> _clients = [];

    private BinanceRestHarness(TimerTrackingClock clock, BinanceTestServer server)
    {
        Clock = clock;
        Server = server;
    }

    /// <summary>The shared fake clock.</summary>
    public TimerTrackingClock Clock { get; }

    /// <summary>The server.</summary>
    public BinanceTestServer Server { get; }

    /// <summary>The server's REST state (faults, weights, request log).</summary>
    public BinanceRestState Rest => Server.Rest;

    /// <summary>Starts a server; with <paramref name="recorded"/> it serves the recorded exchangeInfo and depth (skips when the data is absent).</summary>
    public static async Task<BinanceRestHarness> StartAsync(bool recorded = true)
    {
        var root = recorded ? SharedData.Require() : null;
        var clock = new TimerTrackingClock(Start);
        var server = await BinanceTestServer.StartAsync(new BinanceTestServerOptions { TimeProvider = clock, RestDataRoot = root });
        return new BinanceRestHarness(clock, server);
    }

    /// <summary>A client for <paramref name="market"/> pointed at the server, with a seeded jitter.</summary>
    public BinanceRestClient Client(BinanceMarket market, Func<BinanceRestOptions, BinanceRestOptions>? configure = null)
    {
        var options = new BinanceRestOptions(market)
        {
            BaseAddress = Server.HttpBaseUri,
            AttemptTimeout = FarAttemptTimeout,
            JitterRandomizer = new Random(7).NextDouble,
        };
        var client = new BinanceRestClient(configure?.Invoke(options) ?? options, Clock);
        _clients.Add(client);
        return client;
    }

    /// <summary>A venue-agnostic client with Binance's error parser, pointed at the server.</summary>
    public VenueRestClient VenueClient(Func<VenueRestOptions, VenueRestOptions>? configure = null)
    {
        var options = new BinanceRestOptions(BinanceMarket.UsdM)
        {
            BaseAddress = Server.HttpBaseUri,
            AttemptTimeout = FarAttemptTimeout,
            JitterRandomizer = new Random(7).NextDouble,
        }.ToVenueRestOptions();
        return new VenueRestClient(configure?.Invoke(options) ?? options, Clock);
    }

    /// <summary>
    /// Runs <paramref name="calls"/> to completion: whenever every unfinished call is parked on a rate-limit or
    /// 429/418 wait (nothing in flight), moves the clock to the earliest armed timer.
    /// </summary>
    /// <returns>The clock steps taken.</returns>
    public Task<IReadOnlyList<TimeSpan>> DriveAsync(RestHost host, IReadOnlyList<Task> calls) => Clock.DriveRestCallsAsync(host, calls);

    /// <summary>Waits (real time, bounded) until the host's state satisfies <paramref name="condition"/>.</summary>
    public async Task WaitUntilAsync(RestHost host, Func<RestHostSnapshot, bool> condition, string what)
    {
        var signal = new WsSignal();
        void Pulse(object? sender, EventArgs e) => signal.Pulse();
        host.Changed += Pulse;
        try
        {
            await signal.WaitAsync(() => condition(host.Snapshot(Clock.GetUtcNow())), TimeSpan.FromSeconds(30), what);
        }
        finally
        {
            host.Changed -= Pulse;
        }
    }

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
