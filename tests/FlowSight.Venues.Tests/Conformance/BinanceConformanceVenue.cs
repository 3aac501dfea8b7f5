using System.Globalization;
using System.Text.Json;
using FlowSight.Engine.Hosting;
using FlowSight.TestKit;
using FlowSight.TestServers.Binance;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Data;
using FlowSight.Venues.Data;
using FlowSight.Venues.Tests.Network.Support;

namespace FlowSight.Venues.Tests.Conformance;

/// <summary>
/// Binance USDⓈ-M BTCUSDT: the local Binance server replays the recorded first 20 s frame by frame and serves REST
/// depth snapshots of the book its stream has reached; the data client keeps the book by snapshot + diff chain.
/// </summary>
internal sealed class BinanceConformanceVenue : IConformanceVenue
{
    private const int RetryAfterSeconds = 7;

    /// <summary>Binance has no application heartbeat: the client's data watchdog gives a silent stream up.</summary>
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(30);

    /// <summary>The suite reads the venue's book with its own depth request; this limit (the client asks 1000) tells them apart.</summary>
    private const string OracleQuery = "symbol=BTCUSDT&limit=500";

    private BinanceTestServer? _server;

    public RecordingTimeProvider Clock { get; } = new();

    public bool HasRestSnapshots => true;

    public TimeSpan ResetGuard => TimeSpan.Zero;

    public bool HasIpBan => true;

    public bool HasChecksum => false;

    public IReadOnlyList<TimeSpan> SilenceSteps => [Watchdog];

    public int Connections => Server.ConnectionAttempts;

    public bool AllConnectionsClosed => Server.Connections.All(c => !c.IsOpen);

    public int SnapshotRequests => ClientRequests.Count(r => r.Endpoint == "depth" && r.Status == 200);

    public IReadOnlyList<ConformanceRestRequest> RestRequests =>
    [
        .. ClientRequests.Select(r => new ConformanceRestRequest(r.Time, r.Status, r.Status is 429 or 418 ? r.Time.AddSeconds(RetryAfterSeconds) : null)),
    ];

    private BinanceTestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    private IEnumerable<BinanceRestRequestRecord> ClientRequests => Server.Rest.Requests.Where(r => !r.Query.Contains(OracleQuery, StringComparison.Ordinal));

    public async Task StartAsync() => _server = await BinanceTestServer.StartAsync(new BinanceTestServerOptions
    {
        RecordingPath = SharedData.Require("recordings/hftbacktest/binance-usdm/btcusdt_20240808_first20s.txt"),
        Market = BinanceServerMarket.UsdM,
        Pacing = WsPacing.Manual,
        RestDataRoot = SharedData.Require(),
        TimeProvider = Clock,
    });

    public IMarketDataClient CreateClient(IMarketDataPublisher publisher) => new BinanceDataClient(
        new BinanceDataClientOptions
        {
            Market = BinanceMarket.UsdM,
            Symbols = ["BTCUSDT"],
            RestBaseUri = Server.HttpBaseUri,
            StreamBaseUri = Server.WebSocketBaseUri,
            UseRoutedEndpoints = false,
            ConfigureConnection = o => ConformanceConnections.Configure(o) with { WatchdogTimeout = Watchdog },
        },
        publisher,
        Clock);

    public async Task PublishBookUpdatesAsync(int count)
    {
        for (var depth = 0; depth < count;)
        {
            var frame = await Server.Feed.PublishNextAsync() ?? throw new InvalidOperationException("The recording ended.");
            depth += IsDepth(frame) ? 1 : 0;
        }
    }

    public async Task<ConformanceBook> BookAsync()
    {
        using var http = new HttpClient { BaseAddress = Server.HttpBaseUri };
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("fapi/v1/depth?" + OracleQuery, UriKind.Relative)));
        return new ConformanceBook(json.RootElement.GetProperty("lastUpdateId").GetInt64(), Side(json.RootElement.GetProperty("bids")), Side(json.RootElement.GetProperty("asks")));
    }

    public void DropConnection() => Server.Connections[^1].Abort();

    public async Task SkipNextBookUpdateAsync()
    {
        // Publish up to (not including) the next depth diff, then make that one disappear upstream.
        var frames = Server.Recording!.Frames;
        var next = Server.Feed.Position;
        while (next < frames.Count && !IsDepth(frames[next]))
        {
            next++;
        }

        await Server.Feed.PublishAsync(frames.Skip(Server.Feed.Position).Take(next - Server.Feed.Position).Count(f => !f.IsRestResponse));
        Server.Feed.SkipNext(1);
    }

    public void CorruptNextChecksum() => throw new NotSupportedException("Binance sends no book checksum.");

    public async Task<string> SendMalformedFrameAsync()
    {
        await Server.Feed.PublishAsync("btcusdt@depth", """{"e":"depthUpdate","E":1723161257000,"T":1723161256999,"s":"BTCUSDT","U":5123107853000,"u":5123107853001,"pu":5123107852999,"b":[["61800.10","1.2""");
        return """{"stream":"btcusdt@depth","data":{"e":"depthUpdate""";
    }

    public void GoSilent() => Server.Connections[^1].GoSilent();

    public void RateLimitNextRestRequest() => Server.Rest.Inject(BinanceRestFault.RateLimited(RetryAfterSeconds));

    public void BanNextRestRequest() => Server.Rest.Inject(BinanceRestFault.Banned(RetryAfterSeconds));

    public void RateLimitNextSnapshotRequest() => Server.Rest.Inject(new BinanceRestFault(BinanceRestFaultKind.RateLimited) { Endpoint = "depth", RetryAfterSeconds = RetryAfterSeconds });

    public bool IsWaitingForReset(IMarketDataClient client) => ((BinanceDataClient)client).Rest.Host.Snapshot(Clock.GetUtcNow()).Waiting > 0;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static bool IsDepth(RecordedFrame frame) => frame.Stream?.Contains("@depth", StringComparison.Ordinal) ?? false;

    private static List<(decimal Price, decimal Size)> Side(JsonElement levels) =>
        [.. levels.EnumerateArray().Select(l => (decimal.Parse(l[0].GetString()!, CultureInfo.InvariantCulture), decimal.Parse(l[1].GetString()!, CultureInfo.InvariantCulture)))];
}
