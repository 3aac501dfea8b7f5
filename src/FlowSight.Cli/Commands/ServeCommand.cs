using System.CommandLine;
using FlowSight.Cli.Hosting;
using FlowSight.Engine.Configuration;

namespace FlowSight.Cli.Commands;

/// <summary>
/// <c>flowsight serve [--config F]</c>: the demo's engine and server against configured venues — market data for
/// <c>Serve:Markets</c>, trading for the <c>Accounts</c>, the web server as <c>Server</c> says (see <see cref="ServeSettings"/>).
/// Runs until Ctrl+C; logs go to a file under <c>./data/logs</c>.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var file = new Option<string?>("--config") { Description = "Configuration file (default: ./flowsight.json if present)." };
        var seconds = new Option<int?>("--seconds") { Description = "Stop after this many seconds once serving (default: until Ctrl+C)." };
        var command = new Command("serve", "Run the engine, the trading node and the web dashboard against the configured venues and accounts.") { file, seconds };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            FlowSightHostOptions options;
            try
            {
                options = ServeSettings.Read(CliConfiguration.Build(result.GetValue(file)));
            }
            catch (Exception ex) when (ex is ConfigurationValidationException or InvalidOperationException or InvalidDataException)
            {
                await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 2;
            }

            if (result.GetValue(seconds) is < 1)
            {
                await error.WriteLineAsync("--seconds must be at least 1.").ConfigureAwait(false);
                return 2;
            }

            return await RunAsync(options, result.GetValue(seconds), output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    internal static async Task<int> RunAsync(FlowSightHostOptions options, int? seconds, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (loggers, logPath) = HostLog.Open("serve");
        using (loggers)
        {
            await output.WriteLineAsync($"FlowSight serve: {string.Join(", ", options.Markets.Select(m => MarketArgument.NameOf(m.Market.Market) + ":" + string.Join(',', m.Market.Symbols)))}; starting...").ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            var (host, exitCode) = await HostConsole.StartAsync(() => FlowSightHost.StartAsync(options, loggers, cancellationToken), options.Server.Urls, "server", logPath, output, error, cancellationToken).ConfigureAwait(false);
            if (host is null)
            {
                return exitCode;
            }

            await using (host.ConfigureAwait(false))
            {
                await output.WriteLineAsync($"  Dashboard  {host.DashboardUrl}").ConfigureAwait(false);
                await output.WriteLineAsync($"  Users      {string.Join(", ", options.Server.Users.Select(u => $"{u.Name} ({u.Role.ToString().ToLowerInvariant()})"))}").ConfigureAwait(false);
                await output.WriteLineAsync($"  Trading    {(options.Accounts.Count == 0 ? "none (read-only: no account configured)" : string.Join(", ", options.Accounts.Select(a => $"{a.Name} on {a.Venue}")))}").ConfigureAwait(false);
                await output.WriteLineAsync($"  Log        {logPath}").ConfigureAwait(false);
                await HostConsole.RunUntilStoppedAsync(seconds, output, cancellationToken).ConfigureAwait(false);
            }

            await output.WriteLineAsync("Stopped.").ConfigureAwait(false);
            return 0;
        }
    }
}
