using FlowSight.Server.Auth;
using FlowSight.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace FlowSight.Server.Health;

/// <summary>
/// <c>/metrics</c> in Prometheus's text format (OpenMetrics when the scraper asks for it). Anonymous from the loopback
/// address, where the server listens by default and a local Prometheus or agent scrapes; from any other address it
/// needs a bearer token (any role), since the figures include equity and open orders.
/// </summary>
internal static class MetricsEndpoint
{
    /// <summary>Maps it.</summary>
    public static void Map(WebApplication app)
    {
        var metrics = new ServerMetrics(app.Services.GetRequiredService<ServerContext>());
        app.MapGet("/metrics", (HttpContext http, CancellationToken cancellationToken) => ExportAsync(http, metrics.Registry, cancellationToken))
            .RequireAuthorization(ServerPolicies.Metrics)
            .WithTags("health")
            .WithName("Metrics")
            .WithSummary("Prometheus metrics: engine, routes, connections, books, orders, equity, trading state.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .Produces<ErrorBody>(StatusCodes.Status401Unauthorized);
    }

    private static async Task ExportAsync(HttpContext http, CollectorRegistry registry, CancellationToken cancellationToken)
    {
        var openMetrics = http.Request.Headers.Accept.ToString().Contains("application/openmetrics-text", StringComparison.OrdinalIgnoreCase);
        http.Response.ContentType = openMetrics
            ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
            : "text/plain; version=0.0.4; charset=utf-8";
        await registry.CollectAndExportAsTextAsync(http.Response.Body, openMetrics ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText, cancellationToken).ConfigureAwait(false);
    }
}
