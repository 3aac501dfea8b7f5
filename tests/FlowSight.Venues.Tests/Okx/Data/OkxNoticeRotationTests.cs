using FlowSight.Venues.Network;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Data;

/// <summary>
/// OKX's <c>notice</c> (the server will close the socket for an upgrade) makes the connection open a replacement beside
/// the old socket and switch without a gap or a duplicate, de-duplicating the books by <c>seqId</c>.
/// </summary>
public sealed class OkxNoticeRotationTests
{
    [Fact]
    public async Task A_notice_rotates_to_a_new_socket_and_the_book_stays_correct()
    {
        await using var harness = await OkxDataHarness.StartAsync(o => o with { Channels = Venues.Okx.Data.OkxDataChannels.Books });
        await harness.Client.StartAsync();
        await harness.Server.PublishBookUpdatesAsync(OkxDataHarness.Swap, 5);
        await harness.WaitAsync(b => b.UpdatesApplied == 5, "the first updates");
        var first = await harness.Server.WaitForConnectionAsync(1);

        await first.SendTextAsync($"{{\"event\":\"notice\",\"code\":\"64008\",\"msg\":\"The connection will soon be closed for a service upgrade. Please reconnect.\",\"connId\":\"{first.ConnId}\"}}");
        await harness.States.WaitForAsync(ConnectionState.Rotating);
        var second = await harness.Server.WaitForConnectionAsync(2);
        await harness.Server.WaitAsync(() => second.Subscriptions.Count == 1, "the replacement's subscription");
        await harness.Server.PublishBookUpdatesAsync(OkxDataHarness.Swap, 5); // both sockets deliver these: confirmed on the new one
        await harness.States.WaitForAsync(ConnectionState.Subscribed, times: 2);
        await harness.Server.PublishBookUpdatesAsync(OkxDataHarness.Swap, 5);
        await harness.WaitAsync(b => b.UpdatesApplied == 15, "every update once");

        harness.AssertBookEqualsTheVenues();
        var book = harness.SwapBook;
        Assert.Equal((1L, 0L, 0L, 0L), (book.Snapshots, book.Gaps, book.ChecksumMismatched, book.ResubscribesRequested));
        var statistics = harness.Client.Streams.Connections.Single().GetStatistics();
        Assert.Equal(1, statistics.Rotations);
        Assert.True(statistics.DuplicatesDropped >= 1, $"the new socket's copies were dropped ({statistics.DuplicatesDropped})");
        Assert.Equal(1, harness.Client.Streams.Protocol.Notices);
    }
}
