using Xunit;

namespace FlowSight.PaperVenue.Tests.Okx;

/// <summary>Malformed requests get OKX's JSON error with a 4xx status, never a 500 or a stack trace; limits answer 50011 with 429.</summary>
public sealed class OkxMalformedRequestTests
{
    private const string Swap = "BTC-USDT-SWAP";

    [Theory]
    [InlineData("{\"instId\":", "50002")]
    [InlineData("[1,2", "50002")]
    [InlineData("\"text\"", "50002")]
    [InlineData("{\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"1\"}", "50014")]
    [InlineData("{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"side\":\"up\",\"ordType\":\"market\",\"sz\":\"1\"}", "51000")]
    [InlineData("{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"iceberg\",\"sz\":\"1\"}", "51000")]
    [InlineData("{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"lots\"}", "51000")]
    [InlineData("{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"limit\",\"sz\":\"1\"}", "50014")]
    [InlineData("{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":{\"a\":1},\"sz\":\"1\"}", "51000")]
    [InlineData("{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"1\",\"clOrdId\":\"has space\"}", "51000")]
    public async Task Malformed_orders_get_OKX_errors_with_a_4xx(string body, string code)
    {
        await using var venue = await OkxVenue.StartAsync();
        var (status, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order", body);
        Assert.Equal(code, json.Str("code"));
        Assert.InRange(status, 400, 499);
        Assert.Equal(0, await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Orders(1).Count()));
    }

    [Fact]
    public async Task Unknown_paths_bad_queries_empty_bodies_and_bursts_get_OKX_errors()
    {
        await using var venue = await OkxVenue.StartAsync();
        var (status, json) = await venue.GetAsync("/api/v5/market/nothing");
        Assert.Equal(404, status);
        Assert.True(json.TryGetProperty("code", out _));

        (status, json) = await venue.GetAsync($"/api/v5/market/candles?instId={Swap}&bar=7m");
        Assert.Equal(400, status);
        Assert.Equal("51000", json.Str("code"));
        (status, json) = await venue.GetAsync($"/api/v5/market/candles?instId={Swap}&limit=-5");
        Assert.Equal(400, status);
        (status, json) = await venue.GetAsync("/api/v5/public/instruments");
        Assert.Equal(400, status);
        Assert.Equal("50014", json.Str("code"));
        (status, json) = await venue.GetAsync("/api/v5/public/instruments?instType=BONDS");
        Assert.Equal("51000", json.Str("code"));

        (status, json) = await venue.GetAsync($"/api/v5/market/candles?instId={Swap}&after=99999999999999999");
        Assert.Equal(400, status);
        (status, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order",
            $"{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"99999999999999999999999999\",\"sz\":\"99999999999999999999999\"}}");
        Assert.Equal(200, status);
        Assert.Equal("51203", json.Data().Str("sCode"));

        (status, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order", string.Empty);
        Assert.Equal(400, status);
        Assert.Equal("50000", json.Str("code"));

        using (var invalidUtf8 = new HttpRequestMessage(HttpMethod.Post, "/api/v5/trade/order") { Content = new ByteArrayContent([0xC3, 0x28, 0xFF]) })
        using (var response = await venue.Http.SendAsync(invalidUtf8, TestContext.Current.CancellationToken))
        {
            Assert.InRange((int)response.StatusCode, 400, 499);
            Assert.Contains("\"code\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        // public/time allows 10 requests per 2 s per IP.
        var codes = new List<int>();
        for (var i = 0; i < 25; i++)
        {
            codes.Add((await venue.GetAsync("/api/v5/public/time")).Status);
        }

        Assert.Contains(429, codes);
        var limited = await venue.GetAsync("/api/v5/public/time");
        if (limited.Status == 429)
        {
            Assert.Equal("50011", limited.Json.Str("code"));
        }

        Assert.DoesNotContain(500, codes);
    }

    [Fact]
    public async Task Order_entry_is_limited_to_60_per_2_seconds_per_instrument_family_and_refused_orders_change_nothing()
    {
        await using var venue = await OkxVenue.StartAsync(symbols: ["BTC-USDT-SWAP", "ETH-USDT-SWAP"]);
        var accepted = 0;
        var limited = 0;
        for (var i = 0; i < 75; i++)
        {
            var (status, json) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order",
                $"{{\"instId\":\"{Swap}\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"1000\",\"sz\":\"1\"}}");
            if (status == 429)
            {
                Assert.Equal("50011", json.Str("code"));
                limited++;
            }
            else
            {
                Assert.Equal("0", json.Data().Str("sCode"));
                accepted++;
            }
        }

        Assert.True(limited >= 10, $"{limited} of 75 limited");
        Assert.Equal(accepted, await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Orders(1).Count()));
        var (ethStatus, eth) = await venue.CallAsync(HttpMethod.Post, "/api/v5/trade/order",
            "{\"instId\":\"ETH-USDT-SWAP\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"100\",\"sz\":\"1\"}");
        Assert.Equal(200, ethStatus);
        Assert.Equal("0", eth.Data().Str("sCode"));
    }
}
