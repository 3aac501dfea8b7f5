using System.Text.Json;
using FlowSight.PaperVenue.Hosting;
using Xunit;
using static FlowSight.PaperVenue.Tests.Binance.Rest.BinanceRestAssert;

namespace FlowSight.PaperVenue.Tests.Binance.Rest;

/// <summary>USDⓈ-M public endpoints: Binance's shapes, and values that agree with the exchange's own state.</summary>
public sealed class BinanceUsdmMarketDataTests
{
    [Fact]
    public async Task Ping_time_and_exchange_info_answer_with_Binance_shapes_and_filters()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceUsdm);
        using var client = BinanceRestClient.For(host);

        Assert.Equal(JsonValueKind.Object, Ok(await client.GetAsync("/fapi/v1/ping")).ValueKind);
        var time = Ok(await client.GetAsync("/fapi/v1/time")).GetProperty("serverTime").GetInt64();
        Assert.InRange(time, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 5000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 5000);

        var reply = await client.GetAsync("/fapi/v1/exchangeInfo");
        var info = Ok(reply);
        Assert.True(reply.Response.Headers.Contains("X-MBX-USED-WEIGHT-1M"));
        Assert.Equal("UTC", info.GetProperty("timezone").GetString());
        Assert.Contains(info.GetProperty("rateLimits").EnumerateArray(), r => r.GetProperty("rateLimitType").GetString() == "REQUEST_WEIGHT" && r.GetProperty("limit").GetInt32() == 2400);
        var btc = info.GetProperty("symbols").EnumerateArray().Single(s => s.GetProperty("symbol").GetString() == "BTCUSDT");
        Assert.Equal("PERPETUAL", btc.GetProperty("contractType").GetString());
        Assert.Equal("TRADING", btc.GetProperty("status").GetString());
        Assert.Equal("USDT", btc.GetProperty("marginAsset").GetString());
        Assert.Equal(1, btc.GetProperty("pricePrecision").GetInt32());
        Assert.Equal(3, btc.GetProperty("quantityPrecision").GetInt32());
        var filters = btc.GetProperty("filters").EnumerateArray().ToDictionary(f => f.GetProperty("filterType").GetString()!);
        Assert.Equal(0.1m, Dec(filters["PRICE_FILTER"], "tickSize"));
        Assert.Equal(0.001m, Dec(filters["LOT_SIZE"], "stepSize"));
        Assert.Equal(0.001m, Dec(filters["MARKET_LOT_SIZE"], "minQty"));
        Assert.Equal(100m, Dec(filters["MIN_NOTIONAL"], "notional"));
        Assert.Contains("GTX", btc.GetProperty("timeInForce").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("TAKE_PROFIT_MARKET", btc.GetProperty("orderTypes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Depth_is_the_published_book_with_its_update_id()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceUsdm);
        using var client = BinanceRestClient.For(host);
        var market = host.Exchange.Markets[0];
        var expected = await host.Exchange.InvokeAsync(() =>
            (market.Book.UpdateId, Bid: market.Book.Levels.GetLevel(Core.OrderSide.Buy, 0), Ask: market.Book.Levels.GetLevel(Core.OrderSide.Sell, 0)));

        var depth = Ok(await client.GetAsync("/fapi/v1/depth?symbol=BTCUSDT&limit=5"));
        Assert.Equal(expected.UpdateId, depth.GetProperty("lastUpdateId").GetInt64());
        Assert.True(depth.GetProperty("E").GetInt64() > 0 && depth.GetProperty("T").GetInt64() > 0);
        var bids = depth.GetProperty("bids").EnumerateArray().ToList();
        var asks = depth.GetProperty("asks").EnumerateArray().ToList();
        Assert.Equal(5, bids.Count);
        Assert.Equal(5, asks.Count);
        Assert.Equal(expected.Bid.Price.ToDecimal(), Dec(bids[0][0]));
        Assert.Equal(expected.Bid.Size.ToDecimal(), Dec(bids[0][1]));
        Assert.Equal(expected.Ask.Price.ToDecimal(), Dec(asks[0][0]));
        Assert.True(Dec(bids[0][0]) > Dec(bids[1][0]) && Dec(asks[0][0]) < Dec(asks[1][0]), "best first");

        Error(await client.GetAsync("/fapi/v1/depth?symbol=NOPEUSDT"), 400, -1121, "Invalid symbol.");
        Error(await client.GetAsync("/fapi/v1/depth"), 400, -1102);
        Error(await client.GetAsync("/fapi/v1/depth?symbol=BTCUSDT&limit=abc"), 400, -1100);
    }

    [Fact]
    public async Task Trades_klines_and_tickers_come_from_the_trade_history()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceUsdm);
        using var client = BinanceRestClient.For(host);

        var trades = Ok(await client.GetAsync("/fapi/v1/trades?symbol=BTCUSDT&limit=10")).EnumerateArray().ToList();
        Assert.Equal(10, trades.Count);
        Assert.All(trades, t => Assert.True(t.GetProperty("id").GetInt64() > 0 && Dec(t, "price") > 0 && Dec(t, "qty") > 0 && t.GetProperty("isBuyerMaker").ValueKind is JsonValueKind.True or JsonValueKind.False));

        var klines = Ok(await client.GetAsync("/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=2")).EnumerateArray().ToList();
        Assert.Equal(2, klines.Count);
        foreach (var k in klines)
        {
            Assert.Equal(12, k.GetArrayLength());
            Assert.Equal(60_000 - 1, k[6].GetInt64() - k[0].GetInt64());
            Assert.True(Dec(k[2]) >= Dec(k[3]), "high >= low");
        }

        Error(await client.GetAsync("/fapi/v1/klines?symbol=BTCUSDT&interval=7x"), 400, -1120, "Invalid interval.");

        var last = Dec(trades[^1], "price");
        var ticker = Ok(await client.GetAsync("/fapi/v1/ticker/24hr?symbol=BTCUSDT"));
        Assert.Equal(last, Dec(ticker, "lastPrice"));
        Assert.True(ticker.GetProperty("count").GetInt64() > 0 && Dec(ticker, "volume") > 0);
        Assert.True(Dec(ticker, "highPrice") >= Dec(ticker, "lowPrice"));
        Assert.Equal(last, Dec(Ok(await client.GetAsync("/fapi/v1/ticker/price?symbol=BTCUSDT")), "price"));
        Assert.Equal(2, Ok(await client.GetAsync("/fapi/v1/ticker/24hr")).GetArrayLength());

        var book = Ok(await client.GetAsync("/fapi/v1/ticker/bookTicker?symbol=BTCUSDT"));
        Assert.True(Dec(book, "bidPrice") < Dec(book, "askPrice"));
        Assert.True(book.GetProperty("lastUpdateId").GetInt64() > 0);

        var premium = Ok(await client.GetAsync("/fapi/v1/premiumIndex?symbol=BTCUSDT"));
        Assert.True(Dec(premium, "markPrice") > 0);
        Assert.Equal(0.0001m, Dec(premium, "lastFundingRate"));
        Assert.True(premium.GetProperty("nextFundingTime").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1000);
        Assert.Equal(JsonValueKind.Array, Ok(await client.GetAsync("/fapi/v1/fundingRate?symbol=BTCUSDT")).ValueKind);
    }

    [Fact]
    public async Task Unknown_routes_and_malformed_requests_get_Binance_JSON_errors_never_a_500()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceUsdm);
        using var client = BinanceRestClient.For(host);
        Error(await client.GetAsync("/fapi/v1/nothing"), 404, -1020);
        Error(await client.GetAsync("/fapi/v1/trades?symbol=BTCUSDT&limit=99999"), 400, -1130);
        Error(await client.GetAsync("/fapi/v1/depth?symbol=BTCUSDT&symbol=ETHUSDT"), 400, -1101);
        Error(await client.SendAsync(HttpMethod.Post, "/fapi/v1/order", string.Empty, "{\"symbol\":\"BTCUSDT\"}"), 400, -1000);
        Error(await client.SendAsync(HttpMethod.Post, "/fapi/v1/order", string.Empty, "symbol=BTCUSDT&timestamp=notanumber&signature=00"), 400, -1100);
    }
}
