using FlowSight.Venues.Network;
using FlowSight.Venues.Okx.Data;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Data;

/// <summary>
/// <see cref="OkxDataClient"/> against the local OKX server's synthetic <c>books</c> feed (with <c>seqId</c>/<c>prevSeqId</c>
/// and true checksums) over real sockets, on a fake clock: the book stays equal to the venue's; a gap, a checksum
/// mismatch and a dropped connection each end in a new snapshot and a correct book again.
/// </summary>
public sealed class OkxDataClientTests
{
    [Fact]
    public async Task Updates_keep_the_book_equal_to_the_venues_with_every_checksum_verified()
    {
        await using var harness = await OkxDataHarness.StartAsync();
        await harness.Client.StartAsync();

        await harness.Server.PublishBookUpdatesAsync(OkxDataHarness.Swap, 100);
        await harness.Server.PublishBookHeartbeatAsync(OkxDataHarness.Swap);
        await harness.WaitAsync(b => b.UpdatesApplied == 100 && b.Heartbeats == 1, "100 updates and a heartbeat");

        harness.AssertBookEqualsTheVenues();
        var book = harness.SwapBook;
        Assert.Equal((1L, 102L, 0L, 0L, 0L), (book.Snapshots, book.ChecksumChecked, book.ChecksumMismatched, book.Gaps, book.ResubscribesRequested));
        Assert.True(book.Synced);
        Assert.Equal(harness.Server.Book(OkxDataHarness.Swap).SeqId, book.LastSeqId);
        Assert.Equal(0, harness.Client.GetStatistics().Malformed);
    }

    [Fact]
    public async Task A_gap_resubscribes_the_channel_and_the_new_snapshot_makes_the_book_correct_again()
    {
        await using var harness = await OkxDataHarness.StartAsync();
        await harness.Client.StartAsync();
        await harness.Server.PublishBookUpdatesAsync(OkxDataHarness.Swap, 10);
        harness.Server.DropNextBookUpdates(OkxDataHarness.Swap);

        await harness.Server.PublishBookUpdatesAsync(OkxDataHarness.Swap, 5);
        await harness.WaitAsync(b => b.Resubscribes == 1 && b.Snapshots == 2 && b.Synced, "the resubscription's snapshot");
        await harness.Server.PublishBookUpdatesAsync(OkxDataHarness.Swap, 10);
        await harness.WaitAsync(b => b.UpdatesApplied == 20, "the updates after the new snapshot");

        harness.AssertBookEqualsTheVenues();
        var book = harness.SwapBook;
        Assert.Equal((1L, 1L, 0L), (book.Gaps, book.ResubscribesRequested, book.ChecksumMismatched));
        var sent = harness.Server.Connections.Single().ReceivedMessages;
        Assert.Contains(sent, m => m.Contains("\"op\":\"unsubscribe\"", StringComparison.Ordinal) && m.Contains("\"books\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_checksum_mismatch_resubscribes_the_channel_and_the_book_is_rebuilt()
    {
        await using var harness = await OkxDataHarness.StartAsync();
        await harness.Client.StartAsync();
        await harness.Server.PublishBookUpdatesAsync(OkxDataHarness.Swap, 5);
        harness.Server.CorruptNextChecksum(OkxDataHarness.Swap);

        await harness.Server.PublishBookUpdatesAsync(OkxDataHarness.Swap, 3);
        await harness.WaitAsync(b => b.ChecksumMismatched == 1 && b.Resubscribes == 1 && b.Snapshots == 2 && b.Synced, "the resubscription after the mismatch");
        await harness.Server.PublishBookUpdatesAsync(OkxDataHarness.Swap, 5);
        await harness.WaitAsync(b => b.UpdatesApplied >= 11, "the updates after the new snapshot");

        harness.AssertBookEqualsTheVenues();
        Assert.Equal(0, harness.SwapBook.Gaps);
    }

    [Fact]
    public async Task A_dropped_connection_reconnects_resubscribes_and_resyncs_the_book_from_the_new_snapshot()
    {
        await using var harness = await OkxDataHarness.StartAsync();
        await harness.Client.StartAsync();
        await harness.Server.PublishBookUpdatesAsync(OkxDataHarness.Swap, 5);
        await harness.WaitAsync(b => b.UpdatesApplied == 5, "the first updates");

        (await harness.Server.WaitForConnectionAsync(1)).Abort();
        var reconnecting = await harness.States.WaitForAsync(ConnectionState.Reconnecting);
        await harness.Server.PublishBookUpdatesAsync(OkxDataHarness.Swap, 7); // missed while disconnected
        await harness.Clock.AdvanceWhenRequestedAsync(reconnecting.RetryDelay!.Value);
        await harness.States.WaitForAsync(ConnectionState.Subscribed, times: 2);
        await harness.WaitAsync(b => b.Snapshots == 2 && b.Synced, "the new socket's snapshot");
        await harness.Server.PublishBookUpdatesAsync(OkxDataHarness.Swap, 5);
        await harness.WaitAsync(b => b.UpdatesApplied == 10, "the updates after the reconnect");

        harness.AssertBookEqualsTheVenues();
        var book = harness.SwapBook;
        Assert.Equal((0L, 0L, 0L), (book.Gaps, book.ChecksumMismatched, book.Resubscribes));
        var second = await harness.Server.WaitForConnectionAsync(2);
        Assert.Equal(["books:BTC-USDT-SWAP", "trades:BTC-USDT-SWAP", "tickers:BTC-USDT-SWAP"], second.Subscriptions);
    }

    [Fact]
    public async Task A_malformed_frame_is_counted_and_sampled_and_the_book_goes_on()
    {
        await using var harness = await OkxDataHarness.StartAsync();
        await harness.Client.StartAsync();
        var server = await harness.Server.WaitForConnectionAsync(1);

        await server.SendTextAsync("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT-SWAP\"},\"action\":\"update\",\"data\":[{\"asks\":[[\"1\"");
        await harness.Server.PublishBookUpdatesAsync(OkxDataHarness.Swap, 3);
        await harness.WaitAsync(b => b.UpdatesApplied == 3, "the updates after the bad frame");

        var statistics = harness.Client.GetStatistics();
        Assert.Equal(1, statistics.Malformed);
        Assert.StartsWith("{\"arg\"", statistics.LastMalformedSample, StringComparison.Ordinal);
        harness.AssertBookEqualsTheVenues();
    }

    [Fact]
    public async Task An_unknown_instrument_fails_the_start_with_OKXs_error()
    {
        await using var harness = await OkxDataHarness.StartAsync(o => o with { InstIds = ["NOPE-USDT"] });

        var refused = await Assert.ThrowsAsync<WebSocketRequestException>(() => harness.Client.StartAsync());

        Assert.Equal(60018, refused.Code);
        Assert.Equal(1, harness.Client.GetStatistics().ErrorReplies);
    }
}
