using System.CommandLine;
using FlowSight.Cli.Trading;
using FlowSight.PaperVenue.Hosting;
using Xunit;

namespace FlowSight.Cli.Tests;

/// <summary>
/// <c>flowsight order</c> end to end in-process against a paper venue (its account file, as <c>flowsight sim</c> writes
/// it): orders go through the risk engine and FlowSight's Binance client, and the output says what happened.
/// </summary>
public sealed class OrderCommandTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"flowsight-order-{Guid.NewGuid():N}");
    private PaperVenueHost _venue = null!;

    private string AccountFile => Path.Combine(_directory, "paper-account.json");

    private string HaltFile => Path.Combine(_directory, "halt.json");

    public async ValueTask InitializeAsync()
    {
        _venue = await PaperVenueHost.StartAsync(
            new PaperVenueOptions
            {
                Venue = PaperVenueKind.BinanceUsdm,
                Speed = 0,
                WarmUp = TimeSpan.FromMinutes(1),
                Symbols = ["BTCUSDT"],
                Credentials = [new PaperCredential("cli-order-key", "cli-order-secret", null, 1)],
            },
            cancellationToken: TestContext.Current.CancellationToken);
        PaperAccountFile.Write(AccountFile, new TradingAccount
        {
            Name = "paper",
            Venue = "binance-usdm",
            Rest = _venue.Endpoint("rest"),
            WebSocket = _venue.Endpoint("ws"),
            ApiKey = "cli-order-key",
            ApiSecret = "cli-order-secret",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _venue.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<(int ExitCode, string Output, string Error)> OrderAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await FlowSightCli.RunAsync(
            ["order", .. args, "--paper-account-file", AccountFile, "--halt-file", HaltFile, "--config", WriteConfig()],
            new InvocationConfiguration { Output = output, Error = error },
            TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    private string WriteConfig()
    {
        var path = Path.Combine(_directory, "flowsight.json");
        File.WriteAllText(path, """{ "Risk": { "Defaults": { "MaxOrderNotional": 50000 } } }""");
        return path;
    }

    [Fact]
    public async Task A_market_order_prints_its_fill_and_the_position_shows_it()
    {
        var (exitCode, output, error) = await OrderAsync("submit", "BTCUSDT", "buy", "0.01");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("accepted", output, StringComparison.Ordinal);
        Assert.Matches(@"filled\s+FS\w+ 0\.010 @ \d+\.\d+ fee [\d.]+ USDT \(taker\); filled 0\.010, open 0\.000", output);

        (exitCode, output, _) = await OrderAsync("positions");
        Assert.Equal(0, exitCode);
        Assert.Matches(@"BTCUSDT-PERP\.BINANCE\s+Both\s+0\.010", output);
    }

    [Fact]
    public async Task A_resting_order_is_listed_and_canceled_by_its_client_id()
    {
        var (exitCode, output, error) = await OrderAsync("submit", "BTCUSDT", "buy", "0.01", "--price", "50000");
        Assert.True(exitCode == 0, output + error);
        var id = System.Text.RegularExpressions.Regex.Match(output, @"accepted\s+(\w+)").Groups[1].Value;

        (exitCode, output, _) = await OrderAsync("list");
        Assert.Equal(0, exitCode);
        Assert.Contains(id, output, StringComparison.Ordinal);
        Assert.Contains("1 open order", output, StringComparison.Ordinal);

        (exitCode, output, _) = await OrderAsync("cancel", "BTCUSDT", id);
        Assert.Equal(0, exitCode);
        Assert.Contains($"canceled  {id}", output, StringComparison.Ordinal);
        Assert.Empty(await _venue.Exchange.InvokeAsync(() => _venue.Exchange.Orders.Open(1)));
    }

    [Fact]
    public async Task A_risk_refusal_exits_1_with_the_check_and_its_reason()
    {
        var (exitCode, output, _) = await OrderAsync("submit", "BTCUSDT", "buy", "1", "--price", "60000");

        Assert.Equal(1, exitCode);
        Assert.Contains("denied", output, StringComparison.Ordinal);
        Assert.Contains("max-notional", output, StringComparison.Ordinal);
        Assert.Empty(await _venue.Exchange.InvokeAsync(() => _venue.Exchange.Orders.Orders(1).ToList()));
    }

    [Fact]
    public async Task Halt_cancels_everything_flattens_and_refuses_orders_until_resume()
    {
        await OrderAsync("submit", "BTCUSDT", "buy", "0.01");
        await OrderAsync("submit", "BTCUSDT", "buy", "0.01", "--price", "50000");

        var (exitCode, output, error) = await OrderAsync("halt", "--flatten", "--reason", "test halt");
        Assert.True(exitCode == 0, output + error);
        Assert.Contains("halted: 1 open order canceled, positions flattened", output, StringComparison.Ordinal);
        var (open, size) = await _venue.Exchange.InvokeAsync(() => (_venue.Exchange.Orders.Open(1).Count, _venue.Exchange.Accounts.GetPosition(1, _venue.Exchange.Instruments[0].Id).Size.ToDecimal()));
        Assert.Equal(0, open);
        Assert.Equal(0m, size);

        (exitCode, output, _) = await OrderAsync("submit", "BTCUSDT", "buy", "0.01");
        Assert.Equal(1, exitCode);
        Assert.Contains("test halt", output, StringComparison.Ordinal);

        (exitCode, output, _) = await OrderAsync("resume");
        Assert.Equal(0, exitCode);
        (exitCode, _, _) = await OrderAsync("submit", "BTCUSDT", "buy", "0.01");
        Assert.Equal(0, exitCode);
    }

    [Theory]
    [InlineData("Unknown symbol 'DOGEUSDT'", "submit", "DOGEUSDT", "buy", "1")]
    [InlineData("side must be buy or sell", "submit", "BTCUSDT", "up", "1")]
    [InlineData("quantity must be positive", "submit", "BTCUSDT", "buy", "-1")]
    [InlineData("No open order", "cancel", "BTCUSDT", "FS000")]
    public async Task Bad_arguments_say_what_is_wrong(string expected, params string[] args)
    {
        var (exitCode, output, error) = await OrderAsync(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(expected, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_account_or_a_running_paper_venue_it_says_how_to_get_one()
    {
        var error = new StringWriter();
        var exitCode = await FlowSightCli.RunAsync(
            ["order", "list", "--paper-account-file", Path.Combine(_directory, "none.json"), "--config", WriteConfig()],
            new InvocationConfiguration { Output = TextWriter.Null, Error = error },
            TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("flowsight sim", error.ToString(), StringComparison.Ordinal);
    }
}
