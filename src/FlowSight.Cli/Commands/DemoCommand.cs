using System.CommandLine;
using System.Globalization;
using FlowSight.Cli.Hosting;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Risk;
using Microsoft.Extensions.Configuration;

namespace FlowSight.Cli.Commands;

/// <summary>
/// <c>flowsight demo</c>: the main job of a fresh machine, with no account and no internet. Starts two paper venues
/// (Binance USDⓈ-M and OKX, synthetic markets or a replayed recording), connects FlowSight's real adapters to them
/// over loopback, runs the engine, the trading node and the web server, and prints the dashboard's URL and login.
/// Ctrl+C stops everything in order and exits 0. Logs go to a file under <c>./data/logs</c>.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "The dashboard's port on 127.0.0.1 (0: a free one).", DefaultValueFactory = _ => 8080 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic markets.", DefaultValueFactory = _ => 1 };
        var replay = new Option<string?>("--replay") { Description = "Drive the Binance venue's market from a recording (flowsight record) instead of the synthetic one." };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per second of the markets (replay and synthetic).", DefaultValueFactory = _ => 1 };
        var password = new Option<string?>("--password") { Description = "The demo user's password (default: demo)." };
        var seconds = new Option<int?>("--seconds") { Description = "Stop after this many seconds once the dashboard is up (default: until Ctrl+C)." };
        var warmUp = new Option<double>("--warm-up") { Description = "Minutes of synthetic history each venue generates before it opens (the charts' first candles).", DefaultValueFactory = _ => 30 };
        var file = new Option<string?>("--config") { Description = "Configuration file (default: ./flowsight.json if present); its Risk section replaces the demo's limits." };
        var command = new Command("demo", "Run a live paper market, the engine and the web dashboard on this machine; prints the URL and login.")
        {
            port, seed, replay, speed, password, seconds, warmUp, file,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var error = result.InvocationConfiguration.Error;
            if (!TryCreateOptions(result.GetValue(port), result.GetValue(seed), result.GetValue(replay), result.GetValue(speed), result.GetValue(password), result.GetValue(seconds), result.GetValue(warmUp), out var options, out var problem))
            {
                await error.WriteLineAsync(problem).ConfigureAwait(false);
                return 2;
            }

            try
            {
                var configuration = CliConfiguration.Build(result.GetValue(file));
                if (configuration.GetSection("Risk").Exists())
                {
                    options = options with { Risk = configuration.GetSection("Risk").Get<RiskLimits>() ?? options.Risk };
                }
            }
            catch (Exception ex) when (ex is ConfigurationValidationException or InvalidOperationException or InvalidDataException)
            {
                await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 2;
            }

            return await RunAsync(options, result.GetValue(seconds), result.InvocationConfiguration.Output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Checks the arguments; <paramref name="problem"/> says what is wrong.</summary>
    internal static bool TryCreateOptions(int port, int seed, string? replay, double speed, string? password, int? seconds, double warmUpMinutes, out DemoOptions options, out string problem)
    {
        options = null!;
        problem = string.Empty;
        if (port is < 0 or > 65535)
        {
            problem = $"--port must be between 0 (a free port) and 65535, not {port}.";
            return false;
        }

        if (!double.IsFinite(speed) || speed <= 0)
        {
            problem = $"--speed must be more than 0, not {speed.ToString(CultureInfo.InvariantCulture)}.";
            return false;
        }

        if (replay is not null && !File.Exists(replay))
        {
            problem = $"--replay: no such file '{replay}'.";
            return false;
        }

        if (password is { Length: 0 })
        {
            problem = "--password must not be empty.";
            return false;
        }

        if (seconds is < 1)
        {
            problem = $"--seconds must be at least 1, not {seconds}.";
            return false;
        }

        if (!double.IsFinite(warmUpMinutes) || warmUpMinutes < 0 || warmUpMinutes > 24 * 60)
        {
            problem = "--warm-up must be between 0 and 1440 minutes.";
            return false;
        }

        options = new DemoOptions
        {
            Port = port,
            Seed = seed,
            ReplayFile = replay,
            Speed = speed,
            Password = password ?? "demo",
            WarmUp = TimeSpan.FromMinutes(warmUpMinutes),
        };
        return true;
    }

    /// <summary>Starts the demo, prints where it is and how to log in, and runs until cancelled or <paramref name="seconds"/> pass.</summary>
    internal static async Task<int> RunAsync(DemoOptions options, int? seconds, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (loggers, logPath) = HostLog.Open("demo");
        using (loggers)
        {
            var market = options.ReplayFile is { } file ? $"replay of {file} on Binance, synthetic OKX" : $"synthetic markets, seed {options.Seed}";
            await output.WriteLineAsync($"FlowSight demo: paper venues Binance USDⓈ-M and OKX ({market}), engine, trading node and dashboard; starting...").ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            var (demo, exitCode) = await HostConsole.StartAsync(() => DemoHost.StartAsync(options, loggers, cancellationToken), $"127.0.0.1:{options.Port}", "demo", logPath, output, error, cancellationToken).ConfigureAwait(false);
            if (demo is null)
            {
                return exitCode;
            }

            await using (demo.ConfigureAwait(false))
            {
                await output.WriteLineAsync().ConfigureAwait(false);
                await output.WriteLineAsync($"  Dashboard  {demo.DashboardUrl}").ConfigureAwait(false);
                await output.WriteLineAsync($"  Login      {demo.UserName} / {demo.Password}   (role admin)").ConfigureAwait(false);
                await output.WriteLineAsync().ConfigureAwait(false);
                await output.WriteLineAsync($"  Instruments {string.Join(", ", demo.Host.Instruments.Select(i => i.Id))}").ConfigureAwait(false);
                foreach (var venue in demo.Venues)
                {
                    await output.WriteLineAsync($"  Paper venue {venue.Exchange.Options.Venue,-12} {venue.BaseAddress}").ConfigureAwait(false);
                }

                await output.WriteLineAsync($"  Log        {logPath}").ConfigureAwait(false);
                await HostConsole.RunUntilStoppedAsync(seconds, output, cancellationToken).ConfigureAwait(false);
            }

            await output.WriteLineAsync("Stopped.").ConfigureAwait(false);
            return 0;
        }
    }
}
