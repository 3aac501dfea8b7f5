using FlowSight.PaperVenue.Hosting;
using Xunit;
using static FlowSight.PaperVenue.Tests.Binance.Rest.BinanceRestAssert;

namespace FlowSight.PaperVenue.Tests.Binance.Rest;

/// <summary>Spot <c>/api/v3</c>: market data shapes, orders with ACK/RESULT/FULL, and balances that follow the fills.</summary>
public sealed class BinanceSpotRestTests
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Delete = HttpMethod.Delete;

    [Fact]
    public async Task Public_endpoints_answer_spot_shapes()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceSpot);
        using var client = BinanceRestClient.For(host);
        Ok(await client.GetAsync("/api/v3/ping"));
        var info = Ok(await client.GetAsync("/api/v3/exchangeInfo"));
        var btc = info.GetProperty("symbols").EnumerateArray().Single(s => s.GetProperty("symbol").GetString() == "BTCUSDT");
        var filters = btc.GetProperty("filters").EnumerateArray().ToDictionary(f => f.GetProperty("filterType").GetString()!);
        Assert.Equal("0.01000000", filters["PRICE_FILTER"].GetProperty("tickSize").GetString());
        Assert.Equal(0.00001m, Dec(filters["LOT_SIZE"], "stepSize"));
        Assert.Equal(5m, Dec(filters["NOTIONAL"], "minNotional"));
        Assert.Contains("LIMIT_MAKER", btc.GetProperty("orderTypes").EnumerateArray().Select(e => e.GetString()));

        var depth = Ok(await client.GetAsync("/api/v3/depth?symbol=BTCUSDT"));
        Assert.True(depth.GetProperty("lastUpdateId").GetInt64() > 0);
        Assert.False(depth.TryGetProperty("E", out _));
        Assert.Matches(@"^\d+\.\d{8}$", depth.GetProperty("bids")[0][0].GetString()!);
        Assert.True(Ok(await client.GetAsync("/api/v3/trades?symbol=BTCUSDT&limit=3"))[0].GetProperty("isBestMatch").GetBoolean());
        Assert.Equal(2, Ok(await client.GetAsync("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=2")).GetArrayLength());
        var ticker = Ok(await client.GetAsync("/api/v3/ticker/24hr?symbol=BTCUSDT"));
        Assert.True(Dec(ticker, "bidPrice") < Dec(ticker, "askPrice"));
        Ok(await client.GetAsync("/api/v3/ticker/bookTicker?symbol=BTCUSDT"));
        Ok(await client.GetAsync("/api/v3/ticker/price"));
        Error(await client.GetAsync("/fapi/v1/ping"), 404, -1020);
    }

    [Fact]
    public async Task Orders_lock_and_move_balances_as_their_fills_imply()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceSpot);
        using var client = BinanceRestClient.For(host);
        var book = Ok(await client.GetAsync("/api/v3/ticker/bookTicker?symbol=BTCUSDT"));
        var bid = Dec(book, "bidPrice");
        var ask = Dec(book, "askPrice");
        var start = await BalancesAsync(client);

        var placed = await client.SignedAsync(Post, "/api/v3/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01000&price={bid - 100m}");
        var resting = Ok(placed);
        Assert.Equal("1", placed.Response.Headers.GetValues("X-MBX-ORDER-COUNT-10S").Single());
        Assert.Equal("NEW", resting.GetProperty("status").GetString());
        Assert.Equal(0, resting.GetProperty("fills").GetArrayLength());
        var locked = await BalancesAsync(client);
        Assert.Equal((bid - 100m) * 0.01m, locked["USDT"].Locked);
        Assert.Equal(start["USDT"].Free - ((bid - 100m) * 0.01m), locked["USDT"].Free);

        Error(await client.SignedAsync(Post, "/api/v3/order", $"symbol=BTCUSDT&side=SELL&type=LIMIT_MAKER&quantity=0.01000&price={bid}"), 400, -2010, "Order would immediately match and take.");
        Error(await client.SignedAsync(Post, "/api/v3/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.00001&price={bid - 100m}"), 400, -1013, "Filter failure: NOTIONAL");
        Error(await client.SignedAsync(Post, "/api/v3/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=100&price={bid - 100m}"), 400, -2010, "Account has insufficient balance for requested action.");
        var maker = Ok(await client.SignedAsync(Post, "/api/v3/order", $"symbol=BTCUSDT&side=SELL&type=LIMIT_MAKER&quantity=0.01000&price={ask + 100m}&newOrderRespType=RESULT"));
        Assert.Equal("LIMIT_MAKER", maker.GetProperty("type").GetString());
        Assert.Equal(2, Ok(await client.SignedAsync(Get, "/api/v3/openOrders", "symbol=BTCUSDT")).GetArrayLength());

        var id = resting.GetProperty("orderId").GetInt64();
        var canceled = Ok(await client.SignedAsync(Delete, "/api/v3/order", $"symbol=BTCUSDT&orderId={id}"));
        Assert.Equal("CANCELED", canceled.GetProperty("status").GetString());
        Assert.Equal(resting.GetProperty("clientOrderId").GetString(), canceled.GetProperty("origClientOrderId").GetString());
        Error(await client.SignedAsync(Delete, "/api/v3/order", $"symbol=BTCUSDT&orderId={id}"), 400, -2011);
        Assert.Equal(1, Ok(await client.SignedAsync(Delete, "/api/v3/openOrders", "symbol=BTCUSDT")).GetArrayLength());
        Assert.Equal(start["USDT"], (await BalancesAsync(client))["USDT"]);

        var ack = Ok(await client.SignedAsync(Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.02000&newOrderRespType=ACK"));
        Assert.False(ack.TryGetProperty("status", out _));
        var full = Ok(await client.SignedAsync(Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01000"));
        Assert.Equal("FILLED", full.GetProperty("status").GetString());
        var fills = full.GetProperty("fills").EnumerateArray().ToList();
        Assert.Equal(0.01m, fills.Sum(f => Dec(f, "qty")));
        Assert.Equal(Dec(full, "cummulativeQuoteQty"), fills.Sum(f => Dec(f, "price") * Dec(f, "qty")));

        var byQuote = Ok(await client.SignedAsync(Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quoteOrderQty=1200"));
        Assert.Equal("FILLED", byQuote.GetProperty("status").GetString());
        Assert.Equal(1200m, Dec(byQuote, "origQuoteOrderQty"));
        Assert.InRange(Dec(byQuote, "cummulativeQuoteQty"), 1200m - (ask * 0.00001m * 2), 1200m);
        var quoteBought = Dec(byQuote, "executedQty");
        Error(await client.SignedAsync(Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=1000&quoteOrderQty=1200"), 400, -1106);

        var trades = Ok(await client.SignedAsync(Get, "/api/v3/myTrades", "symbol=BTCUSDT")).EnumerateArray().ToList();
        Assert.Equal(0.03m + quoteBought, trades.Sum(t => Dec(t, "qty")));
        var cost = trades.Sum(t => Dec(t, "quoteQty"));
        var end = await BalancesAsync(client);
        var feesIn = (string asset) => trades.Where(t => t.GetProperty("commissionAsset").GetString() == asset).Sum(t => Dec(t, "commission"));
        Assert.Equal(start["USDT"].Free - cost - feesIn("USDT"), end["USDT"].Free);
        Assert.Equal(start["BTC"].Free + 0.03m + quoteBought - feesIn("BTC"), end["BTC"].Free);
        Assert.Equal(5, Ok(await client.SignedAsync(Get, "/api/v3/allOrders", "symbol=BTCUSDT")).GetArrayLength());
    }

    private static async Task<Dictionary<string, (decimal Free, decimal Locked)>> BalancesAsync(BinanceRestClient client)
    {
        var account = Ok(await client.SignedAsync(Get, "/api/v3/account", string.Empty));
        Assert.Equal("SPOT", account.GetProperty("accountType").GetString());
        Assert.Equal(0.001m, Dec(account.GetProperty("commissionRates"), "taker"));
        return account.GetProperty("balances").EnumerateArray().ToDictionary(b => b.GetProperty("asset").GetString()!, b => (Dec(b, "free"), Dec(b, "locked")));
    }
}
