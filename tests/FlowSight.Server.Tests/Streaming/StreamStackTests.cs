using System.Net;
using System.Net.Http.Json;
using FlowSight.Server.Tests.Stack;
using Xunit;

namespace FlowSight.Server.Tests.Streaming;

/// <summary>The WebSocket push on the real stack: paper venue → Binance client → engine → replica → server → ClientWebSocket.</summary>
public sealed class StreamStackTests
{
    [Fact]
    public async Task A_viewer_gets_live_books_with_both_sides_trades_candles_and_the_engine_from_the_real_stack()
    {
        await using var stack = await ServerStack.StartAsync();
        var btc = stack.Btc.Id.Value;
        await using var client = await StreamTestClient.ConnectAsync(stack.BaseAddress, await stack.TokenAsync("viewer"));

        await client.SubscribeAsync("book", btc);
        await client.SubscribeAsync("trades", btc);
        await client.SubscribeAsync("candles", btc, "1s");
        await client.SubscribeAsync("engine");

        // Two books in a row: both sides, best bid under best ask, the replica's update count moving on.
        var first = await client.NextAsync(m => m.IsData("book"), ServerStack.Patience);
        var second = await client.NextAsync(m => m.IsData("book") && m.Data.GetProperty("updates").GetInt64() > first.Data.GetProperty("updates").GetInt64(), ServerStack.Patience);
        foreach (var book in new[] { first, second })
        {
            Assert.Equal(btc, book.Instrument);
            var bids = book.Data.GetProperty("bids");
            var asks = book.Data.GetProperty("asks");
            Assert.True(bids.GetArrayLength() > 0 && asks.GetArrayLength() > 0, "both sides");
            Assert.True(bids[0].GetProperty("price").GetDecimal() < asks[0].GetProperty("price").GetDecimal(), "not crossed");
        }

        var trades = await client.NextAsync(m => m.IsData("trades") && m.Data.GetArrayLength() > 0, ServerStack.Patience);
        Assert.InRange(trades.Data.GetArrayLength(), 1, 50);
        Assert.Equal(btc, trades.Data[0].GetProperty("instrument").GetString());
        var candles = await client.NextAsync(m => m.IsData("candles") && m.Data.GetArrayLength() > 0, ServerStack.Patience);
        var last = candles.Data[candles.Data.GetArrayLength() - 1];
        Assert.True(last.GetProperty("high").GetDecimal() >= last.GetProperty("low").GetDecimal());
        var engine = await client.NextAsync(m => m.IsData("engine"), ServerStack.Patience);
        Assert.True(engine.Data.GetProperty("routes").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_trader_order_shows_in_the_orders_push_and_unauthenticated_clients_get_401()
    {
        await using var stack = await ServerStack.StartAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await StreamTestClient.TryConnectAsync(stack.BaseAddress));
        await using var client = await StreamTestClient.ConnectAsync(stack.BaseAddress, await stack.TokenAsync("viewer"));
        await client.SubscribeAsync("orders");
        await client.NextAsync(m => m.IsData("orders"), ServerStack.Patience);

        // A post-only buy far under the market rests; the orders push carries it as open.
        var bid = stack.Replica.GetBook(stack.Btc.Id)!.Bids[0].Price;
        var price = Math.Round(bid * 0.9m, 1);
        var trader = await stack.LoginAsync("trader");
        using var placed = await trader.PostAsJsonAsync("api/orders", new { instrument = stack.Btc.Id.Value, side = "buy", type = "limit", quantity = 0.01m, price, postOnly = true }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);

        var orders = await client.NextAsync(
            m => m.IsData("orders") && m.Data.GetProperty("orders").EnumerateArray().Any(o => o.GetProperty("price").ValueKind == System.Text.Json.JsonValueKind.Number && o.GetProperty("price").GetDecimal() == price),
            ServerStack.Patience);
        Assert.Contains(orders.Data.GetProperty("orders").EnumerateArray(), o => o.GetProperty("side").GetString() == "buy");
    }
}
