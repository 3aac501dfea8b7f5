using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Simulator.Orders;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Streams;

/// <summary>Listen keys and the user data stream: the events an order's life sends, with the fill's own figures.</summary>
public sealed class BinanceUserDataStreamTests
{
    [Fact]
    public async Task A_fill_sends_the_account_update_then_the_order_update_with_the_fills_price_quantity_fee_and_pnl()
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 0);
        using var http = Http(host);
        var key = await ListenKeyAsync(http, HttpMethod.Post, "fapi/v1/listenKey");
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws/" + key));
        await SubscribedAsync(host, key);

        // A resting limit order far from the market: ORDER_TRADE_UPDATE NEW, and no ACCOUNT_UPDATE (nothing moved).
        var (symbol, restingId) = await SubmitAsync(host, OrderSide.Buy, OrderType.Limit, "0.010", far: true);
        var resting = await client.NextAsync();
        Assert.Equal("ORDER_TRADE_UPDATE", resting.GetProperty("e").GetString());
        BinanceMarketStreamTests.AssertFields(resting, "e", "E", "T", "o");
        BinanceMarketStreamTests.AssertFields(resting.GetProperty("o"), "s", "c", "S", "o", "f", "q", "p", "ap", "sp", "x", "X", "i", "l", "z", "L", "T", "t", "b", "a", "m", "R", "wt", "ot", "ps", "cp", "pP", "si", "ss", "rp", "V", "pm", "gtd", "er");
        var o = resting.GetProperty("o");
        Assert.Equal(symbol, o.GetProperty("s").GetString());
        Assert.Equal("NEW", o.GetProperty("x").GetString());
        Assert.Equal(restingId, o.GetProperty("i").GetInt64());
        Assert.NotEqual(0m, Dec(o.GetProperty("b")));

        // A market buy: NEW, then for each fill an ACCOUNT_UPDATE followed by its ORDER_TRADE_UPDATE.
        var (_, orderId) = await SubmitAsync(host, OrderSide.Buy, OrderType.Market, "0.050");
        var events = new List<JsonElement>();
        while (!(events.Count > 0 && events[^1].GetProperty("e").GetString() == "ORDER_TRADE_UPDATE" && events[^1].GetProperty("o").GetProperty("X").GetString() == "FILLED"))
        {
            events.Add(await client.NextAsync());
        }

        var fills = await host.Exchange.InvokeAsync(() => host.Exchange.Orders.Fills(1).Where(f => f.OrderId == orderId).ToList());
        var trades = events.Where(e => e.GetProperty("e").GetString() == "ORDER_TRADE_UPDATE" && e.GetProperty("o").GetProperty("x").GetString() == "TRADE").ToList();
        Assert.Equal("NEW", events[0].GetProperty("o").GetProperty("x").GetString());
        Assert.Equal(fills.Count, trades.Count);
        for (var i = 0; i < fills.Count; i++)
        {
            var fill = fills[i];
            var t = trades[i].GetProperty("o");
            Assert.Equal(fill.TradeId, t.GetProperty("t").GetInt64());
            Assert.Equal(fill.Price.ToDecimal(), Dec(t.GetProperty("L")));
            Assert.Equal(fill.Quantity.ToDecimal(), Dec(t.GetProperty("l")));
            Assert.Equal(fill.Commission.ToDecimal(), Dec(t.GetProperty("n")));
            Assert.Equal("USDT", t.GetProperty("N").GetString());
            Assert.Equal(fill.RealizedPnl.ToDecimal(), Dec(t.GetProperty("rp")));
            Assert.False(t.GetProperty("m").GetBoolean());

            // The account update of this fill comes right before it.
            var index = events.IndexOf(trades[i]);
            Assert.Equal("ACCOUNT_UPDATE", events[index - 1].GetProperty("e").GetString());
            Assert.Equal("ORDER", events[index - 1].GetProperty("a").GetProperty("m").GetString());
        }

        var last = trades[^1].GetProperty("o");
        Assert.Equal("0.050", last.GetProperty("z").GetString());
        var average = fills.Sum(f => f.Price.ToDecimal() * f.Quantity.ToDecimal()) / 0.050m;
        Assert.Equal(Math.Round(average, 8), Dec(last.GetProperty("ap")));

        var account = events.Last(e => e.GetProperty("e").GetString() == "ACCOUNT_UPDATE").GetProperty("a");
        BinanceMarketStreamTests.AssertFields(account.GetProperty("B")[0], "a", "wb", "cw", "bc");
        BinanceMarketStreamTests.AssertFields(account.GetProperty("P")[0], "s", "pa", "ep", "bep", "cr", "up", "mt", "iw", "ps");
        var (wallet, position) = await host.Exchange.InvokeAsync(() =>
        {
            var market = host.Exchange.Markets[0];
            return (host.Exchange.Accounts.GetFuturesBalance(1, "USDT"), host.Exchange.Accounts.GetPosition(1, market.Instrument.Id));
        });
        Assert.Equal(0.050m, Dec(account.GetProperty("P")[0].GetProperty("pa")));
        Assert.Equal(position.EntryPrice.ToDecimal(), Dec(account.GetProperty("P")[0].GetProperty("ep")));
        Assert.Equal(wallet.WalletBalance.ToDecimal(), Dec(account.GetProperty("B")[0].GetProperty("wb")));
        Assert.Equal("cross", account.GetProperty("P")[0].GetProperty("mt").GetString());

        // Selling it back realises PnL: each fill's rp equals the simulator's.
        var (_, closeId) = await SubmitAsync(host, OrderSide.Sell, OrderType.Market, "0.050");
        var closing = await client.NextMatchingAsync(e => e.GetProperty("e").GetString() == "ORDER_TRADE_UPDATE" && e.GetProperty("o").GetProperty("X").GetString() == "FILLED");
        var closeFills = await host.Exchange.InvokeAsync(() => host.Exchange.Orders.Fills(1).Where(f => f.OrderId == closeId).ToList());
        Assert.Equal(closeFills[^1].RealizedPnl.ToDecimal(), Dec(closing.GetProperty("o").GetProperty("rp")));
    }

    [Fact]
    public async Task Spot_sends_an_execution_report_then_the_balances_it_changed()
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceSpot, speed: 0);
        using var http = Http(host);
        var key = await ListenKeyAsync(http, HttpMethod.Post, "api/v3/userDataStream");
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws/" + key));
        await SubscribedAsync(host, key);

        var (_, orderId) = await SubmitAsync(host, OrderSide.Buy, OrderType.Market, "0.01000");
        var report = await client.NextMatchingAsync(e => e.GetProperty("e").GetString() == "executionReport" && e.GetProperty("x").GetString() == "TRADE");
        BinanceMarketStreamTests.AssertFields(report, "e", "E", "s", "c", "S", "o", "f", "q", "p", "P", "F", "g", "C", "x", "X", "r", "i", "l", "z", "L", "n", "N", "T", "t", "I", "w", "m", "M", "O", "Z", "Y", "Q", "V"); // no W: a market order never rests on the book
        var fill = await host.Exchange.InvokeAsync(() => host.Exchange.Orders.Fills(1).First(f => f.OrderId == orderId));
        Assert.Equal(orderId, report.GetProperty("i").GetInt64());
        Assert.Equal(fill.Price.ToDecimal(), Dec(report.GetProperty("L")));
        Assert.Equal(fill.Quantity.ToDecimal(), Dec(report.GetProperty("l")));
        Assert.Equal(fill.Commission.ToDecimal(), Dec(report.GetProperty("n")));
        Assert.Equal(fill.CommissionAsset, report.GetProperty("N").GetString());
        Assert.Matches(@"^\d+\.\d{8}$", report.GetProperty("L").GetString());

        // After the last fill's report come the balances it left.
        if (report.GetProperty("X").GetString() != "FILLED")
        {
            await client.NextMatchingAsync(e => e.GetProperty("e").GetString() == "executionReport" && e.GetProperty("X").GetString() == "FILLED");
        }

        var balances = await client.NextAsync();
        Assert.Equal("outboundAccountPosition", balances.GetProperty("e").GetString());
        BinanceMarketStreamTests.AssertFields(balances, "e", "E", "u", "B");
        var usdt = balances.GetProperty("B").EnumerateArray().Single(b => b.GetProperty("a").GetString() == "USDT");
        var free = await host.Exchange.InvokeAsync(() => host.Exchange.Accounts.GetSpotBalance(1, "USDT").Free);
        Assert.Equal(free.ToDecimal(), Dec(usdt.GetProperty("f")));
    }

    [Fact]
    public async Task A_listen_key_not_kept_alive_expires_after_60_minutes_with_listenKeyExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 0, time: time);
        using var http = Http(host);
        var key = await ListenKeyAsync(http, HttpMethod.Post, "fapi/v1/listenKey");
        Assert.Equal(key, await ListenKeyAsync(http, HttpMethod.Post, "fapi/v1/listenKey")); // the account's valid key again
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws/" + key));
        await SubscribedAsync(host, key);

        time.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(key, await ListenKeyAsync(http, HttpMethod.Put, "fapi/v1/listenKey")); // keep-alive: 60 more minutes
        time.Advance(TimeSpan.FromMinutes(50));
        await SubmitAsync(host, OrderSide.Buy, OrderType.Limit, "0.010", far: true);
        Assert.Equal("ORDER_TRADE_UPDATE", (await client.NextAsync()).GetProperty("e").GetString()); // still alive

        time.Advance(TimeSpan.FromMinutes(11));
        var expired = await client.NextAsync();
        BinanceMarketStreamTests.AssertFields(expired, "e", "E", "listenKey");
        Assert.Equal("listenKeyExpired", expired.GetProperty("e").GetString());
        Assert.Equal(JsonValueKind.String, expired.GetProperty("E").ValueKind);
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), long.Parse(expired.GetProperty("E").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(key, expired.GetProperty("listenKey").GetString());

        using var put = await http.SendAsync(new HttpRequestMessage(HttpMethod.Put, "fapi/v1/listenKey"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(-1125, (await put.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetInt32());
        Assert.NotEqual(key, await ListenKeyAsync(http, HttpMethod.Post, "fapi/v1/listenKey"));
    }

    [Fact]
    public async Task An_order_placed_over_signed_rest_is_streamed_with_its_client_order_id()
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 0);
        using var http = Http(host);
        var key = await ListenKeyAsync(http, HttpMethod.Post, "fapi/v1/listenKey");
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws/" + key));
        await SubscribedAsync(host, key);

        var query = $"symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002&newClientOrderId=rest-1&timestamp={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}";
        query += "&signature=" + PaperVenue.Binance.Rest.BinanceSignature.Sign("stream-test-secret", query);
        using var placed = await http.PostAsync("fapi/v1/order?" + query, null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("orderId").GetInt64();

        var first = await client.NextAsync();
        Assert.Equal("ORDER_TRADE_UPDATE", first.GetProperty("e").GetString());
        Assert.Equal("rest-1", first.GetProperty("o").GetProperty("c").GetString());
        Assert.Equal(orderId, first.GetProperty("o").GetProperty("i").GetInt64());
        Assert.Equal("NEW", first.GetProperty("o").GetProperty("x").GetString());
        var filled = await client.NextMatchingAsync(e => e.GetProperty("e").GetString() == "ORDER_TRADE_UPDATE" && e.GetProperty("o").GetProperty("X").GetString() == "FILLED");
        Assert.Equal("0.002", filled.GetProperty("o").GetProperty("z").GetString());
    }

    [Fact]
    public async Task A_funding_settlement_sends_an_account_update_with_reason_funding_fee()
    {
        // Ten seconds before the 16:00 UTC funding time, on the exchange's (fake) clock at speed 1.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 15, 59, 50, TimeSpan.Zero));
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 1, time: time);
        using var http = Http(host);
        var key = await ListenKeyAsync(http, HttpMethod.Post, "fapi/v1/listenKey");
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws/" + key));
        await SubscribedAsync(host, key);
        await SubmitAsync(host, OrderSide.Buy, OrderType.Market, "0.100");

        time.Advance(TimeSpan.FromSeconds(20));
        var funding = await client.NextMatchingAsync(e => e.GetProperty("e").GetString() == "ACCOUNT_UPDATE" && e.GetProperty("a").GetProperty("m").GetString() == "FUNDING_FEE");

        var balance = funding.GetProperty("a").GetProperty("B").EnumerateArray().Single(b => b.GetProperty("a").GetString() == "USDT");
        var wallet = await host.Exchange.InvokeAsync(() => host.Exchange.Accounts.GetFuturesBalance(1, "USDT"));
        Assert.Equal(wallet.WalletBalance.ToDecimal(), Dec(balance.GetProperty("wb")));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), funding.GetProperty("T").GetInt64());
    }

    [Theory]
    [InlineData("/private/ws?listenKey={0}", false)]
    [InlineData("/stream?streams={0}", true)]
    [InlineData("/private/stream?listenKey={0}", true)]
    public async Task The_user_data_stream_is_served_on_the_routed_private_path_and_combined(string path, bool combined)
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 0);
        using var http = Http(host);
        var key = await ListenKeyAsync(http, HttpMethod.Post, "fapi/v1/listenKey");
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, string.Format(CultureInfo.InvariantCulture, path, key)));
        await SubscribedAsync(host, key);

        await SubmitAsync(host, OrderSide.Sell, OrderType.Limit, "0.010", far: false, above: true);
        var message = await client.NextAsync();

        var update = combined ? message.GetProperty("data") : message;
        Assert.Equal("ORDER_TRADE_UPDATE", update.GetProperty("e").GetString());
        if (combined)
        {
            Assert.Equal(key, message.GetProperty("stream").GetString());
        }
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, -2014)]
    [InlineData("no-such-key", HttpStatusCode.Unauthorized, -2015)]
    public async Task Listen_key_requests_without_a_valid_api_key_are_refused(string? apiKey, HttpStatusCode status, int code)
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 0);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "fapi/v1/listenKey");
        if (apiKey is not null)
        {
            request.Headers.Add("X-MBX-APIKEY", apiKey);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("msg").GetString()));
    }

    [Fact]
    public async Task Spot_keep_alive_and_close_take_the_listen_key_and_answer_an_empty_object()
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceSpot, speed: 0);
        using var http = Http(host);
        var key = await ListenKeyAsync(http, HttpMethod.Post, "api/v3/userDataStream");

        using var put = await http.PutAsync("api/v3/userDataStream?listenKey=" + key, null, TestContext.Current.CancellationToken);
        Assert.Equal("{}", await put.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var missing = await http.PutAsync("api/v3/userDataStream", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(-1102, (await missing.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetInt32());
        using var delete = await http.DeleteAsync("api/v3/userDataStream?listenKey=" + key, TestContext.Current.CancellationToken);
        Assert.Equal("{}", await delete.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var again = await http.PutAsync("api/v3/userDataStream?listenKey=" + key, null, TestContext.Current.CancellationToken);
        Assert.Equal(-1125, (await again.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetInt32());
    }

    private static HttpClient Http(PaperVenueHost host)
    {
        var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Add("X-MBX-APIKEY", PaperVenues.ApiKey);
        return http;
    }

    private static async Task<string> ListenKeyAsync(HttpClient http, HttpMethod method, string path)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(method, path), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("X-MBX-USED-WEIGHT-1M"), "counted against the request weight");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return body.GetProperty("listenKey").GetString()!;
    }

    /// <summary>Waits (on the exchange thread's own pace) until the socket is registered on the key.</summary>
    private static async Task SubscribedAsync(PaperVenueHost host, string key)
    {
        var user = PaperVenue.Binance.Streams.BinanceStreams.FeedsOf(host.Exchange).User;
        for (var i = 0; i < 1000 && !user.HasListener(key); i++)
        {
            await host.Exchange.InvokeAsync(() => { });
        }

        Assert.True(user.HasListener(key), "the user data socket was registered");
    }

    /// <summary>Submits an order for account 1 on the first market (a limit "far" from the market rests 5 % below the best bid).</summary>
    private static Task<(string Symbol, long OrderId)> SubmitAsync(PaperVenueHost host, OrderSide side, OrderType type, string quantity, bool far = false, bool above = false)
    {
        var exchange = host.Exchange;
        return exchange.InvokeAsync(() =>
        {
            PaperMarket market = exchange.Markets[0];
            var price = default(Price);
            if (above)
            {
                market.Book.Levels.TryGetBestAsk(out var ask);
                price = Price.FromDecimal(Math.Round(ask.Price.ToDecimal() * 1.05m, market.Instrument.PricePrecision, MidpointRounding.ToZero), market.Instrument.PricePrecision)
                    .RoundToIncrement(market.Instrument.TickSize, RoundingMode.Up);
            }

            if (far)
            {
                market.Book.Levels.TryGetBestBid(out var bid);
                price = Price.FromDecimal(Math.Round(bid.Price.ToDecimal() * 0.95m, market.Instrument.PricePrecision, MidpointRounding.ToZero), market.Instrument.PricePrecision)
                    .RoundToIncrement(market.Instrument.TickSize, RoundingMode.Down);
            }

            var events = exchange.Submit(new SimOrderRequest(1, market.Instrument.Id, ClientOrderId.Parse("o" + Guid.NewGuid().ToString("N")[..12]), side, type,
                TimeInForce.Gtc, Quantity.Parse(quantity), price));
            Assert.Equal(ExecutionType.New, events[0].ExecutionType);
            return (market.Symbol, events[0].OrderId);
        });
    }

    private static decimal Dec(JsonElement value) => decimal.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
