using FlowSight.Engine.Hosting;
using FlowSight.Venues.Data;
using FlowSight.Venues.Tests.Network.Support;

namespace FlowSight.Venues.Tests.Conformance;

/// <summary>
/// One venue as the conformance suite sees it: a local server speaking the venue's protocol, the venue's real data
/// client for one book instrument against it, and the faults the suite injects. Everything runs on <see cref="Clock"/>.
/// </summary>
internal interface IConformanceVenue : IAsyncDisposable
{
    /// <summary>The clock of the server and the client; only the test moves it.</summary>
    RecordingTimeProvider Clock { get; }

    /// <summary>True when the venue sends book checksums (OKX).</summary>
    bool HasChecksum { get; }

    /// <summary>True when the client takes book snapshots over REST (Binance, Gate.io); OKX sends them on the stream.</summary>
    bool HasRestSnapshots { get; }

    /// <summary>
    /// How long past the venue's announced reset the client deliberately waits: zero where the venue gives an exact
    /// <c>Retry-After</c>; Gate.io's whole-second reset timestamp from its own clock gets FlowSight's window guard.
    /// </summary>
    TimeSpan ResetGuard { get; }

    /// <summary>True when the venue documents an IP-ban answer distinct from its rate-limit one (Binance's HTTP 418).</summary>
    bool HasIpBan { get; }

    /// <summary>
    /// The clock moves, in order, after which a client must give up a socket that went silent: Binance's data
    /// watchdog; OKX's and Gate.io's application ping after silence, then the pong timeout.
    /// </summary>
    IReadOnlyList<TimeSpan> SilenceSteps { get; }

    /// <summary>WebSocket connections the server accepted so far.</summary>
    int Connections { get; }

    /// <summary>True when every WebSocket connection the server accepted has closed.</summary>
    bool AllConnectionsClosed { get; }

    /// <summary>Book snapshots the client asked the venue for so far (REST snapshots; OKX: <c>books</c> subscriptions).</summary>
    int SnapshotRequests { get; }

    /// <summary>Every REST request the server answered, in order.</summary>
    IReadOnlyList<ConformanceRestRequest> RestRequests { get; }

    /// <summary>Starts the local server.</summary>
    Task StartAsync();

    /// <summary>The venue's real data client for the suite's instrument against the local server, on <see cref="Clock"/>.</summary>
    IMarketDataClient CreateClient(IMarketDataPublisher publisher);

    /// <summary>The venue publishes <paramref name="count"/> book updates to its subscribers (other messages may come between).</summary>
    Task PublishBookUpdatesAsync(int count);

    /// <summary>The venue's current book of the instrument (its own state, not what it sent).</summary>
    Task<ConformanceBook> BookAsync();

    /// <summary>Drops the current connection without a close handshake.</summary>
    void DropConnection();

    /// <summary>The next book update changes the venue's book but never reaches the client (a gap).</summary>
    Task SkipNextBookUpdateAsync();

    /// <summary>The next book update carries a wrong checksum (only when <see cref="HasChecksum"/>).</summary>
    void CorruptNextChecksum();

    /// <summary>Sends a truncated data frame of the book instrument on the current connection; returns how the frame starts on the wire.</summary>
    Task<string> SendMalformedFrameAsync();

    /// <summary>The current connection stops sending anything the client could take as a sign of life.</summary>
    void GoSilent();

    /// <summary>The next REST request is refused as the venue refuses a request over its limit.</summary>
    void RateLimitNextRestRequest();

    /// <summary>The next REST book snapshot request is refused as over the venue's limit (only when <see cref="HasRestSnapshots"/>).</summary>
    void RateLimitNextSnapshotRequest();

    /// <summary>True while the client's REST host holds a call back until a rate-limit refusal's reset (only when <see cref="HasRestSnapshots"/>).</summary>
    bool IsWaitingForReset(IMarketDataClient client);

    /// <summary>The next REST request is refused with the venue's IP ban (only when <see cref="HasIpBan"/>).</summary>
    void BanNextRestRequest();
}
