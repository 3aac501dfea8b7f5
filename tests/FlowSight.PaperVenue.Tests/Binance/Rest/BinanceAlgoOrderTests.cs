using FlowSight.PaperVenue.Hosting;
using Xunit;
using static FlowSight.PaperVenue.Tests.Binance.Rest.BinanceRestAssert;

namespace FlowSight.PaperVenue.Tests.Binance.Rest;

/// <summary>USDⓈ-M conditional orders through the algo service, as ccxt places them.</summary>
public sealed class BinanceAlgoOrderTests
{
    [Fact]
    public async Task A_conditional_order_waits_as_an_algo_order_outside_the_regular_open_orders_until_canceled()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceUsdm);
        using var client = BinanceRestClient.For(host);
        var (bid, _) = await BinanceUsdmTradingTests.TouchAsync(client);

        var placed = Ok(await client.SignedAsync(HttpMethod.Post, "/fapi/v1/algoOrder",
            $"algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&quantity=0.010&triggerPrice={bid - 500m}&clientAlgoId=stop-1"));
        Assert.Equal("NEW", placed.GetProperty("algoStatus").GetString());
        Assert.Equal("STOP_MARKET", placed.GetProperty("orderType").GetString());
        Assert.Equal(bid - 500m, Dec(placed, "triggerPrice"));
        Assert.Equal("stop-1", placed.GetProperty("clientAlgoId").GetString());
        var algoId = placed.GetProperty("algoId").GetInt64();

        Assert.Equal(0, Ok(await client.SignedAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT")).GetArrayLength());
        var open = Ok(await client.SignedAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT"));
        Assert.Equal(algoId, open.EnumerateArray().Single().GetProperty("algoId").GetInt64());
        Assert.Equal(algoId, Ok(await client.SignedAsync(HttpMethod.Get, "/fapi/v1/algoOrder", "clientAlgoId=stop-1")).GetProperty("algoId").GetInt64());
        Error(await client.SignedAsync(HttpMethod.Get, "/fapi/v1/algoOrder", string.Empty), 400, -1102);

        using (var other = client.As(BinanceRestClient.OtherKey, BinanceRestClient.OtherSecret))
        {
            Error(await other.SignedAsync(HttpMethod.Delete, "/fapi/v1/algoOrder", $"algoId={algoId}"), 400, -2011);
        }

        var canceled = Ok(await client.SignedAsync(HttpMethod.Delete, "/fapi/v1/algoOrder", $"algoId={algoId}"));
        Assert.Equal("200", canceled.GetProperty("code").GetString());
        Assert.Equal("CANCELED", Ok(await client.SignedAsync(HttpMethod.Get, "/fapi/v1/algoOrder", $"algoId={algoId}")).GetProperty("algoStatus").GetString());
        Error(await client.SignedAsync(HttpMethod.Delete, "/fapi/v1/algoOrder", $"algoId={algoId}"), 400, -2011, "Unknown order sent.");
        Assert.Equal(0, Ok(await client.SignedAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", string.Empty)).GetArrayLength());
        Assert.Single(Ok(await client.SignedAsync(HttpMethod.Get, "/fapi/v1/allAlgoOrders", "symbol=BTCUSDT")).EnumerateArray());

        Error(await client.SignedAsync(HttpMethod.Post, "/fapi/v1/algoOrder", $"algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&quantity=0.010"), 400, -1102,
            "Mandatory parameter 'triggerPrice' was not sent, was empty/null, or malformed.");

        // The regular order endpoint refuses conditional types since they moved to the algo service.
        foreach (var type in new[] { "STOP_MARKET", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET" })
        {
            Error(await client.SignedAsync(HttpMethod.Post, "/fapi/v1/order", $"symbol=BTCUSDT&side=SELL&type={type}&quantity=0.010&stopPrice={bid - 500m}"), 400, -4120,
                "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.");
        }

        // Its algoId is its own number, not an order id of the matching engine.
        Error(await client.SignedAsync(HttpMethod.Get, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={algoId}"), 400, -2013);

        // The regular cancel-all leaves algo orders; the algo service's own cancel-all takes them.
        Ok(await client.SignedAsync(HttpMethod.Post, "/fapi/v1/algoOrder", $"algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP&quantity=0.010&price={bid - 600m}&triggerPrice={bid - 500m}&timeInForce=GTC"));
        Ok(await client.SignedAsync(HttpMethod.Delete, "/fapi/v1/allOpenOrders", "symbol=BTCUSDT"));
        Assert.Equal(1, Ok(await client.SignedAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT")).GetArrayLength());
        Ok(await client.SignedAsync(HttpMethod.Delete, "/fapi/v1/algoOpenOrders", "symbol=BTCUSDT"));
        Assert.Equal(0, Ok(await client.SignedAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT")).GetArrayLength());
    }

    [Fact]
    public async Task The_user_stream_sends_ALGO_UPDATE_for_an_algo_order_and_ORDER_TRADE_UPDATE_only_for_the_regular_order_it_becomes()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceUsdm);
        using var client = BinanceRestClient.For(host);
        var key = Ok(await client.SendAsync(HttpMethod.Post, "/fapi/v1/listenKey", string.Empty, string.Empty)).GetProperty("listenKey").GetString()!;
        await using var stream = await Streams.StreamClient.ConnectAsync(Streams.StreamClient.Ws(host.BaseAddress, "/ws/" + key));
        var user = PaperVenue.Binance.Streams.BinanceStreams.FeedsOf(host.Exchange).User;
        for (var i = 0; i < 1000 && !user.HasListener(key); i++)
        {
            await host.Exchange.InvokeAsync(() => { });
        }

        // Long 0.020 (the last trade is at the ask or above), then a reduce-only sell stop at the bid.
        Ok(await client.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.020"));
        var (bid, _) = await BinanceUsdmTradingTests.TouchAsync(client);
        await stream.NextMatchingAsync(e => e.GetProperty("e").GetString() == "ORDER_TRADE_UPDATE" && e.GetProperty("o").GetProperty("X").GetString() == "FILLED");
        var placed = Ok(await client.SignedAsync(HttpMethod.Post, "/fapi/v1/algoOrder", $"algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&quantity=0.010&triggerPrice={bid}&reduceOnly=true&clientAlgoId=stop-s1"));
        var algoId = placed.GetProperty("algoId").GetInt64();

        var created = await stream.NextAsync();
        Assert.Equal("ALGO_UPDATE", created.GetProperty("e").GetString());
        Streams.BinanceMarketStreamTests.AssertFields(created, "e", "T", "E", "o");
        var o = created.GetProperty("o");
        Streams.BinanceMarketStreamTests.AssertFields(o, "caid", "aid", "at", "o", "s", "S", "ps", "f", "q", "X", "ai", "ap", "aq", "act", "tp", "p", "V", "wt", "pm", "cp", "pP", "R", "tt", "gtd");
        Assert.Equal(("stop-s1", algoId, "CONDITIONAL", "STOP_MARKET", "NEW", ""), (o.GetProperty("caid").GetString(), o.GetProperty("aid").GetInt64(), o.GetProperty("at").GetString(), o.GetProperty("o").GetString(), o.GetProperty("X").GetString(), o.GetProperty("ai").GetString()));
        Assert.Equal(bid, Dec(o, "tp"));

        // A sale at the bid reaches the trigger: TRIGGERED names the regular order, whose own updates follow, then FINISHED.
        Ok(await client.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.010"));
        var triggered = await stream.NextMatchingAsync(e => e.GetProperty("e").GetString() == "ALGO_UPDATE");
        Assert.Equal("TRIGGERED", triggered.GetProperty("o").GetProperty("X").GetString());
        var actual = long.Parse(triggered.GetProperty("o").GetProperty("ai").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(algoId, actual);
        var events = new List<System.Text.Json.JsonElement>();
        while (events.Count == 0 || events[^1].GetProperty("e").GetString() != "ALGO_UPDATE")
        {
            events.Add(await stream.NextAsync());
        }

        var orderUpdates = events.Where(e => e.GetProperty("e").GetString() == "ORDER_TRADE_UPDATE").Select(e => e.GetProperty("o")).ToList();
        Assert.All(orderUpdates, u => Assert.Equal((actual, "stop-s1", "STOP_MARKET"), (u.GetProperty("i").GetInt64(), u.GetProperty("c").GetString(), u.GetProperty("ot").GetString())));
        Assert.Equal("FILLED", orderUpdates[^1].GetProperty("X").GetString());
        var finished = events[^1].GetProperty("o");
        Assert.Equal(("FINISHED", "0.010", actual.ToString(System.Globalization.CultureInfo.InvariantCulture)), (finished.GetProperty("X").GetString(), finished.GetProperty("aq").GetString(), finished.GetProperty("ai").GetString()));
        var query = Ok(await client.SignedAsync(HttpMethod.Get, "/fapi/v1/algoOrder", $"algoId={algoId}"));
        Assert.Equal(("FINISHED", actual.ToString(System.Globalization.CultureInfo.InvariantCulture)), (query.GetProperty("algoStatus").GetString(), query.GetProperty("actualOrderId").GetString()));
        Assert.Equal("stop-s1", Ok(await client.SignedAsync(HttpMethod.Get, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={actual}")).GetProperty("clientOrderId").GetString());
    }

    [Fact]
    public async Task Aggregate_trades_carry_each_trade_as_its_own_aggregate()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceUsdm);
        using var client = BinanceRestClient.For(host);
        var trades = Ok(await client.GetAsync("/fapi/v1/trades?symbol=BTCUSDT&limit=5")).EnumerateArray().ToList();
        var aggregates = Ok(await client.GetAsync("/fapi/v1/aggTrades?symbol=BTCUSDT&limit=5")).EnumerateArray().ToList();
        Assert.Equal(trades.Select(t => t.GetProperty("id").GetInt64()), aggregates.Select(a => a.GetProperty("a").GetInt64()));
        Assert.Equal(trades.Select(t => Dec(t, "price")), aggregates.Select(a => Dec(a, "p")));
        Assert.All(aggregates, a => Assert.Equal(a.GetProperty("f").GetInt64(), a.GetProperty("l").GetInt64()));
    }
}
