using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace FlowSight.Cli.Tests.Demo;

/// <summary>
/// The demo end to end over HTTP, as a new user meets it: the dashboard and health answer, the demo user logs in, both
/// venues' books arrive through FlowSight's real adapters, and a paper order placed through the API reaches the
/// venue, shows as open and cancels.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class DemoHostTests(DemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_and_health_answer_on_loopback_the_demo_user_logs_in_and_an_extra_viewer_may_not_trade()
    {
        var demo = fixture.Demo;
        Assert.Equal("127.0.0.1", demo.DashboardUrl.Host);
        using var http = new HttpClient { BaseAddress = demo.DashboardUrl };
        using (var health = await http.GetAsync(new Uri("health", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using (var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative), Ct))
        {
            // Every venue connection up and every book in sync: what the demo waited for before printing the URL.
            Assert.True(ready.StatusCode == HttpStatusCode.OK, await ready.Content.ReadAsStringAsync(Ct));
        }

        using (var page = await http.GetAsync(demo.DashboardUrl, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }

        using (var wrong = await http.PostAsJsonAsync("api/auth/login", new { username = "demo", password = "not-demo" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var viewer = await DemoFixture.LoginAsync(demo.DashboardUrl, "viewer", "viewer");
        using (var refused = await viewer.PostAsJsonAsync("api/orders", new { instrument = "BTCUSDT-PERP.BINANCE", side = "buy", type = "limit", quantity = "0.01", price = "1000" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var user = await DemoFixture.LoginAsync(demo.DashboardUrl, demo.UserName, demo.Password);
        using var instruments = JsonDocument.Parse(await user.GetStringAsync(new Uri("api/instruments", UriKind.Relative), Ct));
        var ids = instruments.RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(["BTCUSDT-PERP.BINANCE", "ETHUSDT-PERP.BINANCE", "BTC-USDT-SWAP.OKX", "ETH-USDT-SWAP.OKX"], ids);
    }

    [Theory]
    [InlineData("BTCUSDT-PERP.BINANCE")]
    [InlineData("BTC-USDT-SWAP.OKX")]
    public async Task Each_venues_book_arrives_in_sync_with_both_sides(string instrument)
    {
        using var user = await DemoFixture.LoginAsync(fixture.Demo.DashboardUrl, "demo", "demo");
        using var book = JsonDocument.Parse(await user.GetStringAsync(new Uri($"api/book/{instrument}?depth=10", UriKind.Relative), Ct));
        var root = book.RootElement;
        Assert.True(root.GetProperty("inSync").GetBoolean());
        Assert.NotEqual(0, root.GetProperty("bids").GetArrayLength());
        Assert.NotEqual(0, root.GetProperty("asks").GetArrayLength());
        Assert.True(root.GetProperty("bids")[0].GetProperty("price").GetDecimal() < root.GetProperty("asks")[0].GetProperty("price").GetDecimal());
    }

    [Theory]
    [InlineData("BTCUSDT-PERP.BINANCE")]
    [InlineData("ETH-USDT-SWAP.OKX")]
    public async Task Candles_start_with_the_venues_kline_history(string instrument)
    {
        using var user = await DemoFixture.LoginAsync(fixture.Demo.DashboardUrl, "demo", "demo");
        using var candles = JsonDocument.Parse(await user.GetStringAsync(new Uri($"api/candles/{instrument}?interval=1m&limit=500", UriKind.Relative), Ct));
        var openTimes = candles.RootElement.EnumerateArray().Select(c => c.GetProperty("openTime").GetInt64()).ToList();
        // The venues generated two minutes of history before the demo connected: live trades alone make one candle.
        Assert.True(openTimes.Count >= 2, $"{openTimes.Count} candles");
        Assert.Equal(openTimes.Order(), openTimes);
        Assert.True(openTimes[0] <= DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_paper_order_placed_through_the_api_shows_as_open_at_the_venue_and_cancels()
    {
        const string instrument = "BTCUSDT-PERP.BINANCE";
        using var user = await DemoFixture.LoginAsync(fixture.Demo.DashboardUrl, "demo", "demo");
        using var book = JsonDocument.Parse(await user.GetStringAsync(new Uri($"api/book/{instrument}?depth=1", UriKind.Relative), Ct));
        // 2 % under the best bid: rests (the demo's price band is 10 %), far from any synthetic fill.
        var price = Math.Round(book.RootElement.GetProperty("bids")[0].GetProperty("price").GetDecimal() * 0.98m, 1);
        using var submitted = await user.PostAsJsonAsync(
            "api/orders",
            new { instrument, side = "buy", type = "limit", quantity = "0.01", price = price.ToString(CultureInfo.InvariantCulture) },
            Ct);
        var body = await submitted.Content.ReadAsStringAsync(Ct);
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, $"{(int)submitted.StatusCode} {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("clientOrderId").GetString()!;

        var open = await DemoFixture.EventuallyAsync(
            async () => await OrderAsync(user, id) is { } o && o.GetProperty("status").GetString() == "accepted" ? o.GetProperty("venueOrderId").GetString() : null,
            $"order {id} working at the venue");
        Assert.False(string.IsNullOrEmpty(open));
        Assert.True(await OpenAtVenueAsync(id), $"{id} is not open at the paper venue");

        using var cancel = await user.DeleteAsync(new Uri($"api/orders/{id}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await DemoFixture.EventuallyAsync(
            async () => await OrderAsync(user, id) is { } o && o.GetProperty("status").GetString() == "canceled" ? "canceled" : null,
            $"order {id} canceled");
        Assert.False(await OpenAtVenueAsync(id), $"{id} is still open at the paper venue");
        using var stillOpen = JsonDocument.Parse(await user.GetStringAsync(new Uri("api/orders?open=true", UriKind.Relative), Ct));
        Assert.DoesNotContain(stillOpen.RootElement.EnumerateArray(), o => o.GetProperty("clientOrderId").GetString() == id);
    }

    private Task<bool> OpenAtVenueAsync(string clientOrderId)
    {
        var exchange = fixture.Demo.Binance.Exchange;
        var account = exchange.Credentials.All[0].AccountId;
        return exchange.InvokeAsync(() => exchange.Orders.Open(account).Any(o => o.ClientOrderId.ToString() == clientOrderId));
    }

    private static async Task<JsonElement?> OrderAsync(HttpClient user, string clientOrderId)
    {
        using var orders = JsonDocument.Parse(await user.GetStringAsync(new Uri("api/orders", UriKind.Relative), Ct));
        foreach (var order in orders.RootElement.EnumerateArray())
        {
            if (order.GetProperty("clientOrderId").GetString() == clientOrderId)
            {
                return order.Clone();
            }
        }

        return null;
    }
}
