using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowSight.Server.Hosting;

/// <summary>The server's JSON conventions: camelCase, enums as camelCase strings, no nulls omitted.</summary>
public static class ServerJson
{
    /// <summary>Options for code outside ASP.NET's pipeline (the WebSocket push, tests).</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the conventions to <paramref name="options"/>.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
