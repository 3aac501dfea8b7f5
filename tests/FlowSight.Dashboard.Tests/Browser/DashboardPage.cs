using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlowSight.Dashboard.Tests.Browser;

/// <summary>
/// One test's browser tab on the dashboard, in its own fresh browser context (own cookies and session storage), found
/// only through the DOM contract in the brief (ids, names, data attributes).
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly Uri _url;

    private DashboardPage(IBrowserContext context, IPage page, Uri url)
    {
        _context = context;
        Page = page;
        _url = url;
    }

    /// <summary>The tab.</summary>
    public IPage Page { get; }

    /// <summary>The ladder canvas.</summary>
    public ILocator Ladder => Page.Locator("canvas#book-ladder");

    /// <summary>The candle chart's container.</summary>
    public ILocator CandleChart => Page.Locator("#candle-chart");

    /// <summary>The order ticket.</summary>
    public ILocator Ticket => Page.Locator("form#order-ticket");

    /// <summary>The order ticket's result line.</summary>
    public ILocator TicketResult => Page.Locator("#ticket-result");

    /// <summary>The instrument selector.</summary>
    public ILocator Instrument => Page.Locator("select#instrument");

    /// <summary>A new context and tab at <paramref name="viewport"/>.</summary>
    internal static async Task<DashboardPage> OpenAsync(IBrowser browser, Uri url, ViewportSize viewport)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport, Locale = "en-US" }).ConfigureAwait(false);
        var page = await context.NewPageAsync().ConfigureAwait(false);
        page.SetDefaultTimeout(Waits.Ui);
        return new DashboardPage(context, page, url);
    }

    /// <summary>Opens the dashboard and logs in through the login form; done when the header names the user and the WebSocket is up.</summary>
    public async Task LoginAsync(string user, string password)
    {
        await Page.GotoAsync(_url.ToString(), new PageGotoOptions { Timeout = Waits.Load }).ConfigureAwait(false);
        var form = Page.Locator("form#login-form");
        await form.Locator("input[name=username]").FillAsync(user).ConfigureAwait(false);
        await form.Locator("input[name=password]").FillAsync(password).ConfigureAwait(false);
        await form.Locator("button[type=submit]").ClickAsync().ConfigureAwait(false);
        await Expect(Page.Locator("#user-name")).ToHaveTextAsync(user, new() { Timeout = Waits.Load }).ConfigureAwait(false);
        await Expect(Page.Locator("#ws-status")).ToHaveTextAsync("connected", new() { Timeout = Waits.Load }).ConfigureAwait(false);
    }

    /// <summary>The selected instrument's id.</summary>
    public async Task<string> SelectedInstrumentAsync()
    {
        // The instrument list arrives after login: until it does, the select has no value to read.
        await Page.WaitForFunctionAsync(
            "() => (document.querySelector('select#instrument')?.value ?? '') !== ''",
            null,
            new PageWaitForFunctionOptions { Timeout = Waits.Load }).ConfigureAwait(false);
        return await Instrument.InputValueAsync().ConfigureAwait(false);
    }

    /// <summary>Waits until the ladder has drawn a pushed book with both sides, and returns its best bid and ask.</summary>
    public async Task<(decimal Bid, decimal Ask)> WaitForQuoteAsync()
    {
        await Page.WaitForFunctionAsync(
            """() => { const l = document.querySelector('canvas#book-ladder'); return l && Number(l.dataset.updates) > 0 && Number(l.dataset.bestBid) > 0 && Number(l.dataset.bestAsk) > 0; }""",
            null,
            new PageWaitForFunctionOptions { Timeout = Waits.Load }).ConfigureAwait(false);
        return (await DecimalAttributeAsync(Ladder, "data-best-bid").ConfigureAwait(false), await DecimalAttributeAsync(Ladder, "data-best-ask").ConfigureAwait(false));
    }

    /// <summary>The prices the ladder marks as our open orders (<c>data-order-prices</c>).</summary>
    public async Task<IReadOnlyList<decimal>> LadderOrderPricesAsync()
    {
        var text = await Ladder.GetAttributeAsync("data-order-prices").ConfigureAwait(false) ?? string.Empty;
        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => decimal.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture))];
    }

    /// <summary>Waits until <c>data-order-prices</c> does (or no longer does) include <paramref name="price"/>, compared as numbers.</summary>
    public Task WaitForLadderOrderPriceAsync(decimal price, bool present) =>
        Page.WaitForFunctionAsync(
            """([price, present]) => { const l = document.querySelector('canvas#book-ladder'); const prices = (l?.dataset.orderPrices ?? '').split(',').filter(s => s.trim() !== '').map(Number); return prices.some(p => Math.abs(p - price) < 1e-9) === present; }""",
            new object[] { (double)price, present },
            new PageWaitForFunctionOptions { Timeout = Waits.Ui });

    /// <summary>Fills the order ticket and submits it.</summary>
    public async Task SubmitOrderAsync(string side, string type, decimal? price, decimal quantity)
    {
        await Ticket.Locator("select[name=side]").SelectOptionAsync(side).ConfigureAwait(false);
        await Ticket.Locator("select[name=type]").SelectOptionAsync(type).ConfigureAwait(false);
        if (price is { } p)
        {
            await Ticket.Locator("input[name=price]").FillAsync(Stack.OrderSizing.Text(p)).ConfigureAwait(false);
        }

        await Ticket.Locator("input[name=quantity]").FillAsync(Stack.OrderSizing.Text(quantity)).ConfigureAwait(false);
        await Page.Locator("button#submit-order").ClickAsync().ConfigureAwait(false);
    }

    /// <summary>The open-orders row of <paramref name="clientOrderId"/>.</summary>
    public ILocator OpenOrderRow(string clientOrderId) => Page.Locator($"#open-orders tbody tr[data-client-order-id=\"{clientOrderId}\"]");

    /// <summary>An attribute read as a number (invariant culture).</summary>
    public static async Task<decimal> DecimalAttributeAsync(ILocator locator, string name)
    {
        var text = await locator.GetAttributeAsync(name).ConfigureAwait(false);
        return decimal.Parse(text ?? throw new InvalidOperationException($"no {name} attribute"), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await _context.DisposeAsync().ConfigureAwait(false);
}
