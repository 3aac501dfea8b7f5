using System.CommandLine;
using FlowSight.Cli.Commands;

namespace FlowSight.Cli;

/// <summary>The <c>flowsight</c> command line: each sub-command lives in Commands/.</summary>
public static class FlowSightCli
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen command; returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("FlowSight: market data, trading engine and risk for Binance, OKX and Gate.io.")
        {
            DemoCommand.Create(),
            ConfigCommand.Create(),
            BookCommand.Create(),
            WatchCommand.Create(),
            SpreadCommand.Create(),
            RecordCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
