using System.Globalization;
using System.Text.Json;
using FlowSight.PaperVenue.Hosting;
using FlowSight.PaperVenue.Okx.Auth;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Okx;

/// <summary>
/// OKX's WebSockets on the paper venue: public subscriptions with acks and errors, and on the private URL login,
/// the orders/positions/account channels and order entry, whose pushes match the REST view of the account.
/// </summary>
public sealed class OkxWebSocketTests
{
    private const string Swap = "BTC-USDT-SWAP";

    private static string Login(PaperCredential credential, long? seconds = null, string? secret = null)
    {
        var timestamp = (seconds ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var sign = OkxSignature.Compute(secret ?? credential.Secret, timestamp + "GET/users/self/verify");
        return $"{{\"op\":\"login\",\"args\":[{{\"apiKey\":\"{credential.ApiKey}\",\"passphrase\":\"{credential.Passphrase}\",\"timestamp\":\"{timestamp}\",\"sign\":\"{sign}\"}}]}}";
    }

    private static bool Event(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("event", out var v) && v.GetString() == name;

    private static bool Push(JsonElement e, string channel) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("arg", out var arg) && arg.Str("channel") == channel && e.TryGetProperty("data", out var data) && data.GetArrayLength() > 0;

    [Fact]
    public async Task Public_subscriptions_are_acknowledged_pushed_and_refused_as_OKX_does()
    {
        await using var venue = await OkxVenue.StartAsync(speed: 5);
        await using var socket = await OkxSocket.ConnectAsync(venue.Host.Endpoint("ws-public"));
        await socket.SendAsync("ping");
        await socket.WaitForAsync(_ => false, "pong");

        await socket.SendAsync($"{{\"id\":\"7\",\"op\":\"subscribe\",\"args\":[{{\"channel\":\"books\",\"instId\":\"{Swap}\"}},{{\"channel\":\"trades\",\"instId\":\"{Swap}\"}},{{\"channel\":\"tickers\",\"instId\":\"{Swap}\"}},{{\"channel\":\"books5\",\"instId\":\"{Swap}\"}},{{\"channel\":\"bbo-tbt\",\"instId\":\"{Swap}\"}},{{\"channel\":\"mark-price\",\"instId\":\"{Swap}\"}},{{\"channel\":\"funding-rate\",\"instId\":\"{Swap}\"}}]}}");
        var ack = await socket.WaitForAsync(e => Event(e, "subscribe"), "the books ack");
        Assert.Equal("7", ack.Str("id"));
        Assert.Equal("books", ack.GetProperty("arg").Str("channel"));
        Assert.False(string.IsNullOrEmpty(ack.Str("connId")));
        var snapshot = await socket.WaitForAsync(e => Push(e, "books"), "the books snapshot");
        Assert.Equal("snapshot", snapshot.Str("action"));
        Assert.Equal(-1, snapshot.Data().GetProperty("prevSeqId").GetInt64());
        Assert.InRange(snapshot.Data().GetProperty("bids").GetArrayLength(), 5, 400);
        var update = await socket.WaitForAsync(e => Push(e, "books") && e.Str("action") == "update", "a books update");
        Assert.Equal(snapshot.Data().GetProperty("seqId").GetInt64(), update.Data().GetProperty("prevSeqId").GetInt64());
        Assert.True(update.Data().GetProperty("seqId").GetInt64() > update.Data().GetProperty("prevSeqId").GetInt64());
        await socket.WaitForAsync(e => Push(e, "trades"), "a trade");
        await socket.WaitForAsync(e => Push(e, "tickers"), "a ticker");
        await socket.WaitForAsync(e => Push(e, "books5") && e.Data().GetProperty("asks").GetArrayLength() == 5, "books5");
        await socket.WaitForAsync(e => Push(e, "bbo-tbt"), "bbo-tbt");
        await socket.WaitForAsync(e => Push(e, "mark-price"), "a mark price");
        await socket.WaitForAsync(e => Push(e, "funding-rate"), "the funding rate");

        await socket.SendAsync("{\"id\":\"8\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"DOGE-USDT-SWAP\"}]}");
        var unknown = await socket.WaitForAsync(e => Event(e, "error"), "an error for an unknown instrument");
        Assert.Equal("60018", unknown.Str("code"));
        Assert.Equal("8", unknown.Str("id"));
        await socket.SendAsync("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"orders\",\"instType\":\"SWAP\"}]}");
        Assert.Equal("60018", (await socket.WaitForAsync(e => Event(e, "error"), "an error for a private channel")).Str("code"));
        await socket.SendAsync("{not json");
        Assert.Equal("60012", (await socket.WaitForAsync(e => Event(e, "error"), "an error for bad JSON")).Str("code"));
        await socket.SendAsync("{\"op\":\"dance\",\"args\":[{}]}");
        Assert.Equal("60012", (await socket.WaitForAsync(e => Event(e, "error"), "an error for an unknown op")).Str("code"));
        await socket.SendAsync($"{{\"op\":\"unsubscribe\",\"args\":[{{\"channel\":\"trades\",\"instId\":\"{Swap}\"}}]}}");
        await socket.WaitForAsync(e => Event(e, "unsubscribe"), "the unsubscribe ack");
    }

    [Fact]
    public async Task A_still_book_sends_the_no_change_message_with_seqId_equal_to_prevSeqId()
    {
        await using var host = await PaperVenueHost.StartAsync(
            new PaperVenueOptions { Venue = PaperVenueKind.Okx, Speed = 60, WarmUp = TimeSpan.FromMinutes(2), Credentials = [OkxVenue.Alice] },
            sources: (index, instrument, start) => new FreezingMarketSource(
                new global::FlowSight.PaperVenue.Exchange.SyntheticMarketSource(new global::FlowSight.Simulator.Markets.Synthetic.SyntheticMarketOptions { Seed = 3 + index, InitialPrice = PaperInstruments.StartPrice(instrument), StartTime = start }),
                start + TimeSpan.FromMinutes(2).Ticks * 100),
            cancellationToken: TestContext.Current.CancellationToken);
        await using var socket = await OkxSocket.ConnectAsync(host.Endpoint("ws-public"));
        await socket.SendAsync($"{{\"op\":\"subscribe\",\"args\":[{{\"channel\":\"books\",\"instId\":\"{Swap}\"}}]}}");
        var snapshot = await socket.WaitForAsync(e => Push(e, "books"), "the snapshot");
        var heartbeat = await socket.WaitForAsync(e => Push(e, "books") && e.Str("action") == "update", "the no-change message");
        var data = heartbeat.Data();
        Assert.Equal(data.GetProperty("prevSeqId").GetInt64(), data.GetProperty("seqId").GetInt64());
        Assert.Equal(snapshot.Data().GetProperty("seqId").GetInt64(), data.GetProperty("seqId").GetInt64());
        Assert.Equal(0, data.GetProperty("asks").GetArrayLength() + data.GetProperty("bids").GetArrayLength());
        Assert.Equal(snapshot.Data().GetProperty("checksum").GetInt32(), data.GetProperty("checksum").GetInt32());
    }

    [Fact]
    public async Task Candles_are_served_on_the_business_URL_only()
    {
        await using var venue = await OkxVenue.StartAsync(speed: 5);
        await using var business = await OkxSocket.ConnectAsync(venue.Host.Endpoint("ws-business"));
        await business.SendAsync($"{{\"op\":\"subscribe\",\"args\":[{{\"channel\":\"candle1m\",\"instId\":\"{Swap}\"}}]}}");
        await business.WaitForAsync(e => Event(e, "subscribe"), "the candle ack");
        var candle = await business.WaitForAsync(e => Push(e, "candle1m"), "a candle");
        Assert.Equal(9, candle.Data().GetArrayLength());
        Assert.Equal(0, long.Parse(candle.Data()[0].GetString()!, CultureInfo.InvariantCulture) % 60_000);
        await business.SendAsync($"{{\"op\":\"subscribe\",\"args\":[{{\"channel\":\"candle7m\",\"instId\":\"{Swap}\"}}]}}");
        Assert.Equal("60018", (await business.WaitForAsync(e => Event(e, "error"), "an unknown bar")).Str("code"));

        await using var publicSocket = await OkxSocket.ConnectAsync(venue.Host.Endpoint("ws-public"));
        await publicSocket.SendAsync($"{{\"op\":\"subscribe\",\"args\":[{{\"channel\":\"candle1m\",\"instId\":\"{Swap}\"}}]}}");
        Assert.Equal("60018", (await publicSocket.WaitForAsync(e => Event(e, "error"), "candles refused on the public URL")).Str("code"));
    }

    [Fact]
    public async Task Login_is_checked_as_OKX_checks_it()
    {
        await using var venue = await OkxVenue.StartAsync();
        await using var socket = await OkxSocket.ConnectAsync(venue.Host.Endpoint("ws-private"));
        await socket.SendAsync("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"orders\",\"instType\":\"SWAP\"}]}");
        Assert.Equal("60011", (await socket.WaitForAsync(e => Event(e, "error"), "not logged in")).Str("code"));
        await socket.SendAsync(Login(OkxVenue.Alice, secret: "wrong"));
        Assert.NotEqual("0", (await socket.WaitForAsync(e => Event(e, "error"), "a refused login")).Str("code"));
        await socket.SendAsync(Login(OkxVenue.Alice, seconds: DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60));
        Assert.Equal("60004", (await socket.WaitForAsync(e => Event(e, "error"), "a stale login")).Str("code"));
        await socket.SendAsync(Login(OkxVenue.Alice with { Passphrase = "nope" }));
        Assert.Equal("60024", (await socket.WaitForAsync(e => Event(e, "error"), "a wrong passphrase")).Str("code"));
        await socket.SendAsync($"{{\"id\":\"1\",\"op\":\"order\",\"args\":[{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"1\"}}]}}");
        Assert.Equal("60011", (await socket.WaitForAsync(e => e.TryGetProperty("op", out _), "an order refused before login")).Str("code"));
        await socket.SendAsync(Login(OkxVenue.Alice));
        Assert.Equal("0", (await socket.WaitForAsync(e => Event(e, "login"), "the login")).Str("code"));
        Assert.Equal(0, await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Orders(1).Count()));
    }

    [Fact]
    public async Task Orders_placed_over_the_socket_are_pushed_and_the_account_equals_the_fills()
    {
        await using var venue = await OkxVenue.StartAsync();
        await using var socket = await OkxSocket.ConnectAsync(venue.Host.Endpoint("ws-private"));
        await socket.SendAsync(Login(OkxVenue.Alice));
        await socket.WaitForAsync(e => Event(e, "login"), "the login");
        await socket.SendAsync("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"orders\",\"instType\":\"SWAP\"},{\"channel\":\"positions\",\"instType\":\"ANY\"},{\"channel\":\"account\",\"ccy\":\"USDT\"}]}");
        var account = await socket.WaitForAsync(e => Push(e, "account"), "the account snapshot");
        Assert.Equal(100_000m, account.Data().GetProperty("details")[0].Dec("cashBal"));
        Assert.Equal("1", account.GetProperty("arg").Str("uid"));

        // A resting post-only order, then its cancel, over the socket.
        var (_, book) = await venue.GetAsync($"/api/v5/market/books?instId={Swap}&sz=1");
        var bid = decimal.Parse(book.Data().GetProperty("bids")[0][0].GetString()!, CultureInfo.InvariantCulture);
        await socket.SendAsync($"{{\"id\":\"o1\",\"op\":\"order\",\"args\":[{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"post_only\",\"px\":\"{bid - 300m}\",\"sz\":\"1\",\"clOrdId\":\"ws1\",\"tag\":\"wstag\"}}]}}");
        var placed = await socket.WaitForAsync(e => e.TryGetProperty("id", out var id) && id.GetString() == "o1", "the order reply");
        Assert.Equal("order", placed.Str("op"));
        Assert.Equal("0", placed.Str("code"));
        Assert.Equal("0", placed.Data().Str("sCode"));
        var ordId = placed.Data().Str("ordId");
        var live = await socket.WaitForAsync(e => Push(e, "orders") && e.Data().Str("ordId") == ordId, "the live order push");
        Assert.Equal("live", live.Data().Str("state"));
        Assert.Equal("ws1", live.Data().Str("clOrdId"));
        Assert.Equal("wstag", live.Data().Str("tag"));
        var replyAt = socket.Seen.ToList().FindIndex(m => m.Contains("\"id\":\"o1\"", StringComparison.Ordinal));
        var pushAt = socket.Seen.ToList().FindIndex(m => m.Contains("\"channel\":\"orders\"", StringComparison.Ordinal) && m.Contains("\"data\":[{", StringComparison.Ordinal));
        Assert.True(replyAt >= 0 && replyAt < pushAt, "the reply comes before the pushes the order raised");
        await using (var bob = await OkxSocket.ConnectAsync(venue.Host.Endpoint("ws-private")))
        {
            // Another account cannot see or cancel it.
            await bob.SendAsync(Login(OkxVenue.Bob));
            await bob.WaitForAsync(e => Event(e, "login"), "Bob's login");
            await bob.SendAsync($"{{\"id\":\"b1\",\"op\":\"cancel-order\",\"args\":[{{\"instId\":\"{Swap}\",\"ordId\":\"{ordId}\"}}]}}");
            var refused = await bob.WaitForAsync(e => e.TryGetProperty("id", out var id) && id.GetString() == "b1", "Bob's cancel reply");
            Assert.Equal("1", refused.Str("code"));
            Assert.Equal("51400", refused.Data().Str("sCode"));
            var (_, stillLive) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={Swap}&ordId={ordId}");
            Assert.Equal("live", stillLive.Data().Str("state"));
        }

        await socket.SendAsync($"{{\"id\":\"c1\",\"op\":\"cancel-order\",\"args\":[{{\"instId\":\"{Swap}\",\"ordId\":\"{ordId}\"}}]}}");
        var canceledPush = await socket.WaitForAsync(e => Push(e, "orders") && e.Data().Str("state") == "canceled", "the canceled push");
        Assert.Equal(ordId, canceledPush.Data().Str("ordId"));

        // A market buy fills: fills pushed with fees, then the position and account pushes agree with REST.
        await socket.SendAsync($"{{\"id\":\"o2\",\"op\":\"batch-orders\",\"args\":[{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"2\"}}]}}");
        var filled = await socket.WaitForAsync(e => Push(e, "orders") && e.Data().Str("state") == "filled", "the filled push");
        Assert.Equal("2", filled.Data().Str("accFillSz"));
        Assert.Equal("T", filled.Data().Str("execType"));
        Assert.True(filled.Data().Dec("fee") < 0);
        var position = await socket.WaitForAsync(e => Push(e, "positions") && e.Data().Str("pos") == "2", "the position push");
        Assert.Equal(Swap, position.Data().Str("instId"));

        var (_, fills) = await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/fills?instType=SWAP");
        var fees = fills.GetProperty("data").EnumerateArray().Sum(f => f.Dec("fee"));
        Assert.Equal(fees, filled.Data().Dec("fee"));
        var (_, balance) = await venue.CallAsync(HttpMethod.Get, "/api/v5/account/balance");
        Assert.Equal(100_000m + fees, balance.Data().GetProperty("details")[0].Dec("cashBal"));
        var lastAccount = await socket.WaitForAsync(e => Push(e, "account") && e.Data().GetProperty("details")[0].Dec("cashBal") == 100_000m + fees, "the account push after the fill");
        Assert.Equal("USDT", lastAccount.Data().GetProperty("details")[0].Str("ccy"));
        var (_, positions) = await venue.CallAsync(HttpMethod.Get, "/api/v5/account/positions");
        Assert.Equal(position.Data().Str("avgPx"), positions.Data().Str("avgPx"));

        // A post-only order that would take: accepted, then pushed canceled by the system (cancelSource 31).
        var (_, now) = await venue.GetAsync($"/api/v5/market/books?instId={Swap}&sz=1");
        var ask = now.Data().GetProperty("asks")[0][0].GetString();
        await socket.SendAsync($"{{\"id\":\"o3\",\"op\":\"order\",\"args\":[{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"post_only\",\"px\":\"{ask}\",\"sz\":\"1\"}}]}}");
        var accepted = await socket.WaitForAsync(e => e.TryGetProperty("id", out var id) && id.GetString() == "o3", "the post-only reply");
        Assert.Equal("0", accepted.Data().Str("sCode"));
        var systemCanceled = await socket.WaitForAsync(e => Push(e, "orders") && e.Data().Str("ordId") == accepted.Data().Str("ordId"), "the system cancel push");
        Assert.Equal("canceled", systemCanceled.Data().Str("state"));
        Assert.Equal("31", systemCanceled.Data().Str("cancelSource"));
    }
}
