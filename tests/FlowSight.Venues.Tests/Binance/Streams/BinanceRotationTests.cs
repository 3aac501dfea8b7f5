using FlowSight.TestServers.Binance;
using FlowSight.Venues.Network;
using FlowSight.Venues.Tests.Network.Support;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Streams;

/// <summary>
/// The proactive rotation before Binance's 24 h limit, on a fake clock: a new socket opens beside the old one and the
/// handler sees every recorded frame exactly once, in order, across the switch, however the two sockets' timing
/// differs.
/// </summary>
public sealed class BinanceRotationTests
{
    private static readonly TimeSpan Rotation = TimeSpan.FromHours(23);

    public enum Lag
    {
        None,
        NewSocketBehind,
        OldSocketBehind,
    }

    [Theory]
    [InlineData(Lag.None)]
    [InlineData(Lag.NewSocketBehind)]
    [InlineData(Lag.OldSocketBehind)]
    public async Task Rotation_before_24h_loses_and_duplicates_nothing(Lag lag)
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var connection = await harness.ConnectAsync(o => o with { RotationInterval = Rotation });
        await harness.Clock.WaitForTimerAsync(Rotation);
        var published = await harness.PublishAsync(100);
        await harness.Frames.WaitForCountAsync(100);

        harness.Clock.Advance(Rotation);
        var rotating = await harness.States.WaitForAsync(ConnectionState.Rotating);
        Assert.Contains("scheduled rotation", rotating.Reason, StringComparison.Ordinal);
        var oldSocket = await harness.Server.WaitForConnectionAsync(1);
        var newSocket = await harness.Server.WaitForConnectionAsync(2);
        await newSocket.WaitForSubscriptionsAsync(ConnectionHarness.UsdmStreams);

        // Both sockets now receive every frame; make one of them lag behind the other for a while.
        var lagging = lag switch { Lag.NewSocketBehind => newSocket, Lag.OldSocketBehind => oldSocket, _ => null };
        lagging?.Hold();
        published.AddRange(await harness.PublishAsync(60));
        if (lagging is not null)
        {
            await lagging.ReleaseAsync();
        }

        // Keep publishing until the client switched over (it needs each stream on both sockets).
        while (harness.States.Changes.Count(c => c.Current == ConnectionState.Subscribed) < 2)
        {
            Assert.False(harness.Server.Feed.IsAtEnd, $"no switch by the end of the recording: {string.Join(" > ", harness.States.States)}");
            published.AddRange(await harness.PublishAsync(5));
        }

        var switched = await harness.States.WaitForAsync(ConnectionState.Subscribed, times: 2);
        Assert.Contains("every stream confirmed", switched.Reason, StringComparison.Ordinal);
        await oldSocket.Closed.WaitAsync(TimeSpan.FromSeconds(15));
        published.AddRange(await harness.PublishAsync(100));
        await harness.Frames.WaitForCountAsync(published.Count);

        Assert.Equal(published.Count, harness.Frames.Count);
        Assert.Equal(published, harness.Frames.Frames);
        var statistics = connection.GetStatistics();
        Assert.Equal(1, statistics.Rotations);
        Assert.Equal(0, statistics.UnconfirmedStreamsAtSwitch);
        Assert.True(statistics.DuplicatesDropped > 0);
        Assert.Equal(0, statistics.Reconnects);
        Assert.Equal(2, harness.Server.Connections.Count);
        Assert.Equal(
            [ConnectionState.Connecting, ConnectionState.Connected, ConnectionState.Subscribed, ConnectionState.Rotating, ConnectionState.Subscribed],
            harness.States.States);

        // The next rotation is scheduled 23 h after the switch.
        await harness.Clock.WaitForTimerAsync(Rotation);
    }

    [Fact]
    public async Task A_server_shutdown_notice_rotates_at_once()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var connection = await harness.ConnectAsync();
        var oldSocket = await harness.Server.WaitForConnectionAsync(1);
        var published = await harness.PublishAsync(20);

        await oldSocket.SendTextAsync("{\"e\":\"serverShutdown\",\"E\":1723161256299}");
        var rotating = await harness.States.WaitForAsync(ConnectionState.Rotating);
        Assert.Equal("venue notice: serverShutdown", rotating.Reason);
        await (await harness.Server.WaitForConnectionAsync(2)).WaitForSubscriptionsAsync(ConnectionHarness.UsdmStreams);
        while (harness.States.Changes.Count(c => c.Current == ConnectionState.Subscribed) < 2)
        {
            published.AddRange(await harness.PublishAsync(5));
        }

        await oldSocket.Closed.WaitAsync(TimeSpan.FromSeconds(15));
        published.AddRange(await harness.PublishAsync(20));
        await harness.Frames.WaitForCountAsync(published.Count);
        Assert.Equal(published, harness.Frames.Frames);
        Assert.Equal(1, harness.Protocol.ServerShutdowns);
        Assert.Equal(1, connection.GetStatistics().Rotations);
    }

    [Fact]
    public async Task A_failed_rotation_keeps_the_old_socket_and_retries_later()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var connection = await harness.ConnectAsync(o => o with { RotationInterval = Rotation, RotationRetryDelay = TimeSpan.FromMinutes(1) });
        await harness.Clock.WaitForTimerAsync(Rotation);
        harness.Server.RefuseConnections(1);

        harness.Clock.Advance(Rotation);
        var kept = await harness.States.WaitForAsync(ConnectionState.Subscribed, times: 2);
        Assert.Contains("rotation failed", kept.Reason, StringComparison.Ordinal);
        var published = await harness.PublishAsync(10);
        await harness.Frames.WaitForCountAsync(10);
        Assert.Equal(published, harness.Frames.Frames);
        Assert.Equal(1, connection.GetStatistics().FailedRotations);

        await harness.Clock.AdvanceWhenRequestedAsync(TimeSpan.FromMinutes(1));
        await harness.States.WaitForAsync(ConnectionState.Rotating, times: 2);
        await (await harness.Server.WaitForConnectionAsync(2)).WaitForSubscriptionsAsync(ConnectionHarness.UsdmStreams);
    }
}
