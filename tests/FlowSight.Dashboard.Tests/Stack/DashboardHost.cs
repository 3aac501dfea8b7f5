using FlowSight.Cli.Hosting;
using FlowSight.Dashboard.Tests.Browser;
using FlowSight.Server.Auth;
using FlowSight.Server.Hosting;
using Microsoft.Playwright;
using Xunit;

namespace FlowSight.Dashboard.Tests.Stack;

/// <summary>
/// The real <c>flowsight demo</c> stack in-process (paper venue, venue adapters over loopback, engine, server on
/// 127.0.0.1:0) plus one headless Chromium; each test opens its own browser context on it.
/// </summary>
public abstract class DashboardHost : IAsyncLifetime
{
    private DemoHost? _demo;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The dashboard's address.</summary>
    public Uri DashboardUrl { get; private set; } = null!;

    /// <summary>The server's API (same origin as the dashboard).</summary>
    public DashboardApi Api { get; private set; } = null!;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        _demo = await DemoHost.StartAsync(
            new DemoOptions
            {
                Port = 0,
                // A longer wait for the books than the demo's own: test.sh runs every test assembly at once on 2 cores.
                ReadyTimeout = TimeSpan.FromSeconds(120),
                ExtraUsers =
                [
                    new ServerUser { Name = DashboardUsers.Viewer, PasswordHash = PasswordHashes.Hash(DashboardUsers.PasswordOf(DashboardUsers.Viewer)), Role = ServerRole.Viewer },
                    new ServerUser { Name = DashboardUsers.Trader, PasswordHash = PasswordHashes.Hash(DashboardUsers.PasswordOf(DashboardUsers.Trader)), Role = ServerRole.Trader },
                ],
            },
            loggers: null,
            TestContext.Current.CancellationToken);
        DashboardUrl = _demo.DashboardUrl;
        Api = new DashboardApi(DashboardUrl);
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    /// <summary>A fresh browser context and tab at <paramref name="viewport"/> (desktop by default).</summary>
    public Task<DashboardPage> OpenAsync(ViewportSize? viewport = null) =>
        DashboardPage.OpenAsync(_browser!, DashboardUrl, viewport ?? Viewports.Desktop);

    /// <summary>A fresh tab logged in as <paramref name="user"/>.</summary>
    public async Task<DashboardPage> LoginAsync(string user, ViewportSize? viewport = null)
    {
        var page = await OpenAsync(viewport);
        try
        {
            await page.LoginAsync(user, DashboardUsers.PasswordOf(user));
            return page;
        }
        catch
        {
            await page.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Api?.Dispose();
        if (_demo is not null)
        {
            await _demo.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
