using FlowSight.Engine.Configuration;
using Microsoft.Extensions.Configuration;

namespace FlowSight.Cli.Commands;

/// <summary>Layered configuration: defaults, then <c>flowsight.json</c>, then <c>FLOWSIGHT__*</c> environment variables.</summary>
internal static class CliConfiguration
{
    public static IConfiguration Build(string? file)
    {
        var builder = new ConfigurationBuilder();
        var path = file ?? Path.Combine(Environment.CurrentDirectory, "flowsight.json");
        if (file is not null && !File.Exists(path))
        {
            throw new ConfigurationValidationException($"The configuration file '{path}' does not exist.");
        }

        builder.AddJsonFile(path, optional: true, reloadOnChange: false);
        builder.AddEnvironmentVariables("FLOWSIGHT_");
        return builder.Build();
    }
}
