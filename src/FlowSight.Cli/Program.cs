using FlowSight.Cli;

return await FlowSightCli.RunAsync(args).ConfigureAwait(false);
