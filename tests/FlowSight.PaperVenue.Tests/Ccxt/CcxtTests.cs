using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using FlowSight.PaperVenue.Hosting;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Ccxt;

/// <summary>
/// The acceptance test of issue 6: ccxt, a third-party client, trades against the paper venue through its own
/// unchanged code (only its URLs point at 127.0.0.1). Each Node script runs the calls a trader makes and checks that
/// the balances and positions ccxt reads back equal those implied by the fills and fees ccxt read; it prints one JSON
/// line. The market is paused (speed 0) so the book only moves with our own orders; ccxt pro's order books watch a
/// moving one (speed 10), where ccxt itself throws on a broken update chain or a wrong OKX checksum.
/// </summary>
public sealed class CcxtTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    private static readonly string[] CommonCalls =
    [
        "loadMarkets", "fetchOrderBook", "fetchTicker", "fetchOHLCV", "fetchBalance", "createOrder limit", "createOrder post-only",
        "fetchOpenOrders", "fetchOrder", "cancelOrder", "fetchMyTrades",
    ];

    [Fact]
    public async Task Ccxt_binanceusdm_trades_and_reads_back_the_wallet_and_position_its_fills_imply()
    {
        using var result = await RunAsync(PaperVenueKind.BinanceUsdm, "binanceusdm.mjs");
        AssertCalls(result, [.. CommonCalls, "setLeverage", "createOrder market", "createOrder reduce-only", "fetchPositions"]);
    }

    [Fact]
    public async Task Ccxt_binance_spot_trades_and_reads_back_the_balances_its_fills_imply()
    {
        using var result = await RunAsync(PaperVenueKind.BinanceSpot, "binance-spot.mjs");
        AssertCalls(result, [.. CommonCalls, "createOrder market buy", "createOrder market sell"]);
    }

    [Fact]
    public async Task Ccxt_okx_trades_and_reads_back_the_equity_and_position_its_fills_imply()
    {
        using var result = await RunAsync(PaperVenueKind.Okx, "okx.mjs");
        AssertCalls(result, [.. CommonCalls, "setLeverage", "createOrder market", "createOrder reduce-only", "fetchPositions"]);
    }

    [Fact]
    public async Task Ccxt_pro_binanceusdm_keeps_its_book_chained_on_the_depth_stream_of_a_moving_market()
    {
        using var result = await RunAsync(PaperVenueKind.BinanceUsdm, "watch.mjs", speed: 10, "binanceusdm", "--seconds", "4");
        AssertCalls(result, ["loadMarkets", "watchOrderBook", "watchTrades"]);
        Assert.True(result.RootElement.GetProperty("updates").GetInt32() >= 4);
    }

    [Fact]
    public async Task Ccxt_pro_binance_spot_keeps_its_book_chained_on_the_depth_stream_of_a_moving_market()
    {
        using var result = await RunAsync(PaperVenueKind.BinanceSpot, "watch.mjs", speed: 10, "binance-spot", "--seconds", "4");
        AssertCalls(result, ["loadMarkets", "watchOrderBook", "watchTrades"]);
        Assert.True(result.RootElement.GetProperty("updates").GetInt32() >= 4);
    }

    [Fact]
    public async Task Ccxt_pro_okx_keeps_its_checksummed_book_on_the_books_channel_of_a_moving_market()
    {
        using var result = await RunAsync(PaperVenueKind.Okx, "watch.mjs", speed: 10, "okx", "--seconds", "4");
        AssertCalls(result, ["loadMarkets", "watchOrderBook", "watchTrades"]);
        Assert.True(result.RootElement.GetProperty("updates").GetInt32() >= 4);
    }

    private static void AssertCalls(JsonDocument result, string[] calls)
    {
        var made = result.RootElement.GetProperty("calls");
        foreach (var call in calls)
        {
            Assert.True(made.TryGetProperty(call, out var outcome) && outcome.GetString() == "ok", $"ccxt {call} was not made or failed: {made}");
        }
    }

    private static async Task<JsonDocument> RunAsync(PaperVenueKind venue, string script, double speed = 0, params string[] arguments)
    {
        var directory = ScriptDirectory();
        var node = FindOnPath("node");
        var missing = node is null ? "node is not on PATH"
            : !File.Exists(Path.Combine(directory, "node_modules", "ccxt", "package.json")) ? $"ccxt is not installed in {directory} (npm ci)"
            : null;
        if (missing is not null)
        {
            var reason = $"{missing}; test.sh installs it.";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), reason);
            Assert.Skip(reason);
        }

        var credential = new PaperCredential("ccxt-" + venue.ToString().ToLowerInvariant(), "ccxt-secret-0123456789abcdef", venue == PaperVenueKind.Okx ? "Ccxt-Pass-1" : null, 1);
        var options = new PaperVenueOptions
        {
            Venue = venue,
            Speed = speed,
            WarmUp = TimeSpan.FromMinutes(10),
            Credentials = [credential],
        };
        await using var host = await PaperVenueHost.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken);

        var start = new ProcessStartInfo(node!)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PAPER_REST"] = host.Endpoint("rest").ToString();
        start.Environment["PAPER_API_KEY"] = credential.ApiKey;
        start.Environment["PAPER_API_SECRET"] = credential.Secret;
        start.Environment["PAPER_PASSPHRASE"] = credential.Passphrase ?? string.Empty;
        start.Environment["PAPER_INITIAL"] = JsonSerializer.Serialize(options.InitialBalances);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node {script} did not finish within {ScriptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }

        var output = await stdout;
        var errors = await stderr;
        var report = new StringBuilder().Append("node ").Append(script).Append(" exited ").Append(process.ExitCode)
            .AppendLine().Append(output).AppendLine().Append(errors).ToString();
        Assert.True(process.ExitCode == 0, report);
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        Assert.True(line is not null, report);
        TestContext.Current.TestOutputHelper?.WriteLine(line!);
        var result = JsonDocument.Parse(line!);
        Assert.True(result.RootElement.GetProperty("ok").GetBoolean(), report);
        return result;
    }

    private static string ScriptDirectory([CallerFilePath] string source = "")
    {
        // From the build output up to the repository (any --artifacts-path under it), else where this file was compiled.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "FlowSight.PaperVenue.Tests", "Ccxt");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        return Path.GetDirectoryName(source)!;
    }

    private static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, program);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
