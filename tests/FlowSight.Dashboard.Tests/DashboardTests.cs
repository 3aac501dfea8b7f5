using System.Text.Json;
using FlowSight.Dashboard.Tests.Browser;
using FlowSight.Dashboard.Tests.Stack;
using FlowSight.Server.State;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace FlowSight.Dashboard.Tests;

/// <summary>
/// The dashboard in Debian's Chromium against the real demo stack: what a user sees and does, checked through the DOM
/// contract and against the server's API. Each test opens its own browser context and leaves no order working.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardFixture host)
{
    // Far enough below the market that the order rests for the test's few seconds, inside any sane price band.
    private const decimal RestingDiscount = 0.97m;

    [Fact]
    public async Task Logging_in_shows_the_user_and_role_and_connects_the_websocket()
    {
        await using var page = await host.OpenAsync();

        await page.LoginAsync(DashboardUsers.Demo, DashboardUsers.PasswordOf(DashboardUsers.Demo));

        await Expect(page.Page.Locator("#user-role")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^admin$", System.Text.RegularExpressions.RegexOptions.IgnoreCase), new() { Timeout = Waits.Ui });
        await Expect(page.Page.Locator("form#login-form")).ToBeHiddenAsync(new() { Timeout = Waits.Ui });
        await page.WaitForQuoteAsync();
        await Screenshots.SaveAsync(page.Page, "logged-in-desktop");
    }

    [Fact]
    public async Task A_wrong_password_shows_the_login_error_and_no_user()
    {
        await using var page = await host.OpenAsync();
        await page.Page.GotoAsync(host.DashboardUrl.ToString(), new() { Timeout = Waits.Load });
        var form = page.Page.Locator("form#login-form");

        await form.Locator("input[name=username]").FillAsync(DashboardUsers.Demo);
        await form.Locator("input[name=password]").FillAsync("not-the-password");
        await form.Locator("button[type=submit]").ClickAsync();

        await Expect(page.Page.Locator("#login-error")).ToBeVisibleAsync(new() { Timeout = Waits.Ui });
        await Expect(page.Page.Locator("#login-error")).Not.ToBeEmptyAsync(new() { Timeout = Waits.Ui });
        await Expect(form).ToBeVisibleAsync();
        Assert.Null(await page.Page.EvaluateAsync<string?>("() => Object.keys(sessionStorage).find(k => /token/i.test(k)) ?? null"));
    }

    [Fact]
    public async Task The_book_ladder_redraws_from_pushed_books_with_the_bid_below_the_ask()
    {
        await using var page = await host.LoginAsync(DashboardUsers.Viewer);
        await page.WaitForQuoteAsync();
        var before = await DashboardPage.DecimalAttributeAsync(page.Ladder, "data-updates");

        // Twenty more redraws: at ≤ 20 Hz that is the book moving for about a second, not one late snapshot.
        await page.Page.WaitForFunctionAsync(
            "n => Number(document.querySelector('canvas#book-ladder').dataset.updates) >= n + 20",
            (double)before,
            new() { Timeout = Waits.Ui });

        var (bid, ask) = await page.WaitForQuoteAsync();
        Assert.True(bid < ask, $"best bid {bid} is not below best ask {ask}");
    }

    [Fact]
    public async Task The_candle_chart_fills_and_its_last_candle_moves()
    {
        await using var page = await host.LoginAsync(DashboardUsers.Viewer);
        await page.Page.Locator("select#candle-interval").SelectOptionAsync("1s");

        await Expect(page.CandleChart).ToHaveAttributeAsync("data-candles", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"), new() { Timeout = Waits.Candle });
        var candles = await page.CandleChart.GetAttributeAsync("data-candles");
        var lastClose = await page.CandleChart.GetAttributeAsync("data-last-close");

        // A new 1 s candle (count grows) or a trade in the current one (close moves): the chart follows the market.
        await page.Page.WaitForFunctionAsync(
            "([candles, close]) => { const c = document.querySelector('#candle-chart'); return c.dataset.candles !== candles || c.dataset.lastClose !== close; }",
            new object?[] { candles, lastClose },
            new() { Timeout = Waits.Candle });
        Assert.True(double.Parse(await page.CandleChart.GetAttributeAsync("data-last-close") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task A_limit_order_from_the_ticket_rests_in_open_orders_and_on_the_ladder()
    {
        await using var page = await host.LoginAsync(DashboardUsers.Trader);
        var token = await host.Api.LoginAsync(DashboardUsers.Trader, DashboardUsers.PasswordOf(DashboardUsers.Trader));
        var instrument = await host.Api.InstrumentAsync(await page.SelectedInstrumentAsync(), token);
        var (bid, _) = await page.WaitForQuoteAsync();
        var price = OrderSizing.FloorToTick(instrument, bid * RestingDiscount);
        var quantity = OrderSizing.SmallQuantity(instrument, price);
        var existing = await page.Page.Locator("#open-orders tbody tr[data-client-order-id]").CountAsync();

        await page.SubmitOrderAsync("buy", "limit", price, quantity);

        await Expect(page.TicketResult).ToHaveAttributeAsync("data-status", "accepted", new() { Timeout = Waits.Ui });
        var rows = page.Page.Locator("#open-orders tbody tr[data-client-order-id]");
        await Expect(rows).ToHaveCountAsync(existing + 1, new() { Timeout = Waits.Ui });
        var order = (await host.Api.OpenOrdersAsync(token)).Single(o => o.Instrument == instrument.Id && o.Price == price && o.Quantity == quantity);
        await Expect(page.OpenOrderRow(order.ClientOrderId)).ToBeVisibleAsync(new() { Timeout = Waits.Ui });
        await Expect(page.OpenOrderRow(order.ClientOrderId)).ToContainTextAsync("buy", new() { Timeout = Waits.Ui });
        await page.WaitForLadderOrderPriceAsync(price, present: true);
        Assert.Contains(price, await page.LadderOrderPricesAsync());
        await Screenshots.SaveAsync(page.Page, "order-resting");

        var (status, body) = await host.Api.SendAsync(HttpMethod.Delete, $"api/orders/{order.ClientOrderId}", token);
        Assert.True(status == 202, body);
        await Expect(page.OpenOrderRow(order.ClientOrderId)).ToHaveCountAsync(0, new() { Timeout = Waits.Ui });
    }

    [Fact]
    public async Task Cancelling_from_open_orders_removes_the_order_from_the_table_and_the_ladder()
    {
        var token = await host.Api.LoginAsync(DashboardUsers.Trader, DashboardUsers.PasswordOf(DashboardUsers.Trader));
        await using var page = await host.LoginAsync(DashboardUsers.Trader);
        var instrument = await host.Api.InstrumentAsync(await page.SelectedInstrumentAsync(), token);
        var (bid, _) = await page.WaitForQuoteAsync();
        var price = OrderSizing.FloorToTick(instrument, bid * RestingDiscount);
        var clientOrderId = await PlaceRestingOrderAsync(instrument, price, token);
        var row = page.OpenOrderRow(clientOrderId);
        await Expect(row).ToBeVisibleAsync(new() { Timeout = Waits.Ui });
        await page.WaitForLadderOrderPriceAsync(price, present: true);

        await row.Locator("button.cancel-order").ClickAsync();

        await Expect(row).ToHaveCountAsync(0, new() { Timeout = Waits.Ui });
        await page.WaitForLadderOrderPriceAsync(price, present: false);
        Assert.DoesNotContain(await host.Api.OpenOrdersAsync(token), o => o.ClientOrderId == clientOrderId);
    }

    [Fact]
    public async Task A_refused_order_shows_the_risk_engines_reason_on_the_ticket()
    {
        var token = await host.Api.LoginAsync(DashboardUsers.Trader, DashboardUsers.PasswordOf(DashboardUsers.Trader));
        await using var page = await host.LoginAsync(DashboardUsers.Trader);
        var instrument = await host.Api.InstrumentAsync(await page.SelectedInstrumentAsync(), token);
        var (bid, _) = await page.WaitForQuoteAsync();
        var price = OrderSizing.FloorToTick(instrument, bid * RestingDiscount);
        // Ten million of notional: above the demo's order-size limit (and any leverage the demo account allows).
        var quantity = OrderSizing.QuantityFor(instrument, price, 10_000_000m);
        var rows = page.Page.Locator("#open-orders tbody tr[data-client-order-id]");
        var rowsBefore = await rows.CountAsync();
        var openBefore = (await host.Api.OpenOrdersAsync(token)).Count;

        await page.SubmitOrderAsync("buy", "limit", price, quantity);

        await Expect(page.TicketResult).ToHaveAttributeAsync("data-status", "refused", new() { Timeout = Waits.Ui });
        await Expect(page.TicketResult).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("limit|cap", System.Text.RegularExpressions.RegexOptions.IgnoreCase), new() { Timeout = Waits.Ui });
        await Screenshots.SaveAsync(page.Page, "order-refused");

        // The same order through the API: refused (422) with the reason the ticket shows, and nothing left working.
        var (status, body) = await host.Api.SendAsync(HttpMethod.Post, "api/orders", token, new
        {
            instrument = instrument.Id,
            side = "buy",
            type = "limit",
            quantity = OrderSizing.Text(quantity),
            price = OrderSizing.Text(price),
        });
        Assert.True(status == 422, body);
        var reason = JsonDocument.Parse(body).RootElement.GetProperty("reason").GetString()!;
        Assert.Contains(reason, await page.TicketResult.InnerTextAsync(), StringComparison.Ordinal);

        // A refused order never worked: the API does not list it open, and neither does the table. An order placed
        // after it shows the table has taken the pushes since: then the table holds exactly that one more row.
        var open = await host.Api.OpenOrdersAsync(token);
        Assert.True(open.Count == openBefore, $"open orders after two refusals: {string.Join("; ", open.Select(o => $"{o.ClientOrderId} {o.Side} {o.Type} {o.Quantity} {o.Status}"))}");
        var resting = await PlaceRestingOrderAsync(instrument, price, token);
        await Expect(page.OpenOrderRow(resting)).ToBeVisibleAsync(new() { Timeout = Waits.Ui });
        var texts = await rows.AllInnerTextsAsync();
        Assert.True(texts.Count == rowsBefore + 1, $"#open-orders rows after two refusals and one resting order: {string.Join(" | ", texts)}");
        await host.Api.SendAsync(HttpMethod.Delete, $"api/orders/{resting}", token);
    }

    private async Task<string> PlaceRestingOrderAsync(InstrumentView instrument, decimal price, string token)
    {
        var (status, body) = await host.Api.SendAsync(HttpMethod.Post, "api/orders", token, new
        {
            instrument = instrument.Id,
            side = "buy",
            type = "limit",
            quantity = OrderSizing.Text(OrderSizing.SmallQuantity(instrument, price)),
            price = OrderSizing.Text(price),
        });
        Assert.True(status == 200, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("clientOrderId").GetString()!;
    }

    [Fact]
    public async Task A_viewer_cannot_trade_from_the_dashboard_or_the_api()
    {
        await using var page = await host.LoginAsync(DashboardUsers.Viewer);

        await Expect(page.Page.Locator("#user-role")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^viewer$", System.Text.RegularExpressions.RegexOptions.IgnoreCase), new() { Timeout = Waits.Ui });
        await Expect(page.Page.Locator("button#submit-order")).ToBeDisabledAsync(new() { Timeout = Waits.Ui });
        await Expect(page.Page.Locator("button#kill-switch")).ToBeDisabledAsync(new() { Timeout = Waits.Ui });

        // The API refuses the viewer's token whatever the page shows.
        var token = await host.Api.LoginAsync(DashboardUsers.Viewer, DashboardUsers.PasswordOf(DashboardUsers.Viewer));
        var instrument = await page.SelectedInstrumentAsync();
        var (bid, _) = await page.WaitForQuoteAsync();
        var (status, body) = await host.Api.SendAsync(HttpMethod.Post, "api/orders", token, new { instrument, side = "buy", type = "limit", quantity = "1", price = OrderSizing.Text(Math.Floor(bid * RestingDiscount)) });
        Assert.True(status == 403, $"{status} {body}");
        (status, body) = await host.Api.SendAsync(HttpMethod.Post, "api/risk/kill-switch", token, new { reason = "viewer" });
        Assert.True(status == 403, $"{status} {body}");
        Assert.Equal("ACTIVE", (await host.Api.GetAsync<RiskView>("api/risk", token)).State);
    }

    [Fact]
    public async Task A_trader_may_trade_but_not_use_the_kill_switch()
    {
        await using var page = await host.LoginAsync(DashboardUsers.Trader);

        await Expect(page.Page.Locator("#user-role")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^trader$", System.Text.RegularExpressions.RegexOptions.IgnoreCase), new() { Timeout = Waits.Ui });
        await Expect(page.Page.Locator("button#submit-order")).ToBeEnabledAsync(new() { Timeout = Waits.Ui });
        await Expect(page.Page.Locator("button#kill-switch")).ToBeDisabledAsync(new() { Timeout = Waits.Ui });

        var token = await host.Api.LoginAsync(DashboardUsers.Trader, DashboardUsers.PasswordOf(DashboardUsers.Trader));
        var (status, body) = await host.Api.SendAsync(HttpMethod.Post, "api/risk/kill-switch", token, new { reason = "trader" });
        Assert.True(status == 403, $"{status} {body}");
        Assert.Equal("ACTIVE", (await host.Api.GetAsync<RiskView>("api/risk", token)).State);
    }

    [Fact]
    public async Task Cancelling_the_kill_switch_dialog_leaves_trading_active()
    {
        await using var page = await host.LoginAsync(DashboardUsers.Demo);
        await Expect(page.Page.Locator("#risk-state")).ToHaveTextAsync("ACTIVE", new() { Timeout = Waits.Ui });

        await page.Page.Locator("button#kill-switch").ClickAsync();
        await Expect(page.Page.Locator("#kill-switch-dialog")).ToBeVisibleAsync(new() { Timeout = Waits.Ui });
        await page.Page.Locator("button#kill-switch-cancel").ClickAsync();

        await Expect(page.Page.Locator("#kill-switch-dialog")).ToBeHiddenAsync(new() { Timeout = Waits.Ui });
        await Expect(page.Page.Locator("#risk-state")).ToHaveTextAsync("ACTIVE");
        var token = await host.Api.LoginAsync(DashboardUsers.Demo, DashboardUsers.PasswordOf(DashboardUsers.Demo));
        Assert.Equal("ACTIVE", (await host.Api.GetAsync<RiskView>("api/risk", token)).State);
    }

    [Fact]
    public async Task Switching_instrument_and_venue_changes_the_ladder_without_a_reload()
    {
        await using var page = await host.LoginAsync(DashboardUsers.Viewer);
        var token = await host.Api.LoginAsync(DashboardUsers.Viewer, DashboardUsers.PasswordOf(DashboardUsers.Viewer));
        var current = await page.SelectedInstrumentAsync();
        var (bid, _) = await page.WaitForQuoteAsync();
        var options = await page.Instrument.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        var instruments = await host.Api.GetAsync<List<InstrumentView>>("api/instruments", token);
        var from = instruments.Single(i => i.Id == current);
        // Another base asset (BTC → ETH), whose prices differ by far more than the book moves so the ladder's change
        // shows, on another venue when there is one (Binance → OKX): one switch crosses both.
        var target = instruments
            .Where(i => options.Contains(i.Id) && i.Base != from.Base)
            .OrderBy(i => i.Venue == from.Venue)
            .First();
        await page.Page.EvaluateAsync("() => { window.flowsightNoReload = 'still here'; }");

        await page.Instrument.SelectOptionAsync(target.Id);

        var book = await host.Api.GetAsync<BookView>($"api/book/{target.Id}?depth=1", token);
        var targetBid = book.Bids[0].Price;
        await page.Page.WaitForFunctionAsync(
            "bid => Math.abs(Number(document.querySelector('canvas#book-ladder').dataset.bestBid) - bid) < bid * 0.02",
            (double)targetBid,
            new() { Timeout = Waits.Ui });
        Assert.NotEqual(bid, await DashboardPage.DecimalAttributeAsync(page.Ladder, "data-best-bid"));
        Assert.Equal("still here", await page.Page.EvaluateAsync<string?>("() => window.flowsightNoReload ?? null"));
        Assert.Equal(target.Id, await page.SelectedInstrumentAsync());
        var updates = await DashboardPage.DecimalAttributeAsync(page.Ladder, "data-updates");
        await page.Page.WaitForFunctionAsync(
            "n => Number(document.querySelector('canvas#book-ladder').dataset.updates) > n",
            (double)updates,
            new() { Timeout = Waits.Ui });
    }

    [Theory]
    [InlineData("desktop", 1280, 800)]
    [InlineData("phone", 390, 844)]
    public async Task The_main_panels_are_visible_at_desktop_and_phone_sizes(string name, int width, int height)
    {
        await using var page = await host.LoginAsync(DashboardUsers.Trader, new ViewportSize { Width = width, Height = height });
        await page.WaitForQuoteAsync();

        string[] panels = ["canvas#book-ladder", "#candle-chart", "#trades", "canvas#depth-chart", "form#order-ticket", "#open-orders", "#positions", "#account-equity", "#risk-state"];
        foreach (var panel in panels)
        {
            var locator = page.Page.Locator(panel).First;
            await locator.ScrollIntoViewIfNeededAsync();
            await Expect(locator).ToBeVisibleAsync(new() { Timeout = Waits.Ui });
            var box = await locator.BoundingBoxAsync();
            Assert.True(box is { Width: > 0, Height: > 0 }, $"{panel} has no size at {width}×{height}");
            Assert.True(box.Width <= width + 1, $"{panel} is {box.Width}px wide at {width}×{height}: wider than the screen");
        }

        // Nothing sticks out sideways: a phone scrolls down, never across.
        var overflow = await page.Page.EvaluateAsync<double>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 1, $"the page is {overflow}px wider than the {width}px screen");
        await page.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Screenshots.SaveAsync(page.Page, $"layout-{name}", fullPage: true);
    }
}
