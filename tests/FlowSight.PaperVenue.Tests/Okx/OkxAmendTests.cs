using System.Globalization;
using System.Text.Json;
using FlowSight.PaperVenue.Hosting;
using FlowSight.PaperVenue.Okx.Auth;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Okx;

/// <summary>
/// OKX's <c>amend-order</c> on the paper venue, over REST and the private WebSocket: the answer's
/// <c>{clOrdId, ordId, ts, reqId, sCode, sMsg}</c>, the <c>orders</c> push with <c>amendResult</c> and the new
/// price and size, the exchange's own order changed in place (same ids), and OKX's codes for what it refuses.
/// </summary>
public sealed class OkxAmendTests
{
    private const string Swap = "BTC-USDT-SWAP";

    private static string Login(PaperCredential credential)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var sign = OkxSignature.Compute(credential.Secret, timestamp + "GET/users/self/verify");
        return $"{{\"op\":\"login\",\"args\":[{{\"apiKey\":\"{credential.ApiKey}\",\"passphrase\":\"{credential.Passphrase}\",\"timestamp\":\"{timestamp}\",\"sign\":\"{sign}\"}}]}}";
    }

    private static bool Reply(JsonElement e, string id) => e.TryGetProperty("id", out var v) && v.GetString() == id;

    private static bool OrdersPush(JsonElement e) =>
        e.TryGetProperty("arg", out var arg) && arg.Str("channel") == "orders" && e.TryGetProperty("data", out var data) && data.GetArrayLength() > 0;

    private static async Task<decimal> BestBidAsync(OkxVenue venue)
    {
        var (_, book) = await venue.GetAsync($"/api/v5/market/books?instId={Swap}&sz=1");
        return decimal.Parse(book.Data().GetProperty("bids")[0][0].GetString()!, CultureInfo.InvariantCulture);
    }

    private static async Task<string> RestingBuyAsync(OkxVenue venue, decimal price, string size, string clOrdId, string ordType = "limit")
    {
        var (_, placed) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order",
            $"{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"{ordType}\",\"px\":\"{price.ToString(CultureInfo.InvariantCulture)}\",\"sz\":\"{size}\",\"clOrdId\":\"{clOrdId}\"}}");
        Assert.Equal("0", placed.Data().Str("sCode"));
        return placed.Data().Str("ordId");
    }

    [Fact]
    public async Task A_REST_amend_changes_price_and_total_size_in_place_and_answers_with_reqId()
    {
        await using var venue = await OkxVenue.StartAsync();
        var bid = await BestBidAsync(venue);
        var ordId = await RestingBuyAsync(venue, bid - 300m, "2", "amend1");

        var newPx = (bid - 400m).ToString(CultureInfo.InvariantCulture);
        var (status, amended) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/amend-order",
            $"{{\"instId\":\"{Swap}\",\"ordId\":\"{ordId}\",\"newSz\":\"3\",\"newPx\":\"{newPx}\",\"reqId\":\"r1\"}}");
        Assert.Equal(200, status);
        Assert.Equal("0", amended.Str("code"));
        var item = amended.Data();
        Assert.Equal("0", item.Str("sCode"));
        Assert.Equal(ordId, item.Str("ordId"));
        Assert.Equal("amend1", item.Str("clOrdId"));
        Assert.Equal("r1", item.Str("reqId"));
        Assert.True(item.Dec("ts") > 0);
        Assert.False(item.TryGetProperty("tag", out _), "an amend's answer has reqId, not tag");

        var (_, live) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={Swap}&clOrdId=amend1");
        Assert.Equal(ordId, live.Data().Str("ordId"));
        Assert.Equal("live", live.Data().Str("state"));
        Assert.Equal(bid - 400m, live.Data().Dec("px"));
        Assert.Equal(3m, live.Data().Dec("sz"));
        var atVenue = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Open(OkxVenue.Alice.AccountId).Single());
        Assert.Equal(ordId, atVenue.OrderId.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(bid - 400m, atVenue.Last.Price.ToDecimal());
        Assert.Equal(3m, atVenue.Last.Quantity.ToDecimal());

        // By clOrdId, only the size; and amend-batch-orders takes several.
        var (_, bySize) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/amend-batch-orders",
            $"[{{\"instId\":\"{Swap}\",\"clOrdId\":\"amend1\",\"newSz\":\"1\"}}]");
        Assert.Equal("0", bySize.Data().Str("sCode"));
        Assert.Equal(string.Empty, bySize.Data().Str("reqId"));
        var (_, smaller) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={Swap}&ordId={ordId}");
        Assert.Equal(1m, smaller.Data().Dec("sz"));
        Assert.Equal(bid - 400m, smaller.Data().Dec("px"));
    }

    [Fact]
    public async Task Refused_amends_come_back_with_OKXs_codes_and_leave_the_order_as_it_was()
    {
        await using var venue = await OkxVenue.StartAsync();
        var bid = await BestBidAsync(venue);
        var ordId = await RestingBuyAsync(venue, bid - 300m, "2", "keep1", ordType: "post_only");

        async Task<JsonElement> AmendAsync(string args)
        {
            var (_, answer) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/amend-order", $"{{\"instId\":\"{Swap}\",{args}}}");
            return answer;
        }

        var unknown = await AmendAsync("\"ordId\":\"123456789\",\"newSz\":\"3\",\"reqId\":\"u1\"");
        Assert.Equal("1", unknown.Str("code"));
        Assert.Equal("All operations failed", unknown.Str("msg"));
        Assert.Equal("51503", unknown.Data().Str("sCode"));
        Assert.Equal("u1", unknown.Data().Str("reqId"));
        Assert.Equal("51503", (await AmendAsync("\"clOrdId\":\"nosuch\",\"newSz\":\"3\"")).Data().Str("sCode"));
        Assert.Equal("51500", (await AmendAsync($"\"ordId\":\"{ordId}\"")).Data().Str("sCode"));
        Assert.Equal("51121", (await AmendAsync($"\"ordId\":\"{ordId}\",\"newSz\":\"1.001\"")).Data().Str("sCode"));
        Assert.Equal("51000", (await AmendAsync($"\"ordId\":\"{ordId}\",\"newPx\":\"{bid - 300.05m}\"")).Data().Str("sCode"));
        var (_, book) = await venue.GetAsync($"/api/v5/market/books?instId={Swap}&sz=1");
        var ask = book.Data().GetProperty("asks")[0][0].GetString();
        Assert.Equal("51511", (await AmendAsync($"\"ordId\":\"{ordId}\",\"newPx\":\"{ask}\"")).Data().Str("sCode"));

        var (_, unchanged) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={Swap}&ordId={ordId}");
        Assert.Equal("live", unchanged.Data().Str("state"));
        Assert.Equal(bid - 300m, unchanged.Data().Dec("px"));
        Assert.Equal(2m, unchanged.Data().Dec("sz"));

        // Bob cannot amend Alice's order; with cxlOnFail a refused amend cancels the order.
        var (_, bob) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/amend-order", $"{{\"instId\":\"{Swap}\",\"ordId\":\"{ordId}\",\"newSz\":\"3\"}}", OkxVenue.Bob);
        Assert.Equal("51503", bob.Data().Str("sCode"));
        var failedAndCanceled = await AmendAsync($"\"ordId\":\"{ordId}\",\"newPx\":\"{ask}\",\"cxlOnFail\":true");
        Assert.Equal("51511", failedAndCanceled.Data().Str("sCode"));
        var (_, canceled) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={Swap}&ordId={ordId}");
        Assert.Equal("canceled", canceled.Data().Str("state"));
        Assert.Equal("51509", (await AmendAsync($"\"ordId\":\"{ordId}\",\"newSz\":\"3\"")).Data().Str("sCode"));

        var (missingStatus, missing) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/amend-order", $"{{\"instId\":\"{Swap}\",\"newSz\":\"3\"}}");
        Assert.Equal(400, missingStatus);
        Assert.Equal("51000", missing.Str("code"));
    }

    [Fact]
    public async Task A_WebSocket_amend_replies_with_its_id_then_pushes_the_order_with_amendResult()
    {
        await using var venue = await OkxVenue.StartAsync();
        await using var socket = await OkxSocket.ConnectAsync(venue.Host.Endpoint("ws-private"));
        await socket.SendAsync(Login(OkxVenue.Alice));
        await socket.WaitForAsync(e => e.TryGetProperty("event", out var v) && v.GetString() == "login", "the login");
        await socket.SendAsync("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"orders\",\"instType\":\"SWAP\"}]}");
        await socket.WaitForAsync(e => e.TryGetProperty("event", out var v) && v.GetString() == "subscribe", "the subscription");

        var bid = await BestBidAsync(venue);
        await socket.SendAsync($"{{\"id\":\"o1\",\"op\":\"order\",\"args\":[{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"{bid - 300m}\",\"sz\":\"1\",\"clOrdId\":\"wsamend\"}}]}}");
        var ordId = (await socket.WaitForAsync(e => Reply(e, "o1"), "the order reply")).Data().Str("ordId");
        var live = await socket.WaitForAsync(e => OrdersPush(e) && e.Data().Str("ordId") == ordId, "the live push");
        Assert.Equal(string.Empty, live.Data().Str("amendResult"));

        await socket.SendAsync($"{{\"id\":\"a1\",\"op\":\"amend-order\",\"args\":[{{\"instId\":\"{Swap}\",\"ordId\":\"{ordId}\",\"newPx\":\"{bid - 350m}\",\"newSz\":\"2\",\"reqId\":\"wsreq1\"}}]}}");
        var reply = await socket.WaitForAsync(e => Reply(e, "a1"), "the amend reply");
        Assert.Equal("amend-order", reply.Str("op"));
        Assert.Equal("0", reply.Str("code"));
        Assert.Equal("0", reply.Data().Str("sCode"));
        Assert.Equal(ordId, reply.Data().Str("ordId"));
        Assert.Equal("wsamend", reply.Data().Str("clOrdId"));
        Assert.Equal("wsreq1", reply.Data().Str("reqId"));
        Assert.True(reply.TryGetProperty("inTime", out _) && reply.TryGetProperty("outTime", out _));

        var pushed = await socket.WaitForAsync(e => OrdersPush(e) && e.Data().Str("amendResult") == "0", "the amend push");
        var order = pushed.Data();
        Assert.Equal(ordId, order.Str("ordId"));
        Assert.Equal("wsamend", order.Str("clOrdId"));
        Assert.Equal("live", order.Str("state"));
        Assert.Equal(bid - 350m, order.Dec("px"));
        Assert.Equal(2m, order.Dec("sz"));
        Assert.Equal("wsreq1", order.Str("reqId"));
        Assert.Equal("1", order.Str("amendSource"));
        var replyAt = socket.Seen.ToList().FindIndex(m => m.Contains("\"id\":\"a1\"", StringComparison.Ordinal));
        var pushAt = socket.Seen.ToList().FindIndex(m => m.Contains("\"amendResult\":\"0\"", StringComparison.Ordinal));
        Assert.True(replyAt >= 0 && replyAt < pushAt, "the reply comes before the push the amend raised");

        // An unknown order: refused in the reply (51503), nothing pushed.
        await socket.SendAsync($"{{\"id\":\"a2\",\"op\":\"amend-order\",\"args\":[{{\"instId\":\"{Swap}\",\"ordId\":\"987654321\",\"newSz\":\"2\",\"reqId\":\"wsreq2\"}}]}}");
        var refused = await socket.WaitForAsync(e => Reply(e, "a2"), "the refused amend's reply");
        Assert.Equal("1", refused.Str("code"));
        Assert.Equal("51503", refused.Data().Str("sCode"));
        Assert.Equal("wsreq2", refused.Data().Str("reqId"));

        // A refused filter check on a live order is answered, not pushed: the next push is the cancel's.
        await socket.SendAsync($"{{\"id\":\"a3\",\"op\":\"amend-order\",\"args\":[{{\"instId\":\"{Swap}\",\"ordId\":\"{ordId}\",\"newSz\":\"0.001\"}}]}}");
        Assert.Equal("51121", (await socket.WaitForAsync(e => Reply(e, "a3"), "the lot-size refusal")).Data().Str("sCode"));
        await socket.SendAsync($"{{\"id\":\"c1\",\"op\":\"cancel-order\",\"args\":[{{\"instId\":\"{Swap}\",\"ordId\":\"{ordId}\"}}]}}");
        var next = await socket.WaitForAsync(OrdersPush, "the next orders push");
        Assert.Equal("canceled", next.Data().Str("state"));
    }
}
