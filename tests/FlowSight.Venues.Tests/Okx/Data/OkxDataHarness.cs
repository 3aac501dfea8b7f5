using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.TestServers.Okx;
using FlowSight.Venues.Okx;
using FlowSight.Venues.Okx.Book;
using FlowSight.Venues.Okx.Data;
using FlowSight.Venues.Tests.Binance.Data;
using FlowSight.Venues.Tests.Network.Support;
using FlowSight.Venues.Tests.Okx.Streams;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Data;

/// <summary>An <see cref="OkxTestServer"/> and an <see cref="OkxDataClient"/> against it on one fake clock, publishing into a <see cref="CollectingPublisher"/>.</summary>
internal sealed class OkxDataHarness : IAsyncDisposable
{
    public const string Swap = OkxStreamHarness.Swap;

    private readonly IDisposable _states;

    private OkxDataHarness(RecordingTimeProvider clock, OkxTestServer server, OkxDataClientOptions options)
    {
        Clock = clock;
        Server = server;
        Client = new OkxDataClient(options, Publisher, clock);
        _states = Client.Streams.StateChanges.Subscribe(States);
    }

    public static InstrumentId SwapId { get; } = OkxInstrumentIds.Of(Swap);

    public RecordingTimeProvider Clock { get; }

    public OkxTestServer Server { get; }

    public OkxDataClient Client { get; }

    public CollectingPublisher Publisher { get; } = new();

    public StateRecorder States { get; } = new();

    public OkxBookFeedStatistics SwapBook => Client.GetStatistics().Books.Single(b => b.Instrument == SwapId.Value);

    public static async Task<OkxDataHarness> StartAsync(Func<OkxDataClientOptions, OkxDataClientOptions>? configure = null, string? recording = null)
    {
        var clock = new RecordingTimeProvider();
        var server = await OkxTestServer.StartAsync(new OkxTestServerOptions { SyntheticBooks = [Swap], RecordingPath = recording, TimeProvider = clock });
        var options = new OkxDataClientOptions
        {
            InstIds = [Swap],
            StreamBaseUri = server.WebSocketBaseUri,
            LoadInstruments = false,
            ConfigureConnection = OkxStreamHarness.ConfigureConnection,
        };
        return new OkxDataHarness(clock, server, configure?.Invoke(options) ?? options);
    }

    public Task WaitAsync(Func<OkxBookFeedStatistics, bool> condition, string what) =>
        Publisher.WaitUntilAsync(() => condition(SwapBook), $"{what} (now {SwapBook})");

    /// <summary>The client's book and the engine's copy both equal the server's book, level for level, and the checksums agree.</summary>
    public void AssertBookEqualsTheVenues()
    {
        var venue = Server.Book(Swap);
        var book = Client.BookOf(SwapId) ?? throw new InvalidOperationException("no book yet");
        Assert.Equal(venue.Checksum(), OkxChecksum.Compute(book));
        AssertSide(venue.Bids, Levels(book, OrderSide.Buy));
        AssertSide(venue.Asks, Levels(book, OrderSide.Sell));
        AssertSide(venue.Bids, Publisher.Top(SwapId, OrderSide.Buy, 512));
        AssertSide(venue.Asks, Publisher.Top(SwapId, OrderSide.Sell, 512));
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _states.Dispose();
        await Server.DisposeAsync();
    }

    private static BookLevel[] Levels(L2OrderBook book, OrderSide side)
    {
        var levels = new BookLevel[512];
        return levels[..book.CopyLevels(side, levels)];
    }

    private static void AssertSide(IReadOnlyList<(string Price, string Size)> expected, BookLevel[] actual) =>
        Assert.Equal(
            expected.Select(l => (decimal.Parse(l.Price, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(l.Size, System.Globalization.CultureInfo.InvariantCulture))),
            actual.Select(l => (l.Price.ToDecimal(), l.Size.ToDecimal())));
}
