using FlowSight.Core;
using FlowSight.Venues.Data;
using FlowSight.Venues.Network;
using FlowSight.Venues.Tests.Binance.Data;
using FlowSight.Venues.Tests.Network.Support;
using Xunit;

namespace FlowSight.Venues.Tests.Conformance;

/// <summary>
/// One fault-injection suite every venue passes, written only against <see cref="IMarketDataClient"/> and the events it
/// publishes: a real data client over real sockets and HTTP against a local server speaking the venue's protocol, on
/// a fake clock. After every fault the client's book (as the engine receives it) equals the venue's own book, level
/// for level, at the venue's sequence. Each venue derives once and supplies an <see cref="IConformanceVenue"/>.
/// </summary>
public abstract class MarketDataConformanceTests : IAsyncLifetime
{
    private const int Levels = 20;
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(15);

    private readonly StateRecorder _states = new();
    private IConformanceVenue? _venue;
    private IMarketDataClient? _client;

    private IConformanceVenue Venue => _venue ?? throw new InvalidOperationException("Not initialised.");

    private IMarketDataClient Client => _client ?? throw new InvalidOperationException("No client yet.");

    private CollectingPublisher Publisher { get; } = new();

    private BookFeedHealth Book => Client.GetHealth().Books.Single();

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _venue = CreateVenue();
        await _venue.StartAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_venue is not null)
        {
            await _venue.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Syncs_and_the_book_equals_the_venues()
    {
        await StartSyncedAsync();
        await Venue.PublishBookUpdatesAsync(10);
        await AssertBookEqualsTheVenuesAsync();

        var health = Client.GetHealth();
        Assert.Equal((0L, 0L, 0L), (Book.Gaps, Book.ChecksumMismatches, health.Malformed));
        Assert.True(Book.UpdatesApplied > 0);
        Assert.Contains(ConnectionState.Subscribed, _states.States);
    }

    [Fact]
    public async Task Disposing_the_client_closes_its_socket()
    {
        await StartSyncedAsync();

        await Client.DisposeAsync();
        _client = null;

        await WaitAsync(() => Venue.AllConnectionsClosed, "the venue to see the socket closed");
        Assert.Equal(1, Venue.Connections);
    }

    [Fact]
    public async Task A_dropped_connection_reconnects_resubscribes_resyncs_and_the_book_equals_the_venues()
    {
        await StartSyncedAsync();
        var snapshots = Publisher.Snapshots;
        var requests = Venue.SnapshotRequests;

        Venue.DropConnection();
        var reconnecting = await _states.WaitForAsync(ConnectionState.Reconnecting);
        await Venue.PublishBookUpdatesAsync(5); // missed: nobody is subscribed while the client waits to reconnect
        Assert.False(Book.Synced, $"the health reports a synced book while its socket is down ({Book})");
        await Venue.Clock.AdvanceWhenRequestedAsync(reconnecting.RetryDelay!.Value);
        await _states.WaitForAsync(ConnectionState.Subscribed, times: 2);
        await ResyncedAsync(requests);

        await AssertBookEqualsTheVenuesAsync();
        Assert.Equal(2, Venue.Connections);
        Assert.True(Publisher.Snapshots > snapshots, "the book was rebuilt from a snapshot taken after the reconnect");
        Assert.Equal(0, Book.ChecksumMismatches);
        Assert.True(Book.Resyncs >= 1, $"the health reports the rebuild ({Book})");
        Assert.Equal(_states.States, [.. Publisher.States.Select(s => s.Current)]); // the engine saw every state change too
    }

    [Fact]
    public async Task A_skipped_book_update_is_a_gap_that_resyncs_and_the_book_equals_the_venues()
    {
        await StartSyncedAsync();
        var snapshots = Publisher.Snapshots;
        var requests = Venue.SnapshotRequests;

        await Venue.SkipNextBookUpdateAsync();
        await Venue.PublishBookUpdatesAsync(3); // the update after the lost one shows the gap
        await ResyncedAsync(requests);

        await AssertBookEqualsTheVenuesAsync();
        Assert.Equal((1L, 1L), (Book.Gaps, Book.Resyncs));
        Assert.True(Publisher.Snapshots > snapshots, "the book was rebuilt from a new snapshot");
        Assert.Equal((1, 0L), (Venue.Connections, Client.GetHealth().Malformed));
        Assert.DoesNotContain(ConnectionState.Reconnecting, _states.States);
    }

    /// <summary>For venues with book checksums (OKX): a bad checksum resubscribes and the new snapshot makes the book equal the venue's.</summary>
    private protected async Task BadChecksumResubscribesAsync()
    {
        Assert.True(Venue.HasChecksum, "The venue sends no book checksum.");
        await StartSyncedAsync();
        var snapshots = Publisher.Snapshots;
        var requests = Venue.SnapshotRequests;

        Venue.CorruptNextChecksum();
        await Venue.PublishBookUpdatesAsync(3);
        await ResyncedAsync(requests);

        await AssertBookEqualsTheVenuesAsync();
        Assert.Equal((1L, 0L, 1L), (Book.ChecksumMismatches, Book.Gaps, Book.Resyncs));
        Assert.True(Publisher.Snapshots > snapshots, "the book was rebuilt from a new snapshot");
        Assert.Equal(1, Venue.Connections);
    }

    [Fact]
    public async Task A_forced_resync_rebuilds_the_book_from_a_new_snapshot()
    {
        await StartSyncedAsync();
        var snapshots = Publisher.Snapshots;
        var requests = Venue.SnapshotRequests;

        Client.Resync(Book.Instrument);
        await ResyncedAsync(requests);

        await AssertBookEqualsTheVenuesAsync();
        Assert.True(Publisher.Snapshots > snapshots, "the book was rebuilt from a new snapshot");
        Assert.Equal((0L, 0L, 1L, 1), (Book.Gaps, Book.ChecksumMismatches, Book.Resyncs, Venue.Connections));
    }

    [Fact]
    public async Task A_malformed_frame_is_skipped_and_counted_and_the_connection_stays()
    {
        await StartSyncedAsync();
        var requests = Venue.SnapshotRequests;

        var frame = await Venue.SendMalformedFrameAsync();
        await Venue.PublishBookUpdatesAsync(10);
        await AssertBookEqualsTheVenuesAsync();

        var health = Client.GetHealth();
        Assert.Equal(1, health.Malformed);
        var sample = health.LastMalformedSample ?? string.Empty;
        Assert.True(sample.Length > 0 && (sample.StartsWith(frame, StringComparison.Ordinal) || frame.StartsWith(sample, StringComparison.Ordinal)), $"the sample is not the malformed frame: {sample}");
        Assert.Equal((1, requests, 0L), (Venue.Connections, Venue.SnapshotRequests, Book.Gaps));
        Assert.DoesNotContain(ConnectionState.Reconnecting, _states.States);
    }

    [Fact]
    public async Task A_silent_stream_is_given_up_and_the_client_reconnects_and_resyncs()
    {
        await StartSyncedAsync();
        var requests = Venue.SnapshotRequests;

        Venue.GoSilent();
        foreach (var step in Venue.SilenceSteps)
        {
            Assert.DoesNotContain(ConnectionState.Reconnecting, _states.States); // not given up before its time
            Venue.Clock.Advance(step);
        }

        var reconnecting = await _states.WaitForAsync(ConnectionState.Reconnecting);
        Assert.False(string.IsNullOrEmpty(reconnecting.Reason));
        await Venue.Clock.AdvanceWhenRequestedAsync(reconnecting.RetryDelay!.Value);
        await _states.WaitForAsync(ConnectionState.Subscribed, times: 2);
        await ResyncedAsync(requests);

        await AssertBookEqualsTheVenuesAsync();
        Assert.Equal(2, Venue.Connections);
        Assert.True(Book.Resyncs >= 1, $"the health reports the rebuild ({Book})");
    }

    [Fact]
    public Task A_rate_limited_rest_request_waits_for_the_venues_reset_then_succeeds() => RefusedRestRequestAsync(Venue.RateLimitNextRestRequest);

    /// <summary>For venues with an IP-ban answer (Binance 418): the client waits for its Retry-After, then succeeds.</summary>
    private protected Task IpBanWaitsForRetryAfterAsync()
    {
        Assert.True(Venue.HasIpBan, "The venue documents no IP-ban answer.");
        return RefusedRestRequestAsync(Venue.BanNextRestRequest);
    }

    /// <summary>For venues whose book snapshots come over REST (Binance, Gate.io): a rate-limited snapshot waits for the reset, then the book syncs.</summary>
    private protected async Task RateLimitedSnapshotWaitsForResetAsync()
    {
        Assert.True(Venue.HasRestSnapshots, "The venue sends its book snapshots on the stream.");
        Venue.RateLimitNextSnapshotRequest();
        _client = CreateClient();
        await _client.StartAsync(TestContext.Current.CancellationToken);

        await WaitAsync(() => Venue.RestRequests.Any(r => r.RetryNotBefore is not null), "the venue's rate-limit refusal");
        var refused = Venue.RestRequests.Single(r => r.RetryNotBefore is not null);
        await WaitAsync(() => Venue.IsWaitingForReset(Client), "the client to hold its snapshot request back");
        Assert.Equal(refused, Venue.RestRequests[^1]); // nothing sent while the clock stood still
        Assert.False(Book.Synced);
        Venue.Clock.Advance(refused.RetryNotBefore!.Value - refused.Time + Venue.ResetGuard);
        await SyncedAsync();

        var after = Venue.RestRequests.SkipWhile(r => r != refused).Skip(1).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, r => Assert.True(r.Time >= refused.RetryNotBefore, $"a request at {r.Time:O}, before the venue's reset at {refused.RetryNotBefore:O}"));
        Assert.Equal(0, Book.Gaps);
    }

    /// <summary>The venue under test.</summary>
    private protected abstract IConformanceVenue CreateVenue();

    /// <summary>The venue refuses the client's first REST request; the client sends nothing before the venue's reset, then succeeds and syncs.</summary>
    private async Task RefusedRestRequestAsync(Action refuseNext)
    {
        refuseNext();
        _client = CreateClient();
        var timers = Venue.Clock.Requested.Count;
        var starting = _client.StartAsync(TestContext.Current.CancellationToken);

        await WaitAsync(() => Venue.RestRequests.Any(r => r.RetryNotBefore is not null), "the venue's rate-limit refusal");
        var refused = Venue.RestRequests.Single(r => r.RetryNotBefore is not null);
        var reset = refused.RetryNotBefore!.Value - refused.Time;

        // Before the refusal only the request's own timeout timer runs; the client's wait for the reset is the second
        // timer at least that long. Then the clock moves exactly to the venue's reset (plus the client's documented
        // guard for venues whose reset is a whole-second timestamp), not a tick further.
        await WaitAsync(() => Venue.Clock.Requested.Skip(timers).Count(t => t >= reset) >= 2, $"the client to wait {reset} for the venue's reset");
        Assert.False(starting.IsCompleted, "the client gave up instead of waiting");
        Assert.Equal(refused, Venue.RestRequests[^1]); // nothing sent while the clock stood still
        Venue.Clock.Advance(reset + Venue.ResetGuard);
        await starting.WaitAsync(WaitTimeout, TestContext.Current.CancellationToken);
        await SyncedAsync();

        var refusedAt = Venue.RestRequests.ToList().IndexOf(refused);
        var after = Venue.RestRequests.Skip(refusedAt + 1).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, r => Assert.True(r.Time >= refused.RetryNotBefore, $"a request at {r.Time:O}, before the venue's reset at {refused.RetryNotBefore:O}"));
        Assert.All(after, r => Assert.Equal(200, r.Status));
        Assert.NotEmpty(Client.Specs); // the refused request was retried and succeeded
        await Venue.PublishBookUpdatesAsync(10);
        await AssertBookEqualsTheVenuesAsync();
    }

    private IMarketDataClient CreateClient()
    {
        var client = Venue.CreateClient(Publisher);
        client.StateChanged += _states.OnNext;
        return client;
    }

    /// <summary>Starts the client, waits for its first snapshot request, then lets the venue publish until the book is synced.</summary>
    private async Task StartSyncedAsync()
    {
        _client = CreateClient();
        await _client.StartAsync(TestContext.Current.CancellationToken);
        await SyncedAsync();
    }

    private async Task SyncedAsync()
    {
        await WaitAsync(() => Venue.SnapshotRequests >= 1, "the first snapshot request");
        await Venue.PublishBookUpdatesAsync(10);
        await AssertBookEqualsTheVenuesAsync();
    }

    /// <summary>Waits until the client asked for a new snapshot, then lets the venue publish on so the book can chain on it.</summary>
    private async Task ResyncedAsync(int snapshotRequestsBefore)
    {
        await WaitAsync(() => Venue.SnapshotRequests > snapshotRequestsBefore, "a new snapshot request");
        await Venue.PublishBookUpdatesAsync(10);
    }

    /// <summary>
    /// Waits until the client's book is synced at the venue's sequence, then compares the top levels of both sides as
    /// the engine received them (the publisher's copy) with the venue's own book.
    /// </summary>
    private async Task AssertBookEqualsTheVenuesAsync()
    {
        var venue = await Venue.BookAsync();
        await WaitAsync(() => Book is { Synced: true } b && b.LastSequence >= venue.Sequence, $"the book synced at the venue's sequence {venue.Sequence}");
        Assert.Equal(venue.Sequence, Book.LastSequence);
        var instrument = Book.Instrument;
        foreach (var (side, expected) in new[] { (OrderSide.Buy, venue.Bids), (OrderSide.Sell, venue.Asks) })
        {
            var want = expected.Take(Levels).ToList();
            var got = Publisher.Top(instrument, side, Levels).Select(l => (l.Price.ToDecimal(), l.Size.ToDecimal())).ToList();
            Assert.True(want.SequenceEqual(got), $"{side} levels differ at {venue.Sequence}: venue {string.Join(' ', want.Take(5))} …, client {string.Join(' ', got.Take(5))} … ({Book})");
        }
    }

    private async Task WaitAsync(Func<bool> condition, string what)
    {
        try
        {
            await Publisher.WaitUntilAsync(condition, what, WaitTimeout);
        }
        catch (TimeoutException ex)
        {
            var book = _client?.GetHealth().Books.SingleOrDefault()?.ToString() ?? "-";
            throw new TimeoutException($"{ex.Message} Book: {book}; states: {string.Join(" > ", _states.States)}; snapshot requests: {Venue.SnapshotRequests}; connections: {Venue.Connections}.", ex);
        }
    }
}
