using System.Net.Http.Json;
using System.Text.Json;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Hosting;
using FlowSight.Server.Hosting;
using FlowSight.Server.Streaming;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FlowSight.Server.Tests.Streaming;

/// <summary>The real server on 127.0.0.1:0 over a <see cref="TestStateReplica"/> the test drives.</summary>
internal sealed class TestStreamServer : IAsyncDisposable
{
    private readonly EngineLoop _engine;
    private FlowSightServer? _server;

    private TestStreamServer(EngineLoop engine, FlowSightServer server, TestStateReplica replica)
    {
        _engine = engine;
        _server = server;
        Replica = replica;
    }

    public TestStateReplica Replica { get; }

    public Uri BaseAddress => _server!.BaseAddress;

    public StreamHub Hub => _server!.Services.GetRequiredService<StreamHub>();

    /// <summary>The one user, <c>viewer</c> (password <c>viewer</c>): hashed once, PBKDF2 is slow on purpose.</summary>
    private static readonly Lazy<ServerUser> Viewer = new(() =>
    {
        var user = new ServerUser { Name = "viewer", Role = ServerRole.Viewer };
        return user with { PasswordHash = new PasswordHasher<ServerUser>().HashPassword(user, "viewer") };
    });

    private string? _token;

    public static async Task<TestStreamServer> StartAsync(Func<ServerOptions, ServerOptions>? configure = null)
    {
        var replica = new TestStateReplica();
        var engine = new EngineLoop(new FlowSightOptions { WaitStrategy = WaitStrategyKind.Blocking });
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Users = [Viewer.Value] };
        options = configure?.Invoke(options) ?? options;
        var server = await FlowSightServer.StartAsync(new ServerContext { Engine = engine, Replica = replica }, options, cancellationToken: TestContext.Current.CancellationToken);
        return new TestStreamServer(engine, server, replica);
    }

    /// <summary>Connects as the viewer (logged in once per server).</summary>
    public async Task<StreamTestClient> ConnectAsync(bool read = true) => await StreamTestClient.ConnectAsync(BaseAddress, await TokenAsync(), read);

    /// <summary>The viewer's token from <c>POST /api/auth/login</c>.</summary>
    public async Task<string> TokenAsync()
    {
        if (_token is null)
        {
            using var http = new HttpClient { BaseAddress = BaseAddress };
            using var response = await http.PostAsJsonAsync("api/auth/login", new { username = "viewer", password = "viewer" }, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            _token = body.RootElement.GetProperty("token").GetString();
        }

        return _token!;
    }

    /// <summary>Stops the server now (the shutdown test); disposing afterwards is harmless.</summary>
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _engine.Dispose();
    }
}
