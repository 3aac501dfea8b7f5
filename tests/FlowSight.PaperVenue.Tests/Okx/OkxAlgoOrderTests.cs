using System.Globalization;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Hosting;
using FlowSight.PaperVenue.Okx.Auth;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Okx;

/// <summary>
/// OKX's conditional (algo) orders on the paper venue, spoken raw: <c>POST trade/order-algo</c>, <c>cancel-algos</c>,
/// <c>orders-algo-pending</c>, <c>GET trade/order-algo</c> and the private <c>orders-algo</c> channel, signed like every
/// private endpoint; the order waits untriggered (unknown to the regular order endpoints), a trade through its trigger
/// places the regular order it becomes (no <c>clOrdId</c>, linked by <c>algoId</c>/<c>algoClOrdId</c>), and what OKX
/// refuses is refused with OKX's codes.
/// </summary>
public sealed class OkxAlgoOrderTests
{
    private const string Swap = "BTC-USDT-SWAP";

    private static string Login(PaperCredential credential)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var sign = OkxSignature.Compute(credential.Secret, timestamp + "GET/users/self/verify");
        return $"{{\"op\":\"login\",\"args\":[{{\"apiKey\":\"{credential.ApiKey}\",\"passphrase\":\"{credential.Passphrase}\",\"timestamp\":\"{timestamp}\",\"sign\":\"{sign}\"}}]}}";
    }

    private static bool Event(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("event", out var v) && v.GetString() == name;

    private static bool Push(JsonElement e, string channel, Func<JsonElement, bool> item) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("arg", out var arg) && arg.Str("channel") == channel
        && e.TryGetProperty("data", out var data) && data.EnumerateArray().Any(item);

    private static async Task<(decimal Bid, decimal Ask)> TopAsync(OkxVenue venue) => await venue.Host.Exchange.InvokeAsync(() =>
    {
        var market = venue.Host.Exchange.Markets.Single(m => m.Symbol == Swap).Market;
        market.TryGetBestBid(out var bid);
        market.TryGetBestAsk(out var ask);
        return (bid.Price.ToDecimal(), ask.Price.ToDecimal());
    });

    private static string Stop(string id, string side, decimal trigger, string sz = "1", string extra = "") =>
        $"{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"{side}\",\"ordType\":\"conditional\",\"sz\":\"{sz}\",\"algoClOrdId\":\"{id}\",\"slTriggerPx\":\"{trigger.ToString(CultureInfo.InvariantCulture)}\",\"slOrdPx\":\"-1\"{extra}}}";

    private static string Market(string id, string side, string sz) =>
        $"{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"clOrdId\":\"{id}\",\"side\":\"{side}\",\"ordType\":\"market\",\"sz\":\"{sz}\"}}";

    [Fact]
    public async Task A_stop_waits_as_an_algo_order_and_a_trade_through_its_trigger_places_the_regular_order_it_becomes()
    {
        await using var venue = await OkxVenue.StartAsync();
        await using var socket = await OkxSocket.ConnectAsync(venue.Host.Endpoint("ws-private"));
        await socket.SendAsync(Login(OkxVenue.Alice));
        await socket.WaitForAsync(e => Event(e, "login"), "login");
        await socket.SendAsync("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"orders-algo\",\"instType\":\"ANY\"},{\"channel\":\"orders\",\"instType\":\"ANY\"}]}");
        await socket.WaitForAsync(e => Event(e, "subscribe") && e.GetProperty("arg").Str("channel") == "orders", "subscribed");

        var (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order", Market("entry1", "buy", "2"));
        Assert.Equal("0", json.Data().Str("sCode"));
        var (bid, _) = await TopAsync(venue);

        // Placed: the answer carries the algoId and our algoClOrdId, the channel says live.
        (var status, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order-algo", Stop("stop1", "sell", bid, extra: ",\"reduceOnly\":true"));
        Assert.Equal((200, "0", "0", "stop1"), (status, json.Str("code"), json.Data().Str("sCode"), json.Data().Str("algoClOrdId")));
        var algoId = json.Data().Str("algoId");
        Assert.Matches("^[0-9]{18}$", algoId);
        var live = await socket.WaitForAsync(e => Push(e, "orders-algo", d => d.Str("algoId") == algoId && d.Str("state") == "live"), "orders-algo live");
        var pushed = live.Data();
        Assert.Equal(("conditional", "sell", bid, "-1", "last", "true", string.Empty), (pushed.Str("ordType"), pushed.Str("side"), pushed.Dec("slTriggerPx"), pushed.Str("slOrdPx"), pushed.Str("slTriggerPxType"), pushed.Str("reduceOnly"), pushed.Str("ordId")));

        // Waiting: listed by orders-algo-pending and order-algo, unknown to the regular order endpoints.
        (_, json) = await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/orders-algo-pending?ordType=conditional&instId=" + Swap);
        Assert.Equal((1, algoId, "live"), (json.DataCount(), json.Data().Str("algoId"), json.Data().Str("state")));
        (_, json) = await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/orders-algo-pending?ordType=oco");
        Assert.Equal(0, json.DataCount());
        (_, json) = await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/order-algo?algoClOrdId=stop1");
        Assert.Equal(algoId, json.Data().Str("algoId"));
        (_, json) = await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/orders-pending?instType=SWAP");
        Assert.Equal(0, json.DataCount());
        (_, json) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={Swap}&clOrdId=stop1");
        Assert.Equal("51603", json.Str("code"));

        // Bob sees none of it.
        (_, json) = await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/order-algo?algoId=" + algoId, credential: OkxVenue.Bob);
        Assert.Equal("51603", json.Str("code"));

        // A sale prints a trade at the trigger: effective, then the regular order — no clOrdId, linked to the algo order.
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order", Market("sale1", "sell", "1"));
        Assert.Equal("0", json.Data().Str("sCode"));
        var effective = (await socket.WaitForAsync(e => Push(e, "orders-algo", d => d.Str("algoId") == algoId && d.Str("state") == "effective"), "orders-algo effective")).Data();
        var ordId = effective.Str("ordId");
        Assert.NotEmpty(ordId);
        Assert.Equal(("sl", "1"), (effective.Str("actualSide"), effective.Str("actualSz")));
        var filled = (await socket.WaitForAsync(e => Push(e, "orders", d => d.Str("ordId") == ordId && d.Str("state") == "filled"), "regular order filled")).Data();
        Assert.Equal((string.Empty, "stop1", algoId, "market", "1"), (filled.Str("clOrdId"), filled.Str("algoClOrdId"), filled.Str("algoId"), filled.Str("ordType"), filled.Str("accFillSz")));

        // Done: no longer pending; order-algo says effective with the ordId; the fills are the regular order's.
        (_, json) = await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/orders-algo-pending?ordType=conditional");
        Assert.Equal(0, json.DataCount());
        (_, json) = await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/order-algo?algoId=" + algoId);
        Assert.Equal(("effective", ordId), (json.Data().Str("state"), json.Data().Str("ordId")));
        (_, json) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={Swap}&ordId={ordId}");
        Assert.Equal(("filled", "stop1"), (json.Data().Str("state"), json.Data().Str("algoClOrdId")));
        (_, json) = await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/fills?instType=SWAP");
        Assert.All(json.GetProperty("data").EnumerateArray().Where(f => f.Str("ordId") == ordId), f => Assert.Equal(string.Empty, f.Str("clOrdId")));

        // A triggered algo order cannot be canceled as one (51416).
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/cancel-algos", $"[{{\"instId\":\"{Swap}\",\"algoId\":\"{algoId}\"}}]");
        Assert.Equal(("1", "51416"), (json.Str("code"), json.Data().Str("sCode")));
    }

    [Fact]
    public async Task Cancel_algos_cancels_a_waiting_order_by_algoId_or_algoClOrdId_and_the_channel_says_canceled()
    {
        await using var venue = await OkxVenue.StartAsync();
        await using var socket = await OkxSocket.ConnectAsync(venue.Host.Endpoint("ws-private"));
        await socket.SendAsync(Login(OkxVenue.Alice));
        await socket.WaitForAsync(e => Event(e, "login"), "login");
        await socket.SendAsync("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"orders-algo\",\"instType\":\"ANY\"}]}");
        await socket.WaitForAsync(e => Event(e, "subscribe"), "subscribed");
        var (_, ask) = await TopAsync(venue);

        var (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order-algo", Stop("up1", "buy", ask + 500m));
        var first = json.Data().Str("algoId");
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order-algo", Stop("up2", "buy", ask + 600m));
        Assert.Equal("0", json.Data().Str("sCode"));

        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/cancel-algos", $"[{{\"instId\":\"{Swap}\",\"algoId\":\"{first}\"}},{{\"instId\":\"{Swap}\",\"algoClOrdId\":\"up2\"}}]");
        Assert.Equal("0", json.Str("code"));
        Assert.All(json.GetProperty("data").EnumerateArray(), d => Assert.Equal("0", d.Str("sCode")));
        await socket.WaitForAsync(e => Push(e, "orders-algo", d => d.Str("algoClOrdId") == "up2" && d.Str("state") == "canceled"), "canceled push");
        (_, json) = await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/orders-algo-pending?ordType=conditional");
        Assert.Equal(0, json.DataCount());

        // Again: OKX's 51400; neither id given: 51000 for the whole request.
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/cancel-algos", $"[{{\"instId\":\"{Swap}\",\"algoClOrdId\":\"up2\"}}]");
        Assert.Equal("51400", json.Data().Str("sCode"));
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/cancel-algos", $"[{{\"instId\":\"{Swap}\"}}]");
        Assert.Equal("51000", json.Str("code"));
    }

    [Fact]
    public async Task What_OKX_refuses_is_refused_with_its_codes_and_an_unsigned_request_places_nothing()
    {
        await using var venue = await OkxVenue.StartAsync();
        var (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order", Market("print1", "buy", "1"));
        Assert.Equal("0", json.Data().Str("sCode"));
        var last = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Markets.Single(m => m.Symbol == Swap).Trades.TryGetLast(out var t) ? t.Price.ToDecimal() : 0m);

        // A stop the last price has already passed: 51280 (sell, above), 51278 (buy, below); take-profits 51279 / 51277.
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order-algo", Stop("w1", "sell", last + 100m));
        Assert.Equal(("1", "51280"), (json.Str("code"), json.Data().Str("sCode")));
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order-algo", Stop("w2", "buy", last - 100m));
        Assert.Equal("51278", json.Data().Str("sCode"));
        var tp = $"{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"sell\",\"ordType\":\"conditional\",\"sz\":\"1\",\"tpTriggerPx\":\"{(last - 100m).ToString(CultureInfo.InvariantCulture)}\",\"tpOrdPx\":\"-1\"}}";
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order-algo", tp);
        Assert.Equal("51279", json.Data().Str("sCode"));

        // The same algoClOrdId while the first is waiting: 51065.
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order-algo", Stop("dup1", "sell", last - 100m));
        Assert.Equal("0", json.Data().Str("sCode"));
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order-algo", Stop("dup1", "sell", last - 200m));
        Assert.Equal(("51065", "algoClOrdId already exists."), (json.Data().Str("sCode"), json.Data().Str("sMsg")));

        // The mark as trigger price type is taken (and named back); an index price is not simulated.
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order-algo", Stop("mark1", "sell", last - 300m, extra: ",\"slTriggerPxType\":\"mark\""));
        Assert.Equal("0", json.Data().Str("sCode"));
        (_, json) = await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/order-algo?algoClOrdId=mark1");
        Assert.Equal("mark", json.Data().Str("slTriggerPxType"));
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order-algo", Stop("idx1", "sell", last - 300m, extra: ",\"slTriggerPxType\":\"index\""));
        Assert.Equal("51000", json.Str("code"));

        // Malformed: no leg (50014), a stop without its order price (50014), another algo type (51000), a bad algoClOrdId (51000).
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order-algo", $"{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"sell\",\"ordType\":\"conditional\",\"sz\":\"1\"}}");
        Assert.Equal("50014", json.Str("code"));
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order-algo", Stop("n1", "sell", last - 100m).Replace(",\"slOrdPx\":\"-1\"", string.Empty, StringComparison.Ordinal));
        Assert.Equal("50014", json.Str("code"));
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order-algo", Stop("n2", "sell", last - 100m).Replace("conditional", "oco", StringComparison.Ordinal));
        Assert.Equal("51000", json.Str("code"));
        (_, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order-algo", Stop("bad-id", "sell", last - 100m));
        Assert.Equal("51000", json.Str("code"));

        // Signed like every private endpoint: a body changed after signing is refused (50113) and places nothing.
        using (var tampered = await venue.SendAsync(HttpMethod.Post, "/api/v5/trade/order-algo", Stop("t1", "sell", last - 100m), tamper: b => b!.Replace("\"sz\":\"1\"", "\"sz\":\"9\"", StringComparison.Ordinal)))
        {
            Assert.Equal(401, (int)tampered.StatusCode);
            Assert.Equal("50113", (await OkxVenue.ReadAsync(tampered)).Str("code"));
        }

        (_, json) = await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/orders-algo-pending?ordType=conditional");
        Assert.Equal(["dup1", "mark1"], json.GetProperty("data").EnumerateArray().Select(d => d.Str("algoClOrdId")).Order());
    }
}
