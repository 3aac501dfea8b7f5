using System.Globalization;
using FlowSight.Engine.Hosting;
using FlowSight.TestKit;
using FlowSight.TestServers.Okx;
using FlowSight.Venues.Data;
using FlowSight.Venues.Okx.Data;
using FlowSight.Venues.Okx.Streams;
using FlowSight.Venues.Tests.Network.Support;

namespace FlowSight.Venues.Tests.Conformance;

/// <summary>
/// OKX BTC-USDT-SWAP: the local OKX server's synthetic <c>books</c> channel (snapshot on subscribe, then updates with
/// <c>seqId</c>/<c>prevSeqId</c> and true CRC32 checksums) and its REST side (recorded instruments); the data client
/// verifies every checksum and resubscribes for a new snapshot on a gap or mismatch.
/// </summary>
internal sealed class OkxConformanceVenue : IConformanceVenue
{
    private const string Swap = "BTC-USDT-SWAP";

    /// <summary>OKX counts public REST limits in 2-second windows and sends no <c>Retry-After</c>: a full window frees up within 2 s.</summary>
    private static readonly TimeSpan RateLimitWindow = TimeSpan.FromSeconds(2);

    private OkxTestServer? _server;

    public RecordingTimeProvider Clock { get; } = new();

    public bool HasRestSnapshots => false;

    public TimeSpan ResetGuard => TimeSpan.Zero;

    public bool HasIpBan => false;

    public bool HasChecksum => true;

    public IReadOnlyList<TimeSpan> SilenceSteps => [OkxStreamLimits.DefaultPingInterval, OkxStreamLimits.DefaultPongTimeout];

    public int Connections => Server.ConnectionAttempts;

    public bool AllConnectionsClosed => Server.Connections.All(c => !c.IsOpen);

    public int SnapshotRequests => Server.Connections.Sum(c => c.ReceivedMessages.Count(m =>
        m.Contains("\"op\":\"subscribe\"", StringComparison.Ordinal) && m.Contains("\"channel\":\"books\"", StringComparison.Ordinal)));

    public IReadOnlyList<ConformanceRestRequest> RestRequests =>
        [.. Server.Rest.Requests.Select(r => new ConformanceRestRequest(r.Time, r.Status, r.Status == 429 ? r.Time + RateLimitWindow : null))];

    private OkxTestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task StartAsync() => _server = await OkxTestServer.StartAsync(new OkxTestServerOptions
    {
        SyntheticBooks = [Swap],
        RestDataRoot = SharedData.Require(),
        TimeProvider = Clock,
    });

    public IMarketDataClient CreateClient(IMarketDataPublisher publisher) => new OkxDataClient(
        new OkxDataClientOptions
        {
            InstIds = [Swap],
            StreamBaseUri = Server.WebSocketBaseUri,
            RestBaseUri = Server.HttpBaseUri,
            WatchdogTimeout = null,
            ConfigureConnection = ConformanceConnections.HeartbeatOnly,
        },
        publisher,
        Clock);

    public Task PublishBookUpdatesAsync(int count) => Server.PublishBookUpdatesAsync(Swap, count);

    public Task<ConformanceBook> BookAsync()
    {
        var book = Server.Book(Swap);
        return Task.FromResult(new ConformanceBook(book.SeqId, Side(book.Bids), Side(book.Asks)));
    }

    public void DropConnection() => Server.Connections[^1].Abort();

    public Task SkipNextBookUpdateAsync()
    {
        Server.DropNextBookUpdates(Swap);
        return Task.CompletedTask;
    }

    public void CorruptNextChecksum() => Server.CorruptNextChecksum(Swap);

    public async Task<string> SendMalformedFrameAsync()
    {
        const string Frame = "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT-SWAP\"},\"action\":\"update\",\"data\":[{\"asks\":[[\"1\"";
        await Server.Connections[^1].SendTextAsync(Frame);
        return Frame;
    }

    public void GoSilent() => Server.Connections[^1].Silent = true;

    public void RateLimitNextRestRequest() => Server.Rest.Inject(OkxRestFaultKind.RateLimited);

    public void BanNextRestRequest() => throw new NotSupportedException("OKX documents no IP-ban answer.");

    public void RateLimitNextSnapshotRequest() => throw new NotSupportedException("OKX sends book snapshots on the stream.");

    public bool IsWaitingForReset(IMarketDataClient client) => throw new NotSupportedException("OKX sends book snapshots on the stream.");

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static List<(decimal Price, decimal Size)> Side(IReadOnlyList<(string Price, string Size)> levels) =>
        [.. levels.Select(l => (decimal.Parse(l.Price, CultureInfo.InvariantCulture), decimal.Parse(l.Size, CultureInfo.InvariantCulture)))];
}
