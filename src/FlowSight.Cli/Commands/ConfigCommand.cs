using System.CommandLine;
using System.Text.Json;
using FlowSight.Engine.Configuration;

namespace FlowSight.Cli.Commands;

/// <summary><c>flowsight config</c>: prints the effective, validated configuration, or every problem with it.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var file = new Option<string?>("--config") { Description = "Configuration file (default: ./flowsight.json if present)." };
        var command = new Command("config", "Print the effective configuration after defaults, file and environment, validated.") { file };
        command.SetAction(result =>
        {
            try
            {
                var options = FlowSightConfiguration.Load(CliConfiguration.Build(result.GetValue(file)));
                Console.WriteLine(JsonSerializer.Serialize(options, JsonOptions));
                return 0;
            }
            catch (ConfigurationValidationException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        });
        return command;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
