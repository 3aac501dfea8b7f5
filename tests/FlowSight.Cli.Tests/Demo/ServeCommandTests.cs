using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Server.Auth;
using Xunit;

namespace FlowSight.Cli.Tests.Demo;

/// <summary>
/// <c>flowsight serve --config F</c> against a paper venue the test starts, configured as a user configures a real
/// venue: the market under <c>Serve:Markets</c>, the account under <c>Accounts</c>, users under <c>Server:Users</c>.
/// It serves the configured user with the venue's book and stops on cancellation with exit code 0; a configuration it
/// cannot serve exits 2 and lists every problem.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class ServeCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_follows_the_configured_market_trades_the_account_and_logs_in_the_configured_user()
    {
        await using var venue = await PaperVenueHost.StartAsync(
            new PaperVenueOptions
            {
                Venue = PaperVenueKind.BinanceUsdm,
                Symbols = ["BTCUSDT"],
                WarmUp = TimeSpan.FromMinutes(1),
                Credentials = [new PaperCredential("serve-key", "serve-secret", null, 1)],
            },
            cancellationToken: Ct);
        var config = WriteConfig(new
        {
            Serve = new { Markets = new object[] { new { Market = "binance-usdm:BTCUSDT", Endpoint = venue.BaseAddress.ToString() } } },
            Accounts = new
            {
                paper = new
                {
                    Venue = "binance-usdm",
                    Rest = venue.Endpoint("rest").ToString(),
                    WebSocket = venue.Endpoint("ws").ToString(),
                    ApiKey = "serve-key",
                    ApiSecret = "serve-secret",
                    Symbols = new[] { "BTCUSDT" },
                },
            },
            Server = new
            {
                Urls = "http://127.0.0.1:0",
                Users = new[] { new { Name = "ops", PasswordHash = PasswordHashes.Hash("ops-pass"), Role = "Trader" } },
            },
        });

        var output = new LineWatcher(line => line.TrimStart().StartsWith("Dashboard", StringComparison.Ordinal));
        var error = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = FlowSightCli.RunAsync(["serve", "--config", config], new InvocationConfiguration { Output = output, Error = error }, stop.Token);
        if (await Task.WhenAny(output.Matched, run).WaitAsync(DemoFixture.Patience, Ct) == run)
        {
            Assert.Fail($"serve exited {await run} before serving: {error}\n{string.Join('\n', output.Lines)}");
        }

        var url = new Uri((await output.Matched).Trim()["Dashboard".Length..].Trim());
        using (var user = await DemoFixture.LoginAsync(url, "ops", "ops-pass"))
        {
            using var book = JsonDocument.Parse(await user.GetStringAsync(new Uri("api/book/BTCUSDT-PERP.BINANCE", UriKind.Relative), Ct));
            Assert.NotEqual(0, book.RootElement.GetProperty("bids").GetArrayLength());
            Assert.NotEqual(0, book.RootElement.GetProperty("asks").GetArrayLength());
            using var account = await user.GetAsync(new Uri("api/account", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, account.StatusCode);
            using var anonymous = new HttpClient { BaseAddress = url };
            using var refused = await anonymous.PostAsJsonAsync("api/auth/login", new { username = "demo", password = "demo" }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Contains(output.Lines, l => l.Contains("paper on binance-usdm", StringComparison.Ordinal));
        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(DemoFixture.Patience, Ct));
        Assert.Equal("Stopped.", output.Lines[^1]);
    }

    [Fact]
    public async Task A_configuration_serve_cannot_run_exits_2_listing_every_problem()
    {
        var config = WriteConfig(new
        {
            Serve = new { Markets = new[] { "nowhere:BTCUSDT" } },
            Server = new { Users = new[] { new { Name = "ops", PasswordHash = "plain-text", Role = "Admin" } } },
        });
        var error = new StringWriter();
        var exitCode = await FlowSightCli.RunAsync(["serve", "--config", config], new InvocationConfiguration { Output = new StringWriter(), Error = error }, Ct);

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown market 'nowhere'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("ops's PasswordHash", error.ToString(), StringComparison.Ordinal);
    }

    private static string WriteConfig(object configuration)
    {
        var path = Path.Combine(Path.GetTempPath(), $"flowsight-serve-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(configuration));
        return path;
    }
}
