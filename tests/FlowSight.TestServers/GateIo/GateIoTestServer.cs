using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowSight.TestServers.GateIo;

/// <summary>
/// A local Gate.io on 127.0.0.1 (Kestrel, port 0 by default) for integration tests: the REST side (this host's
/// <see cref="Rest"/>, in <c>GateIoTestServer.Rest.cs</c>) serves Gate.io v4's public REST API.
/// <para><b>Created by the REST engineer as a minimal host because none existed yet.</b> The WebSocket side (gate
/// engineer) extends it through its own partial file (e.g. <c>GateIoTestServer.Ws.cs</c>): implement
/// <see cref="ConfigureWebSocketServices"/> and <see cref="MapWebSocketRoutes"/> (called before the host starts;
/// <c>app.UseWebSockets()</c> goes there), <see cref="OnDisposing"/> to close connections, and add settings to the
/// partial <see cref="GateIoTestServerOptions"/>. All hooks are optional.</para>
/// </summary>
public sealed partial class GateIoTestServer : IAsyncDisposable
{
    private WebApplication? _app;

    private GateIoTestServer(GateIoTestServerOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
    }

    /// <summary>The settings.</summary>
    public GateIoTestServerOptions Options { get; }

    /// <summary>The server's clock.</summary>
    public TimeProvider Time { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public Uri HttpBaseUri { get; private set; } = null!;

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/api/v4</c>: the REST API root (what <c>GateIoRestOptions.BaseAddress</c> takes).</summary>
    public Uri RestApiRoot => new(HttpBaseUri, "/api/v4");

    /// <summary><c>ws://127.0.0.1:&lt;port&gt;</c>.</summary>
    public Uri WebSocketBaseUri { get; private set; } = null!;

    /// <summary>Starts a server.</summary>
    public static async Task<GateIoTestServer> StartAsync(GateIoTestServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new GateIoTestServer(options ?? new GateIoTestServerOptions());
        try
        {
            await server.StartCoreAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        OnDisposing();
        if (_app is not null)
        {
            await _app.StopAsync(TimeSpan.FromSeconds(5));
            await _app.DisposeAsync();
        }
    }

    /// <summary>WebSocket side: adds services before the host is built.</summary>
    partial void ConfigureWebSocketServices(WebApplicationBuilder builder);

    /// <summary>WebSocket side: maps the WebSocket routes (and <c>UseWebSockets</c>) on the host.</summary>
    partial void MapWebSocketRoutes(WebApplication app);

    /// <summary>WebSocket side: closes its connections when the server is disposed.</summary>
    partial void OnDisposing();

    /// <summary>REST side: maps the REST routes on the host.</summary>
    partial void MapRestRoutes(WebApplication app);

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Options.Port}");
        builder.Logging.ClearProviders();
        if (Options.LogToConsole)
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        }

        ConfigureWebSocketServices(builder);
        var app = builder.Build();
        _app = app;
        MapWebSocketRoutes(app);
        MapRestRoutes(app);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        HttpBaseUri = new Uri(address);
        WebSocketBaseUri = new UriBuilder(HttpBaseUri) { Scheme = "ws" }.Uri;
    }
}
