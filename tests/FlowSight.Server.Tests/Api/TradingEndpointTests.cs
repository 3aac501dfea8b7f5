using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Server.Hosting;
using FlowSight.Server.Tests.Auth;
using Xunit;

namespace FlowSight.Server.Tests.Api;

/// <summary>
/// Order entry, cancel, cancel-all, kill switch and resume over HTTP against the real stack (paper venue, risk engine,
/// Binance execution client): what is accepted ends up at the venue and in <c>/api/orders</c>; what is refused changes
/// nothing.
/// </summary>
public sealed class TradingEndpointTests(AuthStackFixture fixture) : IClassFixture<AuthStackFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Bad bodies for <c>POST /api/orders</c> and a word each error must contain (the field).</summary>
    public static readonly TheoryData<string, string> BadOrders = new()
    {
        { """{"instrument":"DOGEUSDT-PERP.BINANCE","side":"buy","type":"limit","quantity":"0.01","price":"1000"}""", "instrument: unknown instrument 'DOGEUSDT-PERP.BINANCE'" },
        { """{"side":"buy","type":"limit","quantity":"0.01","price":"1000"}""", "instrument: required" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"limit","quantity":"-0.01","price":"1000"}""", "quantity: must be positive" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"limit","quantity":-0.01,"price":"1000"}""", "quantity: must be positive" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"limit","quantity":0,"price":"1000"}""", "quantity: must be positive" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"limit","quantity":"0.0000001","price":"1000"}""", "quantity: 0.0000001 has more decimals than the instrument's step size" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"limit","quantity":"1e-3","price":"1000"}""", "quantity: '1e-3' is not a decimal number" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"limit","quantity":true,"price":"1000"}""", "quantity: must be a decimal number" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"limit","quantity":"0.01","price":"1000.123456"}""", "price: 1000.123456 has more decimals than the instrument's tick size" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"limit","quantity":"0.01","price":"-5"}""", "price: must be positive" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"limit","quantity":"0.01"}""", "price: a limit order needs a price" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"market","quantity":"0.01","price":"1000"}""", "price: a market order takes no price" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"hold","type":"limit","quantity":"0.01","price":"1000"}""", "side: 'hold' is not buy or sell" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"stop","quantity":"0.01","price":"1000"}""", "type: 'stop' is not limit or market" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"limit","quantity":"0.01","price":"1000","timeInForce":"day"}""", "timeInForce: 'day' is not gtc" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"market","quantity":"0.01","postOnly":true}""", "postOnly: only a limit order" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"limit","quantity":"0.01","price":"1000","postOnly":"yes"}""", "postOnly: must be true or false" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"limit","quantity":"0.01","price":"1000","clientOrderId":"has spaces"}""", "clientOrderId: 'has spaces' is not" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"limit","qty":"0.01","price":"1000"}""", "unknown field 'qty'" },
        { """{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy",""", "malformed JSON" },
        { "not json at all", "malformed JSON" },
        { "", "malformed JSON" },
        { """["BTCUSDT-PERP.BINANCE","buy"]""", "the body must be a JSON object" },
    };

    [Fact]
    public async Task A_trader_places_a_paper_order_sees_it_in_open_orders_and_cancels_it()
    {
        using var trader = await fixture.Stack.LoginAsync("trader");
        await EnsureActiveAsync();
        var (price, quantity) = RestingBuy();

        using var placed = await PostOrderAsync(trader, price, quantity);

        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        using var accepted = JsonDocument.Parse(await placed.Content.ReadAsStringAsync(Ct));
        Assert.True(accepted.RootElement.GetProperty("accepted").GetBoolean());
        var id = accepted.RootElement.GetProperty("clientOrderId").GetString()!;
        var open = await WaitForOrderAsync(trader, id, open: true, order => order.GetProperty("status").GetString() == "accepted");
        Assert.Equal("BTCUSDT-PERP.BINANCE", open.GetProperty("instrument").GetString());
        Assert.Equal("buy", open.GetProperty("side").GetString());
        Assert.Equal(price, open.GetProperty("price").GetDecimal());
        Assert.Equal(quantity, open.GetProperty("quantity").GetDecimal());
        Assert.True(await fixture.Stack.Node.InvokeAsync(n => n.Orders.TryGet(ClientOrderId.Parse(id), out var o) && o.Origin == "api:trader"));

        using var canceled = await trader.DeleteAsync($"api/orders/{id}", Ct);

        Assert.Equal(HttpStatusCode.Accepted, canceled.StatusCode);
        await WaitForOrderAsync(trader, id, open: false, order => order.GetProperty("status").GetString() == "canceled");
        Assert.DoesNotContain(await OrdersAsync(trader, open: true), o => o.GetProperty("clientOrderId").GetString() == id);

        using var again = await trader.DeleteAsync($"api/orders/{id}", Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        using var refusal = JsonDocument.Parse(await again.Content.ReadAsStringAsync(Ct));
        Assert.False(refusal.RootElement.GetProperty("accepted").GetBoolean());
        Assert.Equal("order-not-open", refusal.RootElement.GetProperty("check").GetString());
    }

    [Theory]
    [MemberData(nameof(BadOrders))]
    public async Task Bad_order_input_is_a_400_naming_the_field_and_changes_nothing(string body, string message)
    {
        using var trader = await fixture.Stack.LoginAsync("trader");
        var before = await SnapshotAsync();

        using var response = await trader.PostAsync("api/orders", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await ErrorAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_risk_refusal_is_a_422_with_the_check_and_reason_and_nothing_rests()
    {
        using var trader = await fixture.Stack.LoginAsync("trader");
        await EnsureActiveAsync();
        var (price, _) = RestingBuy();
        var openBefore = await OpenCountAsync();

        using var response = await PostOrderAsync(trader, price, AuthStackFixture.MaxOrderQuantity + 1m);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var refusal = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.False(refusal.RootElement.GetProperty("accepted").GetBoolean());
        Assert.Equal("max-quantity", refusal.RootElement.GetProperty("check").GetString());
        Assert.Contains("2", refusal.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(openBefore, await OpenCountAsync());
    }

    [Fact]
    public async Task Cancel_answers_404_for_an_unknown_order_and_400_for_a_malformed_id_and_cancel_all_checks_its_filters()
    {
        using var trader = await fixture.Stack.LoginAsync("trader");
        var before = await SnapshotAsync();

        using var unknown = await trader.DeleteAsync("api/orders/never-placed-1", Ct);
        using var malformed = await trader.DeleteAsync("api/orders/" + new string('x', 40), Ct);
        using var badInstrument = await trader.DeleteAsync("api/orders?instrument=NOPE.BINANCE", Ct);
        using var badSide = await trader.DeleteAsync("api/orders?side=up", Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("never-placed-1", await ErrorAsync(unknown), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.StartsWith("clientOrderId:", await ErrorAsync(malformed), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badInstrument.StatusCode);
        Assert.StartsWith("instrument:", await ErrorAsync(badInstrument), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badSide.StatusCode);
        Assert.StartsWith("side:", await ErrorAsync(badSide), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_viewer_cannot_trade_and_nothing_changes()
    {
        using var viewer = await fixture.Stack.LoginAsync("viewer");
        await EnsureActiveAsync();
        var before = await SnapshotAsync();
        var (price, quantity) = RestingBuy();

        using var submit = await PostOrderAsync(viewer, price, quantity);
        using var cancelAll = await viewer.DeleteAsync("api/orders", Ct);
        using var kill = await viewer.PostAsync("api/risk/kill-switch", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, submit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cancelAll.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, kill.StatusCode);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal("ACTIVE", await RiskStateAsync());
    }

    [Fact]
    public async Task The_admins_kill_switch_halts_and_cancels_open_orders_and_resume_makes_trading_active_again()
    {
        using var trader = await fixture.Stack.LoginAsync("trader");
        using var admin = await fixture.Stack.LoginAsync("admin");
        await EnsureActiveAsync();
        var (price, quantity) = RestingBuy();
        using var placed = await PostOrderAsync(trader, price, quantity);
        var id = JsonDocument.Parse(await placed.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("clientOrderId").GetString()!;
        await WaitForOrderAsync(trader, id, open: true, o => o.GetProperty("status").GetString() == "accepted");

        using var kill = await admin.PostAsJsonAsync("api/risk/kill-switch", new { reason = "test: halt everything" }, Ct);

        Assert.Equal(HttpStatusCode.OK, kill.StatusCode);
        using (var state = JsonDocument.Parse(await kill.Content.ReadAsStringAsync(Ct)))
        {
            Assert.Equal("HALTED", state.RootElement.GetProperty("state").GetString());
            Assert.True(state.RootElement.GetProperty("killSwitchTripped").GetBoolean());
            Assert.Contains("test: halt everything", state.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        await WaitForOrderAsync(trader, id, open: false, o => o.GetProperty("status").GetString() == "canceled");
        await WaitAsync(async () => await RiskStateAsync() == "HALTED", "the replica's risk state HALTED");
        Assert.Equal(0, await OpenCountAsync());
        using var risk = JsonDocument.Parse(await trader.GetStringAsync("api/risk", Ct));
        Assert.Equal("HALTED", risk.RootElement.GetProperty("state").GetString()!.ToUpperInvariant());
        Assert.True(risk.RootElement.GetProperty("killSwitchTripped").GetBoolean());

        using var refused = await PostOrderAsync(trader, price, quantity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("halted", JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("check").GetString());

        using var resume = await admin.PostAsync("api/risk/resume", null, Ct);

        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.Equal("ACTIVE", JsonDocument.Parse(await resume.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("state").GetString());
        await WaitAsync(async () => await RiskStateAsync() == "ACTIVE", "the replica's risk state ACTIVE");
        using var afterResume = await PostOrderAsync(trader, price, quantity);
        Assert.Equal(HttpStatusCode.OK, afterResume.StatusCode);
        using var cancelAll = await trader.DeleteAsync("api/orders", Ct);
        Assert.Equal(HttpStatusCode.Accepted, cancelAll.StatusCode);
        await WaitAsync(async () => await OpenCountAsync() == 0, "no open orders after cancel-all");
    }

    [Fact]
    public async Task The_kill_switch_with_flatten_closes_an_open_position()
    {
        using var trader = await fixture.Stack.LoginAsync("trader");
        using var admin = await fixture.Stack.LoginAsync("admin");
        await EnsureActiveAsync();
        var btc = fixture.Stack.Btc;
        var (_, quantity) = RestingBuy();
        var start = await PositionAsync();

        using var bought = await trader.PostAsync(
            "api/orders",
            new StringContent($$"""{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"market","quantity":{{quantity.ToString(CultureInfo.InvariantCulture)}}}""", Encoding.UTF8, "application/json"),
            Ct);
        Assert.Equal(HttpStatusCode.OK, bought.StatusCode);
        await WaitAsync(async () => await PositionAsync() == start + quantity, $"a position of {start + quantity} {btc.BaseAsset}");

        using var kill = await admin.PostAsJsonAsync("api/risk/kill-switch", new { reason = "test: flatten", flatten = true }, Ct);

        Assert.Equal(HttpStatusCode.OK, kill.StatusCode);
        await WaitAsync(async () => await PositionAsync() == 0m, "the position flattened by the kill switch");
        using var resume = await admin.PostAsync("api/risk/resume", null, Ct);
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
    }

    private async Task<decimal> PositionAsync()
    {
        var id = fixture.Stack.Btc.Id;
        return await fixture.Stack.Node.InvokeAsync(n => n.Portfolio.NetPosition(id));
    }

    [Fact]
    public async Task A_server_without_a_trading_node_answers_503()
    {
        var stack = fixture.Stack;
        var users = new[] { new ServerUser { Name = "admin", Role = ServerRole.Admin, PasswordHash = FlowSight.Server.Auth.PasswordHashes.Hash("admin") } };
        await using var server = await FlowSightServer.StartAsync(
            new ServerContext { Engine = stack.Engine, Replica = stack.Replica, Trading = null, MarketData = [stack.Data] },
            new ServerOptions { Urls = "http://127.0.0.1:0", Users = users },
            cancellationToken: Ct);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var login = await client.PostAsJsonAsync("api/auth/login", new { username = "admin", password = "admin" }, Ct);
        var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var submit = await PostOrderAsync(client, 1000m, 0.01m);
        using var kill = await client.PostAsync("api/risk/kill-switch", null, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, submit.StatusCode);
        Assert.Contains("no trading node", await ErrorAsync(submit), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, kill.StatusCode);
    }

    /// <summary>A buy 20% under the best bid (it rests), worth about twice the minimum notional.</summary>
    private (decimal Price, decimal Quantity) RestingBuy()
    {
        var btc = fixture.Stack.Btc;
        var bid = fixture.Stack.Replica.GetBook(btc.Id)!.Bids[0].Price;
        var tick = btc.TickSize.ToDecimal();
        var price = Math.Floor(bid * 0.8m / tick) * tick;
        var step = btc.StepSize.ToDecimal();
        var minNotional = Math.Max(btc.MinNotional.ToDecimal(), 5m);
        var quantity = Math.Max(btc.MinQuantity.ToDecimal(), Math.Ceiling(minNotional * 2m / price / step) * step);
        return (price, quantity);
    }

    private static async Task<HttpResponseMessage> PostOrderAsync(HttpClient client, decimal price, decimal quantity) =>
        await client.PostAsync(
            "api/orders",
            new StringContent(
                $$"""{"instrument":"BTCUSDT-PERP.BINANCE","side":"buy","type":"limit","quantity":"{{quantity.ToString(CultureInfo.InvariantCulture)}}","price":"{{price.ToString(CultureInfo.InvariantCulture)}}"}""",
                Encoding.UTF8,
                "application/json"),
            Ct);

    private async Task EnsureActiveAsync()
    {
        await fixture.Stack.Node.InvokeAsync(n =>
        {
            if (n.Risk.State != FlowSight.Engine.Risk.TradingState.Active)
            {
                n.Risk.Reset("test");
            }

            return true;
        });
    }

    private async Task<string> RiskStateAsync() => await Task.FromResult(fixture.Stack.Replica.Risk.State.ToUpperInvariant());

    private async Task<int> OpenCountAsync() => await fixture.Stack.Node.InvokeAsync(n => n.Orders.TotalOpenOrderCount);

    /// <summary>What a refused request must not change: orders known, open orders, risk state.</summary>
    private async Task<(int Orders, int Open, string State)> SnapshotAsync() =>
        await fixture.Stack.Node.InvokeAsync(n => (n.Orders.Count, n.Orders.TotalOpenOrderCount, n.Risk.State.ToString()));

    private static async Task<List<JsonElement>> OrdersAsync(HttpClient client, bool open)
    {
        var text = await client.GetStringAsync(open ? "api/orders?open=true" : "api/orders", Ct);
        return [.. JsonDocument.Parse(text).RootElement.EnumerateArray()];
    }

    private static async Task<JsonElement> WaitForOrderAsync(HttpClient client, string id, bool open, Func<JsonElement, bool> match)
    {
        JsonElement found = default;
        await WaitAsync(
            async () =>
            {
                var order = (await OrdersAsync(client, open)).FirstOrDefault(o => o.GetProperty("clientOrderId").GetString() == id);
                found = order;
                return order.ValueKind == JsonValueKind.Object && match(order);
            },
            $"order {id} in /api/orders{(open ? "?open=true" : string.Empty)}");
        return found;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(25));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 20 s for {what}.");
            await tick.WaitForNextTickAsync(Ct);
        }
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error").GetString()!;
}
