using FlowSight.Dashboard.Tests.Browser;
using FlowSight.Dashboard.Tests.Stack;
using FlowSight.Server.State;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace FlowSight.Dashboard.Tests;

/// <summary>The kill switch from the dashboard, on a demo stack of its own (a halt is not undone for the next test).</summary>
[Collection(KillSwitchCollection.Name)]
public sealed class KillSwitchTests(KillSwitchFixture host)
{
    [Fact]
    public async Task The_kill_switch_halts_trading_and_the_risk_panel_shows_halted()
    {
        await using var page = await host.LoginAsync(DashboardUsers.Demo);
        var token = await host.Api.LoginAsync(DashboardUsers.Demo, DashboardUsers.PasswordOf(DashboardUsers.Demo));
        var instrument = await host.Api.InstrumentAsync(await page.SelectedInstrumentAsync(), token);
        var (bid, _) = await page.WaitForQuoteAsync();
        await Expect(page.Page.Locator("#risk-state")).ToHaveTextAsync("ACTIVE", new() { Timeout = Waits.Ui });

        await page.Page.Locator("button#kill-switch").ClickAsync();
        await Expect(page.Page.Locator("#kill-switch-dialog")).ToBeVisibleAsync(new() { Timeout = Waits.Ui });
        await page.Page.Locator("button#kill-switch-confirm").ClickAsync();

        await Expect(page.Page.Locator("#risk-state")).ToHaveTextAsync("HALTED", new() { Timeout = Waits.Ui });
        await Expect(page.Page.Locator("#risk-reason")).Not.ToBeEmptyAsync(new() { Timeout = Waits.Ui });
        var risk = await host.Api.GetAsync<RiskView>("api/risk", token);
        Assert.Equal("HALTED", risk.State);
        Assert.True(risk.KillSwitchTripped);

        // Halted means an order that would have rested is now refused, and the ticket says why.
        var price = OrderSizing.FloorToTick(instrument, bid * 0.97m);
        await page.SubmitOrderAsync("buy", "limit", price, OrderSizing.SmallQuantity(instrument, price));
        await Expect(page.TicketResult).ToHaveAttributeAsync("data-status", "refused", new() { Timeout = Waits.Ui });
        await Expect(page.TicketResult).ToContainTextAsync("HALTED", new() { Timeout = Waits.Ui });
        await Screenshots.SaveAsync(page.Page, "halted");
    }
}
