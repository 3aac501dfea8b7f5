using FlowSight.Engine.Configuration;
using FlowSight.Venues.Network;

namespace FlowSight.Cli.Commands;

/// <summary>Applies the configuration's connection settings (seed 000's reconnect limit) to every venue connection.</summary>
internal static class ConnectionSettings
{
    /// <summary>
    /// Loads the layered configuration and returns a connection adjuster: after <see cref="FlowSightOptions.MaxReconnectAttempts"/>
    /// consecutive failures a connection gives up (0 = never).
    /// </summary>
    public static Func<WebSocketConnectionOptions, WebSocketConnectionOptions> FromConfiguration(string? file = null)
    {
        var options = FlowSightConfiguration.Load(CliConfiguration.Build(file));
        return connection => connection with { Backoff = connection.Backoff with { MaxAttempts = options.MaxReconnectAttempts } };
    }
}
