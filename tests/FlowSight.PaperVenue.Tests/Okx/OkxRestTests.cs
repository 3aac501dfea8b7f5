using System.Globalization;
using System.Text.Json;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Okx;

/// <summary>OKX v5 REST on the paper venue: public data in OKX's shapes, and an order's life with balances and positions equal to its fills and fees.</summary>
public sealed class OkxRestTests
{
    private const string Swap = "BTC-USDT-SWAP";

    [Fact]
    public async Task Public_endpoints_answer_in_OKX_shapes()
    {
        await using var venue = await OkxVenue.StartAsync();
        var (status, instruments) = await venue.GetAsync("/api/v5/public/instruments?instType=SWAP");
        Assert.Equal(200, status);
        Assert.Equal("0", instruments.Str("code"));
        var btc = instruments.GetProperty("data").EnumerateArray().Single(i => i.Str("instId") == Swap);
        Assert.Equal("0.01", btc.Str("ctVal"));
        Assert.Equal("BTC-USDT", btc.Str("uly"));
        Assert.Equal("BTC-USDT", btc.Str("instFamily"));
        Assert.Equal("USDT", btc.Str("settleCcy"));
        Assert.Equal("0.1", btc.Str("tickSz"));
        Assert.Equal("0.01", btc.Str("lotSz"));
        Assert.Equal("live", btc.Str("state"));
        Assert.Equal(0, (await venue.GetAsync("/api/v5/public/instruments?instType=SPOT")).Json.DataCount());

        var (_, book) = await venue.GetAsync($"/api/v5/market/books?instId={Swap}&sz=20");
        var asks = book.Data().GetProperty("asks");
        var bids = book.Data().GetProperty("bids");
        Assert.Equal(20, asks.GetArrayLength());
        Assert.Equal(4, asks[0].GetArrayLength());
        Assert.True(decimal.Parse(asks[0][0].GetString()!, CultureInfo.InvariantCulture) > decimal.Parse(bids[0][0].GetString()!, CultureInfo.InvariantCulture));

        var (_, ticker) = await venue.GetAsync($"/api/v5/market/ticker?instId={Swap}");
        Assert.Equal(Swap, ticker.Data().Str("instId"));
        Assert.True(ticker.Data().Dec("vol24h") > 0);
        Assert.Equal(ticker.Data().Str("bidPx"), bids[0][0].GetString());

        var (_, candles) = await venue.GetAsync($"/api/v5/market/candles?instId={Swap}&bar=1m&limit=3");
        Assert.Equal(3, candles.DataCount());
        var newest = long.Parse(candles.Data(0)[0].GetString()!, CultureInfo.InvariantCulture);
        var older = long.Parse(candles.Data(1)[0].GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(60_000, newest - older);
        Assert.Equal(9, candles.Data(0).GetArrayLength());
        var (_, page) = await venue.GetAsync($"/api/v5/market/history-candles?instId={Swap}&bar=1m&after={older}&limit=2");
        Assert.Equal(older - 60_000, long.Parse(page.Data(0)[0].GetString()!, CultureInfo.InvariantCulture));

        Assert.Equal(5, (await venue.GetAsync($"/api/v5/market/trades?instId={Swap}&limit=5")).Json.DataCount());
        Assert.Equal(Swap, (await venue.GetAsync($"/api/v5/public/funding-rate?instId={Swap}")).Json.Data().Str("instId"));
        Assert.True((await venue.GetAsync($"/api/v5/public/mark-price?instType=SWAP&instId={Swap}")).Json.Data().Dec("markPx") > 0);
        Assert.True((await venue.GetAsync("/api/v5/public/time")).Json.Data().Dec("ts") > 0);
        var (unknownStatus, unknown) = await venue.GetAsync("/api/v5/market/books?instId=DOGE-USDT-SWAP");
        Assert.Equal("51001", unknown.Str("code"));
        Assert.Equal(200, unknownStatus);
    }

    [Fact]
    public async Task An_order_lives_and_the_account_equals_its_fills_and_fees()
    {
        await using var venue = await OkxVenue.StartAsync();
        var (_, book) = await venue.GetAsync($"/api/v5/market/books?instId={Swap}&sz=1");
        var bestBid = decimal.Parse(book.Data().GetProperty("bids")[0][0].GetString()!, CultureInfo.InvariantCulture);

        var (_, leverage) = await venue.CallAsync(HttpMethod.Post, "/api/v5/account/set-leverage", $"{{\"instId\":\"{Swap}\",\"lever\":10,\"mgnMode\":\"cross\"}}");
        Assert.Equal("0", leverage.Str("code"));
        Assert.Equal("10", leverage.Data().Str("lever"));

        // A post-only buy well below the market rests.
        var price = (bestBid - 500m).ToString(CultureInfo.InvariantCulture);
        var (_, placed) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order",
            $"{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"post_only\",\"px\":\"{price}\",\"sz\":\"2\",\"clOrdId\":\"rest1\"}}");
        Assert.Equal("0", placed.Str("code"));
        Assert.True(placed.TryGetProperty("inTime", out _) && placed.TryGetProperty("outTime", out _));
        Assert.Equal("0", placed.Data().Str("sCode"));
        var ordId = placed.Data().Str("ordId");
        var (_, live) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={Swap}&ordId={ordId}");
        Assert.Equal("live", live.Data().Str("state"));
        Assert.Equal("post_only", live.Data().Str("ordType"));
        Assert.Equal("rest1", live.Data().Str("clOrdId"));
        var (_, pending) = await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/orders-pending?instType=SWAP");
        Assert.Equal(ordId, pending.Data().Str("ordId"));
        var (_, balanceWithOrder) = await venue.CallAsync(HttpMethod.Get, "/api/v5/account/balance");
        Assert.True(balanceWithOrder.Data().GetProperty("details")[0].Dec("ordFrozen") > 0);

        var (_, canceled) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/cancel-order", $"{{\"instId\":\"{Swap}\",\"ordId\":\"{ordId}\"}}");
        Assert.Equal("0", canceled.Data().Str("sCode"));
        Assert.Equal("canceled", (await venue.CallAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={Swap}&clOrdId=rest1")).Json.Data().Str("state"));
        Assert.Equal(0, (await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/orders-pending")).Json.DataCount());
        var (_, again) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/cancel-order", $"{{\"instId\":\"{Swap}\",\"ordId\":\"{ordId}\"}}");
        Assert.Equal("1", again.Str("code"));
        Assert.Equal("51402", again.Data().Str("sCode"));

        // A market buy of 3 contracts, then a reduce-only market sell of 1 (batch-orders, as ccxt sends it).
        var (_, bought) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/batch-orders",
            $"[{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"3\"}}]");
        Assert.Equal("0", bought.Data().Str("sCode"));
        var (_, sold) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order",
            $"{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"sell\",\"ordType\":\"market\",\"sz\":\"1\",\"reduceOnly\":true}}");
        Assert.Equal("0", sold.Data().Str("sCode"));
        var (_, filled) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={Swap}&ordId={bought.Data().Str("ordId")}");
        Assert.Equal("filled", filled.Data().Str("state"));
        Assert.Equal("3", filled.Data().Str("accFillSz"));

        var (_, fills) = await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/fills-history?instType=SWAP");
        var all = fills.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(4m, all.Sum(f => f.Dec("fillSz")));
        Assert.All(all, f => Assert.Equal("T", f.Str("execType")));
        Assert.All(all, f => Assert.True(f.Dec("fee") < 0, "a fee charged is negative"));
        var fees = all.Sum(f => f.Dec("fee"));
        var realized = all.Sum(f => f.Dec("fillPnl"));

        var (_, positions) = await venue.CallAsync(HttpMethod.Get, "/api/v5/account/positions?instType=SWAP");
        var position = positions.Data();
        Assert.Equal("2", position.Str("pos"));
        Assert.Equal("net", position.Str("posSide"));
        Assert.Equal("cross", position.Str("mgnMode"));
        Assert.Equal("10", position.Str("lever"));
        var buys = all.Where(f => f.Str("side") == "buy").ToList();
        var entry = buys.Sum(f => f.Dec("fillPx") * f.Dec("fillSz")) / buys.Sum(f => f.Dec("fillSz"));
        Assert.Equal(decimal.Round(entry, 1), decimal.Round(position.Dec("avgPx"), 1));

        var (_, balance) = await venue.CallAsync(HttpMethod.Get, "/api/v5/account/balance");
        var usdt = balance.Data().GetProperty("details")[0];
        Assert.Equal("USDT", usdt.Str("ccy"));
        Assert.Equal(100_000m + realized + fees, usdt.Dec("cashBal"));
        Assert.Equal(usdt.Dec("cashBal") + usdt.Dec("upl"), usdt.Dec("eq"));
        Assert.Equal(position.Dec("upl"), usdt.Dec("upl"));
    }

    [Fact]
    public async Task Refusals_come_back_as_the_orders_sCode_and_sMsg()
    {
        await using var venue = await OkxVenue.StartAsync();
        var (_, tooPrecise) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order",
            $"{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"0.001\"}}");
        Assert.Equal("1", tooPrecise.Str("code"));
        Assert.Equal("All operations failed", tooPrecise.Str("msg"));
        Assert.Equal("51121", tooPrecise.Data().Str("sCode"));

        // At 1x, 200 contracts of 0.01 BTC at ~60,000 need ~120,000 USDT of margin; the account has 100,000.
        await venue.CallAsync(HttpMethod.Post, "/api/v5/account/set-leverage", $"{{\"instId\":\"{Swap}\",\"lever\":\"1\",\"mgnMode\":\"cross\"}}");
        var (_, margin) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order",
            $"{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"200\"}}");
        Assert.Equal("51008", margin.Data().Str("sCode"));

        var (_, reduce) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order",
            $"{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"sell\",\"ordType\":\"market\",\"sz\":\"1\",\"reduceOnly\":\"true\"}}");
        Assert.NotEqual("0", reduce.Data().Str("sCode"));

        // A post-only order that would take is accepted, then canceled by the system (cancelSource 31), as on OKX.
        var (_, book) = await venue.GetAsync($"/api/v5/market/books?instId={Swap}&sz=1");
        var ask = book.Data().GetProperty("asks")[0][0].GetString();
        var (_, crossing) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order",
            $"{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"post_only\",\"px\":\"{ask}\",\"sz\":\"1\",\"tag\":\"paper\"}}");
        Assert.Equal("0", crossing.Data().Str("sCode"));
        var (_, expired) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={Swap}&ordId={crossing.Data().Str("ordId")}");
        Assert.Equal("canceled", expired.Data().Str("state"));
        Assert.Equal("31", expired.Data().Str("cancelSource"));
        Assert.Equal("paper", expired.Data().Str("tag"));
        Assert.Equal("0", expired.Data().Str("accFillSz"));

        var (_, missing) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={Swap}&ordId=123456789");
        Assert.Equal("51603", missing.Str("code"));
        Assert.Equal(0, (await venue.CallAsync(HttpMethod.Get, "/api/v5/account/positions")).Json.DataCount());
    }

