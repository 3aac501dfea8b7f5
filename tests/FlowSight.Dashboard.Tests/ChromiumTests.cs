using FlowSight.Dashboard.Tests.Browser;
using Microsoft.Playwright;
using Xunit;

namespace FlowSight.Dashboard.Tests;

/// <summary>The browser itself, without the dashboard: a failure here is the machine's set-up, not the dashboard.</summary>
public sealed class ChromiumTests
{
    [Fact]
    public async Task Debian_chromium_runs_under_playwright_without_any_download()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<p id='p'>FlowSight</p><script>document.getElementById('p').dataset.ran = '1'</script>");

        await Assertions.Expect(page.Locator("#p")).ToHaveAttributeAsync("data-ran", "1", new() { Timeout = 5_000 });
        Assert.Contains("Chrom", browser.BrowserType.Name + " " + await page.EvaluateAsync<string>("navigator.userAgent"), StringComparison.Ordinal);
        Assert.StartsWith("1", browser.Version, StringComparison.Ordinal);
    }
}
