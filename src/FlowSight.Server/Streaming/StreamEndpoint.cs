using FlowSight.Server.Auth;
using FlowSight.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowSight.Server.Streaming;

/// <summary>The one WebSocket endpoint (<c>/ws</c>): subscriptions, coalesced pushes, slow clients dropped to the latest state.</summary>
internal static class StreamEndpoint
{
    /// <summary>The endpoint's path.</summary>
    public const string Path = "/ws";

    /// <summary>Registers the push's services.</summary>
    public static void AddServices(IServiceCollection services, ServerOptions options)
    {
        var rates = options.Rates;
        foreach (var rate in new[] { rates.BookHz, rates.TradesHz, rates.CandlesHz, rates.OrdersHz, rates.PortfolioHz, rates.EngineHz })
        {
            if (!(rate > 0) || double.IsInfinity(rate))
            {
                throw new ArgumentException($"Every stream rate must be a positive number of pushes per second (got {rate}).", nameof(options));
            }
        }

        services.AddSingleton<StreamHub>();
        services.AddHostedService(provider => provider.GetRequiredService<StreamHub>());
    }

    /// <summary>Maps <c>/ws</c>.</summary>
    public static void Map(WebApplication app)
    {
        // Any logged-in role; the token comes from ?access_token= (browsers can't set headers on a WebSocket).
        app.Map(Path, AcceptAsync).RequireAuthorization(ServerPolicies.Viewer).ExcludeFromDescription();
    }

    private static async Task AcceptAsync(HttpContext context, StreamHub hub, ServerOptions options, ILogger<StreamHub> logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { error = "/ws expects a WebSocket upgrade." }, ServerJson.Options, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!hub.TryReserve())
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsJsonAsync(new { error = $"Too many WebSocket clients ({options.MaxStreamClients} at most)." }, ServerJson.Options, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            var name = $"{context.User.Identity?.Name ?? "anonymous"}@{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
            using var client = new StreamClient(socket, hub.Replica, hub.Payloads, options, name, hub.TickTolerance, logger);
            hub.Add(client);
            try
            {
                await client.RunAsync().ConfigureAwait(false);
            }
            finally
            {
                hub.Remove(client);
            }
        }
        finally
        {
            hub.Release();
        }
    }
}
