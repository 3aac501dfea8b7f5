using System.Globalization;
using System.Text.Json;
using FlowSight.Engine.Hosting;
using FlowSight.TestKit;
using FlowSight.TestServers.GateIo;
using FlowSight.Venues.Data;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Data;
using FlowSight.Venues.GateIo.Streams;
using FlowSight.Venues.Tests.Network.Support;

namespace FlowSight.Venues.Tests.Conformance;

/// <summary>
/// Gate.io USDT futures OMG_USDT: the local Gate.io server publishes the recorded <c>futures.order_book_update</c>s at
/// the test's pace and answers <c>order_book?with_id=true</c> with the book its stream has reached; the data client
/// chains <c>U</c>/<c>u</c> on a REST snapshot and fetches a new one whenever the chain breaks.
/// </summary>
internal sealed class GateIoConformanceVenue : IConformanceVenue
{
    private const string Contract = "OMG_USDT";
    private const string BookPath = "/api/v4/futures/usdt/order_book";

    private GateIoTestServer? _server;

    public RecordingTimeProvider Clock { get; } = new();

    public bool HasRestSnapshots => true;

    public TimeSpan ResetGuard => TimeSpan.FromMilliseconds(250);

    public bool HasIpBan => false;

    public bool HasChecksum => false;

    public IReadOnlyList<TimeSpan> SilenceSteps
    {
        get
        {
            var heartbeat = new GateIoStreamProtocolOptions();
            return [heartbeat.PingInterval, heartbeat.PongTimeout];
        }
    }

    public int Connections => Server.Connections.Count;

    public bool AllConnectionsClosed => Server.Connections.All(c => !c.IsOpen);

    public int SnapshotRequests => Server.Rest.Requests.Count(r => r.Path == BookPath && r.Status == 200);

    /// <summary>Gate's public limits count in 10-second windows; a 429's <c>X-Gate-RateLimit-Reset-Timestamp</c> is the window's end.</summary>
    public IReadOnlyList<ConformanceRestRequest> RestRequests =>
    [
        .. Server.Rest.Requests.Select(r => new ConformanceRestRequest(
            r.Time,
            r.Status,
            r.Status == 429 ? DateTimeOffset.FromUnixTimeSeconds(((r.Time.ToUnixTimeMilliseconds() / 10_000) + 1) * 10) : null)),
    ];

    private GateIoTestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task StartAsync() => _server = await GateIoTestServer.StartAsync(new GateIoTestServerOptions
    {
        RestDataRoot = SharedData.Require(),
        WebSocketDataRoot = SharedData.Require(),
        PaceOrderBookUpdates = true,
        TimeProvider = Clock,
    });

    public IMarketDataClient CreateClient(IMarketDataPublisher publisher) => new GateIoDataClient(
        new GateIoDataClientOptions
        {
            Market = GateIoMarket.UsdtFutures,
            Names = [Contract],
            Streams = GateIoDataStreams.OrderBook,
            StreamEndpoint = Server.FuturesWebSocketUri,
            RestBaseUri = Server.RestApiRoot,
            ConfigureConnection = ConformanceConnections.HeartbeatOnly,
        },
        publisher,
        Clock);

    public async Task PublishBookUpdatesAsync(int count)
    {
        var published = await Server.PublishBookUpdatesAsync(futures: true, Contract, count);
        if (published < count)
        {
            throw new InvalidOperationException($"The recording of {Contract} ended ({published} of {count} updates left).");
        }
    }

    public Task<ConformanceBook> BookAsync()
    {
        using var json = JsonDocument.Parse(Server.BookBody(futures: true, Contract)!);
        var root = json.RootElement;
        return Task.FromResult(new ConformanceBook(root.GetProperty("id").GetInt64(), Side(root.GetProperty("bids")), Side(root.GetProperty("asks"))));
    }

    public void DropConnection() => Server.Connections[^1].Abort();

    public Task SkipNextBookUpdateAsync()
    {
        Server.SkipNextBookUpdates(futures: true, Contract);
        return Task.CompletedTask;
    }

    public void CorruptNextChecksum() => throw new NotSupportedException("Gate.io sends no book checksum.");

    public async Task<string> SendMalformedFrameAsync()
    {
        const string Frame = "{\"time\":1684915200,\"time_ms\":1684915200123,\"channel\":\"futures.order_book_update\",\"event\":\"update\",\"result\":{\"t\":1684915200120,\"s\":\"OMG_USDT\",\"U\":3132789262,\"u\":3132789264,\"b\":[{\"p\":\"0.68";
        await Server.Connections[^1].SendTextAsync(Frame);
        return Frame;
    }

    public void GoSilent() => Server.Connections[^1].IgnorePings = true;

    public void RateLimitNextRestRequest() => Server.Rest.Inject(GateIoRestFaultKind.RateLimited);

    public void BanNextRestRequest() => throw new NotSupportedException("Gate.io documents no IP-ban answer.");

    public void RateLimitNextSnapshotRequest() => Server.Rest.Inject(GateIoRestFaultKind.RateLimited, path: BookPath);

    public bool IsWaitingForReset(IMarketDataClient client) => ((GateIoDataClient)client).Rest.Host.Snapshot(Clock.GetUtcNow()).Waiting > 0;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static List<(decimal Price, decimal Size)> Side(JsonElement levels) =>
        [.. levels.EnumerateArray().Select(l => (decimal.Parse(l.GetProperty("p").GetString()!, CultureInfo.InvariantCulture), l.GetProperty("s").GetDecimal()))];
}
