using Xunit;

namespace FlowSight.PaperVenue.Tests.Okx;

/// <summary>
/// OKX's authentication on the paper venue: a wrong secret, a stale timestamp, a body changed after signing, a
/// missing passphrase and another account's order id are each refused with OKX's code, and change nothing.
/// </summary>
public sealed class OkxSecurityTests
{
    private const string Swap = "BTC-USDT-SWAP";

    private static string Order(string clOrdId) =>
        $"{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"1000\",\"sz\":\"1\",\"clOrdId\":\"{clOrdId}\"}}";

    [Fact]
    public async Task Forged_stale_tampered_and_unauthenticated_requests_are_refused_and_place_nothing()
    {
        await using var venue = await OkxVenue.StartAsync();

        using (var wrongSecret = await venue.SendAsync(HttpMethod.Post, "/api/v5/trade/order", Order("a1"), secret: "not-the-secret"))
        {
            Assert.Equal(401, (int)wrongSecret.StatusCode);
            Assert.Equal("50113", (await OkxVenue.ReadAsync(wrongSecret)).Str("code"));
        }

        using (var stale = await venue.SendAsync(HttpMethod.Post, "/api/v5/trade/order", Order("a2"), at: DateTimeOffset.UtcNow.AddSeconds(-31)))
        {
            Assert.Equal(401, (int)stale.StatusCode);
            Assert.Equal("50102", (await OkxVenue.ReadAsync(stale)).Str("code"));
        }

        using (var tampered = await venue.SendAsync(HttpMethod.Post, "/api/v5/trade/order", Order("a3"), tamper: body => body!.Replace("\"sz\":\"1\"", "\"sz\":\"9\"", StringComparison.Ordinal)))
        {
            Assert.Equal(401, (int)tampered.StatusCode);
            Assert.Equal("50113", (await OkxVenue.ReadAsync(tampered)).Str("code"));
        }

        using (var noPassphrase = await venue.SendAsync(HttpMethod.Post, "/api/v5/trade/order", Order("a4"), passphrase: string.Empty))
        {
            Assert.Equal(401, (int)noPassphrase.StatusCode);
            Assert.Equal("50104", (await OkxVenue.ReadAsync(noPassphrase)).Str("code"));
        }

        using (var wrongPassphrase = await venue.SendAsync(HttpMethod.Get, "/api/v5/account/balance", passphrase: "guess"))
        {
            Assert.Equal(401, (int)wrongPassphrase.StatusCode);
            Assert.Equal("50105", (await OkxVenue.ReadAsync(wrongPassphrase)).Str("code"));
        }

        using (var unknownKey = await venue.SendAsync(HttpMethod.Get, "/api/v5/account/balance", credential: OkxVenue.Alice with { ApiKey = "nobody" }))
        {
            Assert.Equal(401, (int)unknownKey.StatusCode);
            Assert.Equal("50111", (await OkxVenue.ReadAsync(unknownKey)).Str("code"));
        }

        using (var unsigned = await venue.Http.GetAsync(new Uri("/api/v5/account/balance", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(401, (int)unsigned.StatusCode);
            Assert.Equal("50103", (await OkxVenue.ReadAsync(unsigned)).Str("code"));
        }

        // The signed query is part of what is signed: a changed query fails too.
        using (var query = await venue.SendAsync(HttpMethod.Get, "/api/v5/trade/orders-pending?instType=SWAP", tamper: null))
        {
            Assert.Equal(200, (int)query.StatusCode);
        }

        var orders = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Orders(OkxVenue.Alice.AccountId).Count());
        Assert.Equal(0, orders);
        var (_, balance) = await venue.CallAsync(HttpMethod.Get, "/api/v5/account/balance");
        Assert.Equal(100_000m, balance.Data().GetProperty("details")[0].Dec("cashBal"));
    }

    [Fact]
    public async Task Another_accounts_order_id_is_not_found_and_its_order_stays_live()
    {
        await using var venue = await OkxVenue.StartAsync();
        var (_, placed) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order", Order("alice1"));
        var ordId = placed.Data().Str("ordId");

        var (_, seen) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={Swap}&ordId={ordId}", credential: OkxVenue.Bob);
        Assert.Equal("51603", seen.Str("code"));
        var (_, cancel) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/cancel-order", $"{{\"instId\":\"{Swap}\",\"ordId\":\"{ordId}\"}}", OkxVenue.Bob);
        Assert.Equal("1", cancel.Str("code"));
        Assert.Equal("51400", cancel.Data().Str("sCode"));
        var (_, byClientId) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/cancel-order", $"{{\"instId\":\"{Swap}\",\"clOrdId\":\"alice1\"}}", OkxVenue.Bob);
        Assert.Equal("51400", byClientId.Data().Str("sCode"));
        Assert.Equal(0, (await venue.CallAsync(HttpMethod.Get, "/api/v5/trade/orders-pending", credential: OkxVenue.Bob)).Json.DataCount());

        var (_, still) = await venue.CallAsync(HttpMethod.Get, $"/api/v5/trade/order?instId={Swap}&ordId={ordId}");
        Assert.Equal("live", still.Data().Str("state"));
    }
}
