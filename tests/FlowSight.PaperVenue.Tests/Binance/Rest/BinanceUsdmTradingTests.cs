using FlowSight.PaperVenue.Hosting;
using Xunit;
using static FlowSight.PaperVenue.Tests.Binance.Rest.BinanceRestAssert;

namespace FlowSight.PaperVenue.Tests.Binance.Rest;

/// <summary>USDⓈ-M orders through the signed REST API, with the balances and positions the fills imply.</summary>
public sealed class BinanceUsdmTradingTests
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Delete = HttpMethod.Delete;

    [Fact]
    public async Task Limit_post_only_modify_and_cancel_follow_Binance_semantics()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceUsdm);
        using var client = BinanceRestClient.For(host);
        var (bid, ask) = await TouchAsync(client);

        var leverage = Ok(await client.SignedAsync(Post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=10"));
        Assert.Equal(10, leverage.GetProperty("leverage").GetInt32());
        Error(await client.SignedAsync(Post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=500"), 400, -4028);

        var reply = await client.SignedAsync(Post, "/fapi/v1/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price={bid - 100m}&newOrderRespType=RESULT");
        var resting = Ok(reply);
        Assert.Equal("1", reply.Response.Headers.GetValues("X-MBX-ORDER-COUNT-1M").Single());
        Assert.Equal("NEW", resting.GetProperty("status").GetString());
        Assert.Equal(22, resting.GetProperty("clientOrderId").GetString()!.Length);
        Assert.Equal(0.010m, Dec(resting, "origQty"));
        Assert.Equal(0m, Dec(resting, "executedQty"));
        Assert.Equal("GTC", resting.GetProperty("timeInForce").GetString());
        Assert.Equal("LIMIT", resting.GetProperty("type").GetString());
        var restingId = resting.GetProperty("orderId").GetInt64();

        // A post-only order that would take is refused and not recorded.
        Error(await client.SignedAsync(Post, "/fapi/v1/order", $"symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTX&quantity=0.010&price={bid}"), 400, -5022);
        var maker = Ok(await client.SignedAsync(Post, "/fapi/v1/order", $"symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTX&quantity=0.010&price={ask + 100m}&newClientOrderId=maker-1"));
        Assert.Equal("NEW", maker.GetProperty("status").GetString());
        Assert.Equal("GTX", maker.GetProperty("timeInForce").GetString());
        Assert.Equal("maker-1", maker.GetProperty("clientOrderId").GetString());

        var open = Ok(await client.SignedAsync(Get, "/fapi/v1/openOrders", "symbol=BTCUSDT")).EnumerateArray().Select(o => o.GetProperty("orderId").GetInt64()).ToList();
        Assert.Equal([restingId, maker.GetProperty("orderId").GetInt64()], open);
        var byClientId = Ok(await client.SignedAsync(Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=maker-1"));
        Assert.Equal(ask + 100m, Dec(byClientId, "price"));
        Assert.True(byClientId.GetProperty("time").GetInt64() > 0 && byClientId.GetProperty("updateTime").GetInt64() > 0);

        var modified = Ok(await client.SignedAsync(HttpMethod.Put, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={restingId}&side=BUY&quantity=0.020&price={bid - 50m}"));
        Assert.Equal(bid - 50m, Dec(modified, "price"));
        Assert.Equal(0.020m, Dec(modified, "origQty"));

        var canceled = Ok(await client.SignedAsync(Delete, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={restingId}"));
        Assert.Equal("CANCELED", canceled.GetProperty("status").GetString());
        Assert.Equal("CANCELED", Ok(await client.SignedAsync(Get, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={restingId}")).GetProperty("status").GetString());
        Error(await client.SignedAsync(Delete, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={restingId}"), 400, -2011, "Unknown order sent.");
        Error(await client.SignedAsync(Get, "/fapi/v1/order", "symbol=BTCUSDT&orderId=987654321"), 400, -2013, "Order does not exist.");
        Error(await client.SignedAsync(Get, "/fapi/v1/openOrder", $"symbol=BTCUSDT&orderId={restingId}"), 400, -2013);

        Assert.Equal(200, Ok(await client.SignedAsync(Delete, "/fapi/v1/allOpenOrders", "symbol=BTCUSDT")).GetProperty("code").GetInt32());
        Assert.Equal(0, Ok(await client.SignedAsync(Get, "/fapi/v1/openOrders", "symbol=BTCUSDT")).GetArrayLength());
        Assert.Equal(2, Ok(await client.SignedAsync(Get, "/fapi/v1/allOrders", "symbol=BTCUSDT")).GetArrayLength());

        var account = Ok(await client.SignedAsync(Get, "/fapi/v3/account", string.Empty));
        var usdt = account.GetProperty("assets").EnumerateArray().Single(a => a.GetProperty("asset").GetString() == "USDT");
        Assert.Equal(100_000m, Dec(usdt, "walletBalance"));
        Assert.Equal(100_000m, Dec(usdt, "availableBalance"));
        Assert.True(usdt.GetProperty("updateTime").GetInt64() > 0, "ccxt skips assets whose updateTime is 0");
    }

    [Fact]
    public async Task Market_and_reduce_only_orders_leave_the_position_and_wallet_the_fills_imply()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceUsdm);
        using var client = BinanceRestClient.For(host);

        var bought = Ok(await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.050&newOrderRespType=RESULT"));
        Assert.Equal("FILLED", bought.GetProperty("status").GetString());
        Assert.Equal(0.050m, Dec(bought, "executedQty"));
        var buyId = bought.GetProperty("orderId").GetInt64();

        var buys = Ok(await client.SignedAsync(Get, "/fapi/v1/userTrades", $"symbol=BTCUSDT&orderId={buyId}")).EnumerateArray().ToList();
        Assert.Equal(0.050m, buys.Sum(t => Dec(t, "qty")));
        Assert.All(buys, t => Assert.True(t.GetProperty("buyer").GetBoolean() && !t.GetProperty("maker").GetBoolean()));
        var buyCost = buys.Sum(t => Dec(t, "price") * Dec(t, "qty"));
        Assert.Equal(Math.Round(buyCost / 0.050m, 8), Math.Round(Dec(bought, "avgPrice"), 8));
        var buyFees = buys.Sum(t => Dec(t, "commission"));
        Assert.Equal(Math.Round(buyCost * 0.0005m, 8), buyFees);

        var position = Ok(await client.SignedAsync(Get, "/fapi/v3/positionRisk", "symbol=BTCUSDT")).EnumerateArray().Single();
        Assert.Equal(0.050m, Dec(position, "positionAmt"));
        Assert.Equal(Math.Round(buyCost / 0.050m, 8), Dec(position, "entryPrice"));
        var account = Ok(await client.SignedAsync(Get, "/fapi/v3/account", string.Empty));
        var usdt = account.GetProperty("assets").EnumerateArray().Single(a => a.GetProperty("asset").GetString() == "USDT");
        Assert.Equal(100_000m - buyFees, Dec(usdt, "walletBalance"));
        Assert.Equal(Dec(usdt, "walletBalance") + Dec(usdt, "unrealizedProfit"), Dec(usdt, "marginBalance"));
        Assert.Equal(0.050m, Dec(account.GetProperty("positions").EnumerateArray().Single(), "positionAmt"));
        Assert.Equal(0.050m, Dec(Ok(await client.GetAsync("/fapi/v1/openInterest?symbol=BTCUSDT")), "openInterest"));

        Error(await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.050&reduceOnly=true"), 400, -2022);
        var sold = Ok(await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.050&reduceOnly=true&newOrderRespType=RESULT"));
        Assert.Equal("FILLED", sold.GetProperty("status").GetString());
        Assert.True(sold.GetProperty("reduceOnly").GetBoolean());
        var sells = Ok(await client.SignedAsync(Get, "/fapi/v1/userTrades", $"symbol=BTCUSDT&orderId={sold.GetProperty("orderId").GetInt64()}")).EnumerateArray().ToList();
        var sellValue = sells.Sum(t => Dec(t, "price") * Dec(t, "qty"));
        var sellFees = sells.Sum(t => Dec(t, "commission"));
        Assert.Equal(sellValue - buyCost, sells.Sum(t => Dec(t, "realizedPnl")));

        Assert.Equal(0, Ok(await client.SignedAsync(Get, "/fapi/v3/positionRisk", "symbol=BTCUSDT")).GetArrayLength());
        var flat = Ok(await client.SignedAsync(Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT")).EnumerateArray().Single();
        Assert.Equal(0m, Dec(flat, "positionAmt"));
        Assert.Equal("20", flat.GetProperty("leverage").GetString());
        var balance = Ok(await client.SignedAsync(Get, "/fapi/v2/balance", string.Empty)).EnumerateArray().Single(a => a.GetProperty("asset").GetString() == "USDT");
        var expected = 100_000m - buyFees - sellFees + (sellValue - buyCost);
        Assert.Equal(expected, Dec(balance, "balance"));
        Assert.Equal(expected, Dec(balance, "availableBalance"));
    }

    [Fact]
    public async Task Refused_orders_answer_the_simulators_Binance_codes()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceUsdm);
        using var client = BinanceRestClient.For(host);
        var (bid, _) = await TouchAsync(client);

        Error(await client.SignedAsync(Post, "/fapi/v1/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price={bid - 100m}"), 400, -4164,
            "Order's notional must be no smaller than 100 (unless you choose reduce only).");
        Error(await client.SignedAsync(Post, "/fapi/v1/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price={bid - 99.95m}"), 400, -4014);
        Error(await client.SignedAsync(Post, "/fapi/v1/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.0105&price={bid - 100m}"), 400, -1111);
        Ok(await client.SignedAsync(Post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=1"));
        Error(await client.SignedAsync(Post, "/fapi/v1/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=5&price={bid - 100m}"), 400, -2019, "Margin is insufficient.");
        Error(await client.SignedAsync(Post, "/fapi/v1/order", "symbol=NOPE&side=BUY&type=MARKET&quantity=1"), 400, -1121, "Invalid symbol.");
        Error(await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=UP&type=MARKET&quantity=1"), 400, -1117);
        Error(await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=ICEBERG&quantity=1"), 400, -1116);
        Error(await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=DAY&quantity=1&price=1"), 400, -1115);
        Error(await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=1"), 400, -1102);
        Error(await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1e3"), 400, -1100);
        Assert.Equal(0, Ok(await client.SignedAsync(Get, "/fapi/v1/openOrders", string.Empty)).GetArrayLength());

        Assert.False(Ok(await client.SignedAsync(Get, "/fapi/v1/positionSide/dual", string.Empty)).GetProperty("dualSidePosition").GetBoolean());
        Ok(await client.SignedAsync(Post, "/fapi/v1/positionSide/dual", "dualSidePosition=true"));
        Error(await client.SignedAsync(Post, "/fapi/v1/positionSide/dual", "dualSidePosition=true"), 400, -4059);
        Assert.True(Ok(await client.SignedAsync(Get, "/fapi/v1/positionSide/dual", string.Empty)).GetProperty("dualSidePosition").GetBoolean());
        Ok(await client.SignedAsync(Post, "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=ISOLATED"));
        Error(await client.SignedAsync(Post, "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=ISOLATED"), 400, -4046);
        var brackets = Ok(await client.SignedAsync(Get, "/fapi/v1/leverageBracket", string.Empty));
        Assert.True(brackets[0].GetProperty("brackets")[0].GetProperty("initialLeverage").GetInt32() > 1);
    }

    [Fact]
    public async Task A_batch_answers_each_order_or_its_own_error_in_order()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceUsdm);
        using var client = BinanceRestClient.For(host);
        var (bid, _) = await TouchAsync(client);
        var batch = Uri.EscapeDataString(
            $"[{{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":\"0.010\",\"price\":\"{bid - 100m}\"}},"
            + $"{{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":\"0.001\",\"price\":\"{bid - 100m}\"}},"
            + "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"MARKET\",\"quantity\":\"0.010\",\"newOrderRespType\":\"RESULT\"}]");
        var replies = Ok(await client.SignedAsync(Post, "/fapi/v1/batchOrders", "batchOrders=" + batch)).EnumerateArray().ToList();
        Assert.Equal(3, replies.Count);
        Assert.Equal("NEW", replies[0].GetProperty("status").GetString());
        Assert.Equal(-4164, replies[1].GetProperty("code").GetInt32());
        Assert.Equal("FILLED", replies[2].GetProperty("status").GetString());
        Assert.Single(Ok(await client.SignedAsync(Get, "/fapi/v1/openOrders", "symbol=BTCUSDT")).EnumerateArray());
        Error(await client.SignedAsync(Post, "/fapi/v1/batchOrders", "batchOrders=notjson"), 400, -1102);
    }

    [Fact]
    public async Task In_hedge_mode_orders_name_their_leg_and_positions_list_both_legs()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceUsdm);
        using var client = BinanceRestClient.For(host);
        Ok(await client.SignedAsync(Post, "/fapi/v1/positionSide/dual", "dualSidePosition=true"));
        Error(await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010"), 400, -4061);
        Error(await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010&positionSide=UP"), 400, -4006);
        var longLeg = Ok(await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010&positionSide=LONG&newOrderRespType=RESULT"));
        Assert.Equal("LONG", longLeg.GetProperty("positionSide").GetString());
        Ok(await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.020&positionSide=SHORT"));
        Error(await client.SignedAsync(Post, "/fapi/v1/positionSide/dual", "dualSidePosition=false"), 400, -4068);

        var legs = Ok(await client.SignedAsync(Get, "/fapi/v3/positionRisk", "symbol=BTCUSDT")).EnumerateArray()
            .ToDictionary(p => p.GetProperty("positionSide").GetString()!, p => Dec(p, "positionAmt"));
        Assert.Equal(0.010m, legs["LONG"]);
        Assert.Equal(-0.020m, legs["SHORT"]);
        Assert.Equal(2, Ok(await client.SignedAsync(Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT")).GetArrayLength());
    }

    internal static async Task<(decimal Bid, decimal Ask)> TouchAsync(BinanceRestClient client)
    {
        var book = Ok(await client.GetAsync("/fapi/v1/ticker/bookTicker?symbol=BTCUSDT"));
        return (Dec(book, "bidPrice"), Dec(book, "askPrice"));
    }

}
