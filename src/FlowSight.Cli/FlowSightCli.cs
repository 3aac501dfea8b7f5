using System.CommandLine;
using FlowSight.Cli.Commands;

namespace FlowSight.Cli;

/// <summary>The <c>flowsight</c> command line: each sub-command lives in Commands/.</summary>
public static class FlowSightCli
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen command; returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args) =>
        // demo and serve stop a server, a trading node, feeds and venues on Ctrl+C: give them more than the default 2 s.
        RunAsync(args, new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) }, CancellationToken.None);

    /// <summary>As <see cref="RunAsync(string[])"/>, printing to <paramref name="configuration"/>'s writers (tests).</summary>
    internal static async Task<int> RunAsync(string[] args, InvocationConfiguration configuration, CancellationToken cancellationToken)
    {
        var root = new RootCommand("FlowSight: market data, trading engine and risk for Binance, OKX and Gate.io.")
        {
            DemoCommand.Create(),
            ServeCommand.Create(),
            UserCommand.Create(),
            ConfigCommand.Create(),
            BookCommand.Create(),
            WatchCommand.Create(),
            SpreadCommand.Create(),
            RecordCommand.Create(),
            SimCommand.Create(),
            OrderCommand.Create(),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.CommandResult.Command.Name == "sim")
        {
            // sim's contract: any argument error is exit code 2 with a message, like its own checks.
            foreach (var error in parsed.Errors)
            {
                await configuration.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            return 2;
        }

        return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
