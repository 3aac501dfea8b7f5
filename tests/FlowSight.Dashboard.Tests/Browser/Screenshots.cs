using Microsoft.Playwright;
using Xunit;

namespace FlowSight.Dashboard.Tests.Browser;

/// <summary>
/// Screenshots of the dashboard kept as test artifacts: <c>TestResults/screenshots</c> beside the test assembly (where
/// Microsoft.Testing.Platform writes its results), or the folder in <c>FLOWSIGHT_SCREENSHOTS</c>; each is also attached
/// to its test's result.
/// </summary>
internal static class Screenshots
{
    /// <summary>The folder the screenshots go to.</summary>
    public static string Directory { get; } =
        Environment.GetEnvironmentVariable("FLOWSIGHT_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>Saves <paramref name="page"/> as <c>{name}.png</c> (the whole scrollable page when <paramref name="fullPage"/>).</summary>
    public static async Task<string> SaveAsync(IPage page, string name, bool fullPage = false)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage }).ConfigureAwait(false);
        // Also on the test's result, so a report (or the platform's artifacts) carries the picture with the test.
        TestContext.Current.AddAttachment(name, png, "image/png");
        return path;
    }
}
