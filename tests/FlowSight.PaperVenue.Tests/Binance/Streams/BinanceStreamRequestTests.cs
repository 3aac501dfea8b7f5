using System.Net.WebSockets;
using System.Text.Json;
using FlowSight.PaperVenue.Hosting;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Streams;

/// <summary>Live requests on a stream connection, answered and refused as Binance's "Live Subscribing/Unsubscribing" page documents.</summary>
public sealed class BinanceStreamRequestTests
{
    [Fact]
    public async Task Subscribe_list_unsubscribe_and_the_combined_property_are_acknowledged_with_their_ids()
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 0);
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws/btcusdt@depth"));

        await client.SendAsync("""{"method":"SUBSCRIBE","params":["btcusdt@aggTrade","ethusdt@bookTicker"],"id":1}""");
        Assert.Equal("""{"result":null,"id":1}""", (await Reply(client)).GetRawText());
        await client.SendAsync("""{"method":"UNSUBSCRIBE","params":["btcusdt@depth"],"id":312}""");
        Assert.Equal("""{"result":null,"id":312}""", (await Reply(client)).GetRawText());
        await client.SendAsync("""{"method":"LIST_SUBSCRIPTIONS","id":3}""");
        Assert.Equal("""{"result":["btcusdt@aggTrade","ethusdt@bookTicker"],"id":3}""", (await Reply(client)).GetRawText());
        await client.SendAsync("""{"method":"GET_PROPERTY","params":["combined"],"id":2}""");
        Assert.Equal("""{"result":false,"id":2}""", (await Reply(client)).GetRawText());
        await client.SendAsync("""{"method":"SET_PROPERTY","params":["combined",true],"id":5}""");
        Assert.Equal("""{"result":null,"id":5}""", (await Reply(client)).GetRawText());
        await client.SendAsync("""{"method":"GET_PROPERTY","params":["combined"],"id":6}""");
        Assert.Equal("""{"result":true,"id":6}""", (await Reply(client)).GetRawText());

        // From now on payloads come enveloped: join ETHUSDT's best bid, which changes its size.
        await JoinBestBidAsync(host, 1);
        var ticker = await client.NextMatchingAsync(m => m.TryGetProperty("stream", out _));
        Assert.Equal("ethusdt@bookTicker", ticker.GetProperty("stream").GetString());
        Assert.Equal("bookTicker", ticker.GetProperty("data").GetProperty("e").GetString());
    }

    [Theory]
    [InlineData("""{"method":"SUBSCRIBE","params":["btcusdt@trade"],"id":"x"}""", 2, "Invalid request: request ID must be an unsigned integer", "null")]
    [InlineData("""{"method":"LIST","id":7}""", 2, "Invalid request: unknown variant `LIST`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`", "7")]
    [InlineData("""{"method":"SET_PROPERTY","params":["binary",true],"id":8}""", 0, "Unknown property", "8")]
    [InlineData("""{"method":"SET_PROPERTY","params":["combined","yes"],"id":9}""", 1, "Invalid value type: expected Boolean", "9")]
    [InlineData("""{"method":"GET_PROPERTY","params":[1],"id":10}""", 2, "Invalid request: property name must be a string", "10")]
    [InlineData("""{"method":"SUBSCRIBE","params":["btcusdt@trade"],""", 3, null, "null")]
    public async Task A_bad_request_gets_the_documented_error_object(string request, int code, string? message, string id)
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 0);
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws"));

        await client.SendAsync(request);
        var reply = await client.NextAsync();

        var error = reply.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        if (message is not null)
        {
            Assert.Equal(message, error.GetProperty("msg").GetString());
        }
        else
        {
            Assert.StartsWith("Invalid JSON:", error.GetProperty("msg").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(id, reply.GetProperty("id").GetRawText());
    }

    [Fact]
    public async Task More_than_1024_streams_on_one_connection_are_refused()
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 0);
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws"));
        var names = Enumerable.Range(0, 1024).Select(i => $"btcusdt@kline_{(i % 2 == 0 ? "1m" : "5m")}x{i}").ToList();

        await client.SendAsync(JsonSerializer.Serialize(new { method = "SUBSCRIBE", @params = names, id = 1 }));
        Assert.Equal("""{"result":null,"id":1}""", (await client.NextAsync()).GetRawText());
        await client.SendAsync("""{"method":"SUBSCRIBE","params":["btcusdt@trade"],"id":2}""");
        var refused = await client.NextAsync();

        Assert.Equal(2, refused.GetProperty("error").GetProperty("code").GetInt32());
        await client.SendAsync("""{"method":"LIST_SUBSCRIPTIONS","id":3}""");
        Assert.Equal(1024, (await client.NextAsync()).GetProperty("result").GetArrayLength());
    }

    [Theory]
    [InlineData(PaperVenueKind.BinanceUsdm, 10)]
    [InlineData(PaperVenueKind.BinanceSpot, 5)]
    public async Task A_connection_sending_more_messages_a_second_than_binance_allows_is_disconnected(PaperVenueKind venue, int limit)
    {
        await using var host = await PaperVenues.StartAsync(venue, speed: 0);
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws/btcusdt@trade"));
        var market = PaperVenue.Binance.Streams.BinanceStreams.FeedsOf(host.Exchange).Market;

        for (var i = 1; i <= limit + 1; i++)
        {
            await client.SendAsync($$"""{"method":"LIST_SUBSCRIPTIONS","id":{{i}}}""");
        }

        await client.Closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // The server closes with 1008 right after the last allowed reply; with the client's extra message unread the
        // close can arrive as a reset instead of a close frame.
        Assert.True(client.CloseStatus is null or WebSocketCloseStatus.PolicyViolation, $"closed with {client.CloseStatus}");
        Assert.True(client.Received <= limit, $"{client.Received} replies before the close");
        // The server drops the subscription when its connection handler ends, which can come after the client saw the
        // close: poll through exchange round trips until it has, within a generous deadline.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (market.SubscribersOf("btcusdt@trade") > 0 && DateTime.UtcNow < deadline)
        {
            await host.Exchange.InvokeAsync(() => { });
        }

        Assert.Equal(0, market.SubscribersOf("btcusdt@trade"));
    }

    private static async Task<JsonElement> Reply(StreamClient client) => await client.NextMatchingAsync(m => m.TryGetProperty("id", out _));

    /// <summary>Places a buy at ETHUSDT's best bid: the best bid's size changes.</summary>
    internal static async Task JoinBestBidAsync(PaperVenueHost host, int account)
    {
        var exchange = host.Exchange;
        await exchange.InvokeAsync(() =>
        {
            exchange.TryGetMarket("ETHUSDT", out var market);
            market.Book.Levels.TryGetBestBid(out var bid);
            var price = bid.Price;
            var events = exchange.Submit(new Simulator.Orders.SimOrderRequest(account, market.Instrument.Id, Core.ClientOrderId.Parse("bid-" + Guid.NewGuid().ToString("N")[..12]), Core.OrderSide.Buy,
                Core.OrderType.Limit, Core.TimeInForce.Gtc, Core.Quantity.Parse("0.100"), price));
            Assert.Equal(Simulator.Orders.ExecutionType.New, events[0].ExecutionType);
        });
    }
}
