using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using FlowSight.TestKit;
using Xunit;

namespace FlowSight.Cli.Tests;

/// <summary>
/// <c>flowsight sim</c> end to end in-process: it starts the paper venue on a free port, prints the addresses and
/// credentials, and the printed REST address answers; every argument error is exit code 2 with a message.
/// </summary>
public sealed class SimCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static async Task<(IReadOnlyList<string> Lines, int ExitCode)> RunUntilServingAsync(string[] args, Func<IReadOnlyList<string>, Task> whileServing)
    {
        var output = new LineWatcher(line => line.StartsWith("Serving", StringComparison.Ordinal));
        var error = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = FlowSightCli.RunAsync(["sim", .. args, .. (args.Contains("--account-file") ? Array.Empty<string>() : ["--account-file", "none"])], new InvocationConfiguration { Output = output, Error = error }, stop.Token);
        var serving = output.Matched;
        if (await Task.WhenAny(serving, run).WaitAsync(Patience) == run)
        {
            Assert.Fail($"sim exited {await run} before serving: {error}");
        }

        await whileServing(output.Lines);
        await stop.CancelAsync();
        return (output.Lines, await run.WaitAsync(Patience));
    }

    private static string Printed(IReadOnlyList<string> lines, string name)
    {
        var line = lines.FirstOrDefault(l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal));
        Assert.True(line is not null, $"no '{name}' line in:\n{string.Join('\n', lines)}");
        return line.Trim()[name.Length..].Trim();
    }

    [Fact]
    public async Task Binance_usdm_prints_its_urls_and_the_given_credentials_and_the_printed_url_answers_ping()
    {
        var (lines, exitCode) = await RunUntilServingAsync(
            ["--venue", "binance-usdm", "--symbols", "BTCUSDT", "--port", "0", "--warm-up", "1", "--api-key", "cli-key", "--api-secret", "cli-secret"],
            async lines =>
            {
                var rest = new Uri(Printed(lines, "rest"));
                Assert.Equal("127.0.0.1", rest.Host);
                using var http = new HttpClient { BaseAddress = rest };
                using var response = await http.GetAsync(new Uri("fapi/v1/ping", UriKind.Relative), TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("{}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            });

        Assert.Equal(0, exitCode);
        Assert.Contains(lines, l => l.Contains("binance-usdm (BTCUSDT)", StringComparison.Ordinal));
        Assert.Equal("cli-key", Printed(lines, "api-key"));
        Assert.Equal("cli-secret", Printed(lines, "api-secret"));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("passphrase", StringComparison.Ordinal));
    }

    [Fact]
    public async Task While_serving_it_writes_the_account_file_flowsight_order_reads_and_deletes_it_on_stop()
    {
        var path = Path.Combine(Path.GetTempPath(), $"flowsight-paper-{Guid.NewGuid():N}.json");
        var (_, exitCode) = await RunUntilServingAsync(
            ["--venue", "okx", "--warm-up", "0", "--speed", "0", "--account-file", path],
            lines =>
            {
                Assert.True(Trading.PaperAccountFile.TryRead(path, out var account, out var problem), problem);
                Assert.Equal("okx", account.Venue);
                Assert.Equal(Printed(lines, "api-key"), account.ApiKey);
                Assert.Equal(Printed(lines, "passphrase"), account.Passphrase);
                Assert.Equal(Printed(lines, "ws-private"), account.WebSocket.ToString());
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
                }

                return Task.CompletedTask;
            });

        Assert.Equal(0, exitCode);
        Assert.False(File.Exists(path), "the account file outlived the venue");
    }

    [Fact]
    public async Task Okx_without_credentials_makes_up_a_key_secret_and_passphrase_and_prints_its_websockets()
    {
        var (lines, exitCode) = await RunUntilServingAsync(["--venue", "okx", "--warm-up", "0", "--speed", "0"], _ => Task.CompletedTask);

        Assert.Equal(0, exitCode);
        Assert.Matches("^[0-9a-f]{32}$", Printed(lines, "api-key"));
        Assert.Matches("^[0-9a-f]{64}$", Printed(lines, "api-secret"));
        Assert.False(string.IsNullOrWhiteSpace(Printed(lines, "passphrase")));
        Assert.StartsWith("http://127.0.0.1:", Printed(lines, "rest"), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("BTC-USDT-SWAP, ETH-USDT-SWAP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_lists_the_recorded_symbol_and_its_book_answers_on_the_printed_url()
    {
        var recording = SharedData.Require("recordings/hftbacktest/binance-usdm/btcusdt_20240808.gz");
        var (lines, exitCode) = await RunUntilServingAsync(
            ["--venue", "binance-usdm", "--replay", recording, "--speed", "10"],
            async lines =>
            {
                using var http = new HttpClient { BaseAddress = new Uri(Printed(lines, "rest")) };
                var depth = await http.GetStringAsync(new Uri("fapi/v1/depth?symbol=BTCUSDT&limit=5", UriKind.Relative), TestContext.Current.CancellationToken);
                Assert.Contains("\"bids\":[[", depth, StringComparison.Ordinal);
            });

        Assert.Equal(0, exitCode);
        Assert.Contains(lines, l => l.Contains("binance-usdm (BTCUSDT), replay of", StringComparison.Ordinal) && l.Contains("speed 10x", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Unknown venue 'kraken'", "--venue", "kraken")]
    [InlineData("--venue is required", "--port", "0")]
    [InlineData("does not list DOGEUSDT", "--venue", "binance-usdm", "--symbols", "BTCUSDT,DOGEUSDT")]
    [InlineData("--passphrase", "--venue", "okx", "--api-key", "k", "--api-secret", "s")]
    [InlineData("go together", "--venue", "binance-spot", "--api-key", "k")]
    [InlineData("--speed", "--venue", "binance-usdm", "--speed", "-1")]
    [InlineData("--port", "--venue", "binance-usdm", "--port", "70000")]
    [InlineData("abc", "--venue", "binance-usdm", "--port", "abc")]
    [InlineData("no such file", "--venue", "binance-usdm", "--replay", "/nonexistent/recording.fsrec")]
    [InlineData("Binance recordings", "--venue", "okx", "--replay", "/nonexistent/recording.fsrec")]
    public async Task A_bad_argument_exits_2_with_a_message_naming_it(string expected, params string[] args)
    {
        var error = new StringWriter();
        var exitCode = await FlowSightCli.RunAsync(["sim", .. args], new InvocationConfiguration { Output = TextWriter.Null, Error = error }, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_exits_2_and_says_so()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var error = new StringWriter();
        var exitCode = await FlowSightCli.RunAsync(
            ["sim", "--venue", "binance-usdm", "--warm-up", "0", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new InvocationConfiguration { Output = TextWriter.Null, Error = error },
            TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains($"Cannot listen on 127.0.0.1:{port}", error.ToString(), StringComparison.Ordinal);
    }
}
