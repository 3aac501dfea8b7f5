using FlowSight.PaperVenue.Binance.Rest;
using FlowSight.PaperVenue.Hosting;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static FlowSight.PaperVenue.Tests.Binance.Rest.BinanceRestAssert;

namespace FlowSight.PaperVenue.Tests.Binance.Rest;

/// <summary>
/// Every forged, stale or foreign request is refused with Binance's code and HTTP status, and changes nothing:
/// after each, the account's open orders and wallet are what they were.
/// </summary>
public sealed class BinanceRestSecurityTests
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Delete = HttpMethod.Delete;

    [Fact]
    public async Task Wrong_secret_stale_or_future_timestamp_and_tampered_requests_are_refused_without_effect()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceUsdm);
        using var client = BinanceRestClient.For(host);
        var (bid, _) = await BinanceUsdmTradingTests.TouchAsync(client);
        var order = $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price={bid - 100m}";
        var before = await StateAsync(client);

        using (var forger = client.As(BinanceRestClient.Key, "not-the-secret"))
        {
            Error(await forger.SignedAsync(Post, "/fapi/v1/order", order), 400, -1022, "Signature for this request is not valid.");
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Error(await client.SignedAsync(Post, "/fapi/v1/order", order, timestamp: now - 6_000), 400, -1021, "Timestamp for this request is outside of the recvWindow.");
        Error(await client.SignedAsync(Post, "/fapi/v1/order", order, timestamp: now - 20_000, recvWindow: 10_000), 400, -1021);
        Error(await client.SignedAsync(Post, "/fapi/v1/order", order, timestamp: now + 5_000), 400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        Error(await client.SignedAsync(Post, "/fapi/v1/order", order, recvWindow: 70_000), 400, -1131);

        // Sign one body, send another.
        var total = order + $"&timestamp={now}";
        var signature = BinanceSignature.Sign(BinanceRestClient.Secret, total);
        Error(await client.SendAsync(Post, "/fapi/v1/order", string.Empty, total.Replace("quantity=0.010", "quantity=0.020", StringComparison.Ordinal) + "&signature=" + signature), 400, -1022);
        Error(await client.SendAsync(Post, "/fapi/v1/order", "symbol=ETHUSDT", total[(total.IndexOf('&', StringComparison.Ordinal) + 1)..] + "&signature=" + signature), 400, -1022);
        Error(await client.SendAsync(Post, "/fapi/v1/order", string.Empty, total), 400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
        Error(await client.SendAsync(Post, "/fapi/v1/order", string.Empty, order + "&signature=" + signature), 400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");

        using (var anonymous = client.As(string.Empty, BinanceRestClient.Secret))
        {
            Error(await anonymous.SignedAsync(Get, "/fapi/v3/account", string.Empty), 401, -2014, "API-key format invalid.");
        }

        using (var stranger = client.As("no-such-key", BinanceRestClient.Secret))
        {
            Error(await stranger.SignedAsync(Post, "/fapi/v1/order", order), 401, -2015, "Invalid API-key, IP, or permissions for action.");
        }

        Assert.Equal(before, await StateAsync(client));

        // The same request, signed now, is accepted: the refusals were about the forgery alone.
        Ok(await client.SignedAsync(Post, "/fapi/v1/order", order));
        Assert.Equal(before.Open + 1, (await StateAsync(client)).Open);
    }

    [Fact]
    public async Task Another_accounts_order_id_is_not_found_and_stays_untouched()
    {
        await using var host = await BinanceRestClient.StartAsync(PaperVenueKind.BinanceUsdm);
        using var owner = BinanceRestClient.For(host);
        using var other = owner.As(BinanceRestClient.OtherKey, BinanceRestClient.OtherSecret);
        var (bid, _) = await BinanceUsdmTradingTests.TouchAsync(owner);
        var placed = Ok(await owner.SignedAsync(Post, "/fapi/v1/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price={bid - 100m}&newClientOrderId=mine"));
        var id = placed.GetProperty("orderId").GetInt64();
        var before = await StateAsync(owner);

        Error(await other.SignedAsync(Get, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={id}"), 400, -2013, "Order does not exist.");
        Error(await other.SignedAsync(Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=mine"), 400, -2013);
        Error(await other.SignedAsync(Delete, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={id}"), 400, -2011, "Unknown order sent.");
        Error(await other.SignedAsync(HttpMethod.Put, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={id}&side=BUY&quantity=0.020&price={bid - 100m}"), 400, -2013);
        Ok(await other.SignedAsync(Delete, "/fapi/v1/allOpenOrders", "symbol=BTCUSDT"));
        Assert.Equal(0, Ok(await other.SignedAsync(Get, "/fapi/v1/openOrders", string.Empty)).GetArrayLength());

        Assert.Equal(before, await StateAsync(owner));
        Assert.Equal("NEW", Ok(await owner.SignedAsync(Get, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Request_weight_and_order_count_limits_answer_429_with_the_headers_until_the_window_turns()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 1, TimeSpan.Zero));
        await using var host = await PaperVenueHost.StartAsync(
            new PaperVenueOptions
            {
                Venue = PaperVenueKind.BinanceUsdm,
                Speed = 0,
                WarmUp = TimeSpan.FromMinutes(2),
                RequestWeightPerMinute = 30,
                OrdersPer10Seconds = 3,
                Credentials = [new PaperCredential(BinanceRestClient.Key, BinanceRestClient.Secret, null, 1)],
            },
            time,
            cancellationToken: TestContext.Current.CancellationToken);
        using var client = BinanceRestClient.For(host);
        long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

        for (var i = 0; i < 3; i++)
        {
            var placed = await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002", timestamp: Now());
            Ok(placed);
            Assert.Equal((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), placed.Response.Headers.GetValues("X-MBX-ORDER-COUNT-10S").Single());
        }

        var refused = await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002", timestamp: Now());
        Error(refused, 429, -1015, "Too many new orders; current limit is 3 orders per 10 SECOND.");
        Assert.Equal("9", refused.Response.Headers.GetValues("Retry-After").Single());
        var positions = Ok(await client.SignedAsync(Get, "/fapi/v3/positionRisk", "symbol=BTCUSDT", timestamp: Now()));
        Assert.Equal(0.006m, Dec(positions[0], "positionAmt"));

        time.Advance(TimeSpan.FromSeconds(10));
        Ok(await client.SignedAsync(Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002", timestamp: Now()));

        // Weight: 4 orders (0) + positionRisk (5) so far; exchangeInfo weighs 1.
        int used;
        do
        {
            var reply = await client.GetAsync("/fapi/v1/exchangeInfo");
            used = int.Parse(reply.Response.Headers.GetValues("X-MBX-USED-WEIGHT-1M").Single(), System.Globalization.CultureInfo.InvariantCulture);
            if (used <= 30)
            {
                Ok(reply);
            }
            else
            {
                Error(reply, 429, -1003);
            }
        }
        while (used <= 30);

        Error(await client.GetAsync("/fapi/v1/ping"), 429, -1003);
        time.Advance(TimeSpan.FromMinutes(1));
        var after = await client.GetAsync("/fapi/v1/ping");
        Ok(after);
        Assert.Equal("1", after.Response.Headers.GetValues("X-MBX-USED-WEIGHT-1M").Single());
    }

    private static async Task<(int Open, decimal Wallet, decimal Available)> StateAsync(BinanceRestClient client)
    {
        var open = Ok(await client.SignedAsync(Get, "/fapi/v1/openOrders", string.Empty)).GetArrayLength();
        var usdt = Ok(await client.SignedAsync(Get, "/fapi/v2/balance", string.Empty)).EnumerateArray().Single(a => a.GetProperty("asset").GetString() == "USDT");
        return (open, Dec(usdt, "balance"), Dec(usdt, "availableBalance"));
    }
}
