using FlowSight.Venues.Network;
using FlowSight.Venues.Tests.Network.Support;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Streams;

/// <summary>SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS with ids and checked replies, against the local server.</summary>
public sealed class BinanceStreamProtocolTests
{
    [Fact]
    public async Task Subscribe_is_acknowledged_and_listed()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var connection = await harness.ConnectAsync();
        var server = await harness.Server.WaitForConnectionAsync(1);

        var request = Assert.Single(server.ReceivedMessages);
        Assert.Equal("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth@0ms\",\"btcusdt@trade\",\"btcusdt@bookTicker\"],\"id\":1}", request.Text);
        Assert.Equal(ConnectionHarness.UsdmStreams, await harness.Protocol.ListSubscriptionsAsync(connection.ActiveSession!, CancellationToken.None));
        Assert.Equal("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}", server.ReceivedMessages[1].Text);
    }

    [Fact]
    public async Task Streams_added_and_removed_later_are_sent_and_acknowledged()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var connection = await harness.ConnectAsync();
        var server = await harness.Server.WaitForConnectionAsync(1);

        await connection.SubscribeAsync(["ethusdt@aggTrade"]);
        Assert.True(server.IsSubscribed("ethusdt@aggTrade"));
        await connection.UnsubscribeAsync(["btcusdt@trade", "ethusdt@aggTrade"]);
        Assert.Equal(["btcusdt@depth@0ms", "btcusdt@bookTicker"], server.Subscriptions);
        Assert.Equal(["btcusdt@depth@0ms", "btcusdt@bookTicker"], connection.Topics);
        Assert.Equal("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@trade\",\"ethusdt@aggTrade\"],\"id\":3}", server.ReceivedMessages[^1].Text);

        // No more trades arrive once unsubscribed.
        var published = await harness.PublishAsync(300);
        var expected = published.Where(f => !f.Contains("@trade", StringComparison.Ordinal)).ToList();
        await harness.Frames.WaitForCountAsync(expected.Count);
        Assert.Equal(expected, harness.Frames.Frames);
    }

    [Fact]
    public async Task An_error_reply_fails_the_request_with_the_venue_s_code_and_message()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var connection = await harness.ConnectAsync();
        harness.Server.FailNextRequests(1, code: 2, message: "Invalid request: invalid stream");

        var error = await Assert.ThrowsAsync<WebSocketRequestException>(() => connection.SubscribeAsync(["nonsense@trade"]));
        Assert.Equal(2, error.Code);
        Assert.Equal("Invalid request: invalid stream", error.VenueMessage);
        Assert.Equal(2, error.RequestId);
        Assert.DoesNotContain("nonsense@trade", connection.Topics);
        Assert.Equal(1, harness.Protocol.ErrorReplies);
        Assert.Equal(ConnectionState.Subscribed, connection.State);
    }

    [Fact]
    public async Task An_unanswered_request_times_out_on_the_clock()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var connection = await harness.ConnectAsync();
        harness.Server.DropReplies = true;

        var pending = connection.SubscribeAsync(["ethusdt@trade"]);
        await harness.Clock.AdvanceWhenRequestedAsync(TimeSpan.FromSeconds(10));
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => pending);
        Assert.Contains("no reply to request 2 within 10 s", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delayed_acknowledgement_is_awaited()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var connection = await harness.ConnectAsync();
        harness.Server.ReplyDelay = TimeSpan.FromSeconds(3);

        var pending = connection.SubscribeAsync(["ethusdt@trade"]);
        await harness.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        Assert.False(pending.IsCompleted);
        harness.Clock.Advance(TimeSpan.FromSeconds(3));
        await pending.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Contains("ethusdt@trade", connection.Topics);
    }

    [Fact]
    public async Task A_refused_subscription_on_connect_counts_as_a_failed_attempt()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        var connection = harness.CreateConnection();
        await connection.SubscribeAsync(ConnectionHarness.UsdmStreams);
        harness.Server.FailNextRequests(1);
        var started = connection.StartAsync();

        var reconnecting = await harness.States.WaitForAsync(ConnectionState.Reconnecting);
        Assert.Contains("injected failure", reconnecting.Reason, StringComparison.Ordinal);
        await harness.Clock.AdvanceWhenRequestedAsync(reconnecting.RetryDelay!.Value);
        await started.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(1, connection.GetStatistics().FailedAttempts);
        Assert.Equal(ConnectionHarness.UsdmStreams, (await harness.Server.WaitForConnectionAsync(2)).Subscriptions);
    }
}