    [Fact]
    public async Task Long_short_mode_takes_posSide_and_isolated_tdMode_sets_the_margin_type()
    {
        await using var venue = await OkxVenue.StartAsync();
        var (_, mode) = await venue.CallAsync(HttpMethod.Post, "/api/v5/account/set-position-mode", "{\"posMode\":\"long_short_mode\"}");
        Assert.Equal("0", mode.Str("code"));
        Assert.Equal("long_short_mode", (await venue.CallAsync(HttpMethod.Get, "/api/v5/account/config")).Json.Data().Str("posMode"));

        var (_, net) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order",
            $"{{\"instId\":\"{Swap}\",\"tdMode\":\"isolated\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"1\"}}");
        Assert.Equal("51000", net.Str("code"));
        var (_, longLeg) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order",
            $"{{\"instId\":\"{Swap}\",\"tdMode\":\"isolated\",\"side\":\"buy\",\"posSide\":\"long\",\"ordType\":\"market\",\"sz\":\"1\"}}");
        Assert.Equal("0", longLeg.Data().Str("sCode"));
        var (_, shortLeg) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order",
            $"{{\"instId\":\"{Swap}\",\"tdMode\":\"isolated\",\"side\":\"sell\",\"posSide\":\"short\",\"ordType\":\"market\",\"sz\":\"2\"}}");
        Assert.Equal("0", shortLeg.Data().Str("sCode"));

        var (_, positions) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/account/positions?instId={Swap}");
        var legs = positions.GetProperty("data").EnumerateArray().ToDictionary(p => p.Str("posSide"));
        Assert.Equal("1", legs["long"].Str("pos"));
        Assert.Equal("2", legs["short"].Str("pos"));
        Assert.All(legs.Values, p => Assert.Equal("isolated", p.Str("mgnMode")));
        Assert.All(legs.Values, p => Assert.True(p.Dec("margin") > 0));
        var (_, busy) = await venue.CallAsync(HttpMethod.Post, "/api/v5/account/set-position-mode", "{\"posMode\":\"net_mode\"}");
        Assert.Equal("59000", busy.Str("code"));
        var (_, info) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/account/leverage-info?instId={Swap}&mgnMode=isolated");
        Assert.Equal("20", info.Data().Str("lever"));
    }
}
