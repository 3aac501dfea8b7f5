using FlowSight.Server.Api;
using FlowSight.Server.Auth;
using FlowSight.Server.Dashboard;
using FlowSight.Server.Health;
using FlowSight.Server.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowSight.Server.Hosting;

/// <summary>
/// The web server inside the <c>flowsight</c> process: REST API with its OpenAPI document, the WebSocket push, health,
/// metrics and the dashboard's files, on Kestrel (127.0.0.1 unless configured otherwise).
/// </summary>
public sealed class FlowSightServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FlowSightServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The application's services (for tests and the host).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts the server.</summary>
    public static async Task<FlowSightServer> StartAsync(ServerContext context, ServerOptions options, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = options.WebRoot ?? DashboardFiles.DefaultWebRoot,
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        if (loggers is not null)
        {
            builder.Services.AddSingleton(loggers);
        }

        builder.Services.AddSingleton(context);
        builder.Services.AddSingleton(context.Replica);
        builder.Services.AddSingleton(options);
        builder.Services.ConfigureHttpJsonOptions(json => ServerJson.Configure(json.SerializerOptions));
        builder.Services.AddOpenApi();
        ServerAuth.AddServices(builder.Services, options);
        StreamEndpoint.AddServices(builder.Services, options);

        var app = builder.Build();
        DashboardFiles.Use(app);
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();
        ServerAuth.MapEndpoints(app);
        StateEndpoints.Map(app);
        TradingEndpoints.Map(app);
        HealthEndpoints.Map(app);
        MetricsEndpoint.Map(app);
        StreamEndpoint.Map(app);
        app.MapOpenApi("/openapi/{documentName}.json");

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FlowSightServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
