using System.Text.Json;
using FlowSight.Venues.Network;
using FlowSight.Venues.Okx.Streams;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Streams;

/// <summary>
/// <see cref="OkxStreamClient"/> and <see cref="OkxStreamProtocol"/> against the local OKX server over real sockets:
/// checked acknowledgements, refused subscriptions, endpoints, unsubscribe.
/// </summary>
public sealed class OkxStreamClientTests
{
    [Fact]
    public async Task Subscribing_waits_for_every_args_acknowledgement_and_delivers_the_pushes()
    {
        await using var harness = await OkxStreamHarness.StartAsync();
        string[] topics = [OkxTopics.Books(OkxStreamHarness.Swap), OkxTopics.Trades(OkxStreamHarness.Swap), OkxTopics.Tickers(OkxStreamHarness.Spot)];

        await harness.Client.SubscribeAsync(topics);

        var server = await harness.Server.WaitForConnectionAsync(1);
        Assert.Equal("/ws/v5/public", server.Path);
        Assert.Equal(topics, server.Subscriptions);
        Assert.Equal(3, harness.Client.Protocol.Acknowledgements);
        using (var request = JsonDocument.Parse(server.ReceivedMessages.Single()))
        {
            Assert.Equal("subscribe", request.RootElement.GetProperty("op").GetString());
            Assert.False(string.IsNullOrEmpty(request.RootElement.GetProperty("id").GetString()));
            Assert.Equal(
                ["books:BTC-USDT-SWAP", "trades:BTC-USDT-SWAP", "tickers:BTC-USDT"],
                request.RootElement.GetProperty("args").EnumerateArray().Select(a => $"{a.GetProperty("channel").GetString()}:{a.GetProperty("instId").GetString()}"));
        }

        // The books snapshot follows the acknowledgement; acks themselves are never delivered as data.
        await harness.Frames.WaitForCountAsync(1);
        await harness.Server.PublishBookUpdatesAsync(OkxStreamHarness.Swap, 3);
        await harness.Frames.WaitForCountAsync(4);
        Assert.All(harness.Frames.Frames, f => Assert.StartsWith("{\"arg\":{\"channel\":\"books\"", f, StringComparison.Ordinal));
        Assert.Contains("\"action\":\"snapshot\"", harness.Frames.Frames[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_instrument_is_refused_with_OKXs_error_and_not_kept()
    {
        await using var harness = await OkxStreamHarness.StartAsync();
        await harness.Client.SubscribeAsync([OkxTopics.Trades(OkxStreamHarness.Swap)]);

        var refused = await Assert.ThrowsAsync<WebSocketRequestException>(() => harness.Client.SubscribeAsync([OkxTopics.Books("NOPE-USDT")]));

        Assert.Equal(60018, refused.Code);
        Assert.Contains("NOPE-USDT", refused.VenueMessage, StringComparison.Ordinal);
        Assert.Equal([OkxTopics.Trades(OkxStreamHarness.Swap)], harness.Client.Topics);
        Assert.Equal(1, harness.Client.Protocol.ErrorReplies);
        Assert.Equal(0, harness.Client.Protocol.UncorrelatedReplies);
    }

    [Fact]
    public async Task A_refused_first_subscription_fails_the_start_with_the_venue_error()
    {
        await using var harness = await OkxStreamHarness.StartAsync();
        harness.Server.FailNextRequests(1, "60012");

        var refused = await Assert.ThrowsAsync<WebSocketRequestException>(() => harness.Client.SubscribeAsync([OkxTopics.Books(OkxStreamHarness.Swap)]));

        Assert.Equal(60012, refused.Code);
        Assert.Empty(harness.Client.Topics);
    }

    [Fact]
    public async Task Candles_are_subscribed_on_the_business_endpoint()
    {
        await using var harness = await OkxStreamHarness.StartAsync();

        await harness.Client.SubscribeAsync([OkxTopics.Books(OkxStreamHarness.Swap), OkxTopics.Candle("1m", OkxStreamHarness.Swap)]);

        Assert.Equal(2, harness.Client.Connections.Count);
        var paths = harness.Server.Connections.Select(c => (c.Path, string.Join(",", c.Subscriptions))).Order().ToArray();
        Assert.Equal([("/ws/v5/business", "candle1m:BTC-USDT-SWAP"), ("/ws/v5/public", "books:BTC-USDT-SWAP")], paths);
    }

    [Fact]
    public async Task Unsubscribe_waits_for_the_acknowledgement_and_resubscribe_brings_a_new_snapshot()
    {
        await using var harness = await OkxStreamHarness.StartAsync();
        var books = OkxTopics.Books(OkxStreamHarness.Swap);
        await harness.Client.SubscribeAsync([books, OkxTopics.Trades(OkxStreamHarness.Swap)]);
        await harness.Frames.WaitForCountAsync(1);

        await harness.Client.ResubscribeAsync(books);
        await harness.Frames.WaitForCountAsync(2);
        Assert.Contains("\"action\":\"snapshot\"", harness.Frames.Frames[1], StringComparison.Ordinal);

        await harness.Client.UnsubscribeAsync([books]);
        var server = harness.Server.Connections.Single();
        Assert.Equal([OkxTopics.Trades(OkxStreamHarness.Swap)], server.Subscriptions);
        Assert.Equal(5, harness.Client.Protocol.Acknowledgements); // 2 subscribed, 1 + 1 resubscribed, 1 unsubscribed
    }

    [Fact]
    public async Task No_acknowledgement_in_time_is_a_timeout_on_the_injected_clock()
    {
        await using var harness = await OkxStreamHarness.StartAsync(new OkxStreamProtocolOptions { RequestTimeout = TimeSpan.FromSeconds(7) });
        await harness.Client.SubscribeAsync([OkxTopics.Trades(OkxStreamHarness.Swap)]);
        harness.Server.DropReplies = true;

        var pending = harness.Client.SubscribeAsync([OkxTopics.Trades(OkxStreamHarness.Spot)]);
        await harness.Clock.AdvanceWhenRequestedAsync(TimeSpan.FromSeconds(7));

        await Assert.ThrowsAsync<TimeoutException>(() => pending);
    }

    [Fact]
    public async Task Connection_attempts_stay_within_OKXs_three_per_second()
    {
        await using var harness = await OkxStreamHarness.StartAsync(configure: o => o with { MaxTopicsPerConnection = 1 });
        string[] topics = [.. new[] { "books", "trades", "tickers", "books5" }.Select(c => OkxTopics.Of(c, OkxStreamHarness.Swap))];

        var subscribing = harness.Client.SubscribeAsync(topics);
        await harness.Server.WaitAsync(() => harness.Server.Connections.Count(c => c.Subscriptions.Count == 1) == 3, "three subscribed connections");
        Assert.False(subscribing.IsCompleted);
        Assert.Equal(3, harness.Server.ConnectionAttempts);

        await harness.Clock.AdvanceWhenRequestedAsync(TimeSpan.FromSeconds(1));
        await subscribing;
        Assert.Equal(4, harness.Server.ConnectionAttempts);
        Assert.Equal(4, harness.Client.Connections.Count);
    }
}
