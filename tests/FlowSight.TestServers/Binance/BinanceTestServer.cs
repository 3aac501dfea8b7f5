using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowSight.TestServers.Binance;

/// <summary>
/// A local Binance on 127.0.0.1 (Kestrel, port 0 by default) for integration tests and for pointing
/// <c>flowsight watch --endpoint</c> at: it serves Binance's WebSocket market-stream protocol fed from a recording,
/// with fault injection, and (added by the REST side) Binance's REST API on the same host and port.
/// <para>WebSocket paths (optionally under the USDⓈ-M routes <c>/public</c> and <c>/market</c>, which serve every stream):
/// <c>/ws/&lt;stream&gt;[/&lt;stream&gt;…]</c> (raw payloads), <c>/stream?streams=a/b/c</c> and bare <c>/stream</c>
/// (combined envelope), live <c>SUBSCRIBE</c>/<c>UNSUBSCRIBE</c>/<c>LIST_SUBSCRIPTIONS</c> with Binance's replies.</para>
/// <para>Faults: <see cref="RefuseConnections"/>, <see cref="FailNextRequests"/>, <see cref="ReplyDelay"/>,
/// <see cref="DropReplies"/>, <see cref="WsFeed.SkipNext"/>, and per connection (<see cref="WsServerConnection"/>)
/// abort, silence, skipped or held frames, arbitrary (malformed) text; server pings with
/// <see cref="BinanceTestServerOptions.PingInterval"/>.</para>
/// <para><b>REST side (for the REST engineer):</b> this class is <c>partial</c>. Implement
/// <see cref="ConfigureRestServices"/> and <see cref="MapRestRoutes"/> in your own file (e.g.
/// <c>BinanceTestServer.Rest.cs</c>) to add services and routes to the same host; add settings to the partial
/// <see cref="BinanceTestServerOptions"/>. Useful members: <see cref="Options"/> (market), <see cref="Time"/>,
/// <see cref="Recording"/> (REST lines such as the depth snapshot have <see cref="RecordedFrame.IsRestResponse"/>), and
/// <see cref="WsFeed.FramePublished"/> to follow the stream position. Both partial methods are optional.</para>
/// </summary>
public sealed partial class BinanceTestServer : IAsyncDisposable
{
    /// <summary>How long the wait helpers wait before failing.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly List<WsServerConnection> _connections = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _faults = new();
    private WebApplication? _app;
    private Task _pacing = Task.CompletedTask;
    private int _refuse;
    private int _refuseStatus;
    private int _failRequests;
    private int _failCode;
    private string _failMessage = string.Empty;
    private int _attempts;
    private long _rateViolations;

    private BinanceTestServer(BinanceTestServerOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
        Recording = options.RecordingPath is { } path ? BinanceRecording.Load(path, options.MaxRecordingLines) : null;
        Feed = new WsFeed(this, Recording);
    }

    /// <summary>The settings.</summary>
    public BinanceTestServerOptions Options { get; }

    /// <summary>The server's clock (pacing, reply delays, message-rate check).</summary>
    public TimeProvider Time { get; }

    /// <summary>The loaded recording, if any.</summary>
    public BinanceRecording? Recording { get; }

    /// <summary>Publishes stream frames to the subscribed connections.</summary>
    public WsFeed Feed { get; }

    /// <summary>Pulsed on every change of connections, subscriptions and received messages; tests wait on it.</summary>
    public WsSignal Signal { get; } = new();

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c> (REST).</summary>
    public Uri HttpBaseUri { get; private set; } = null!;

    /// <summary><c>ws://127.0.0.1:&lt;port&gt;</c> (streams).</summary>
    public Uri WebSocketBaseUri { get; private set; } = null!;

    /// <summary>Every accepted WebSocket connection, in order (closed ones included).</summary>
    public IReadOnlyList<WsServerConnection> Connections
    {
        get
        {
            lock (_connections)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>WebSocket connection attempts, refused ones included.</summary>
    public int ConnectionAttempts => Volatile.Read(ref _attempts);

    /// <summary>Connections closed for sending too many messages per second.</summary>
    public long RateViolations => Volatile.Read(ref _rateViolations);

    /// <summary>Delays every reply to a request by this much on <see cref="Time"/>.</summary>
    public TimeSpan ReplyDelay { get; set; }

    /// <summary>Leaves requests unanswered (the client's request timeout fires).</summary>
    public bool DropReplies { get; set; }

    /// <summary>Starts a server.</summary>
    public static async Task<BinanceTestServer> StartAsync(BinanceTestServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new BinanceTestServer(options ?? new BinanceTestServerOptions());
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

    /// <summary>The next <paramref name="count"/> WebSocket connection attempts get HTTP <paramref name="statusCode"/> (0: the TCP connection is dropped).</summary>
    public void RefuseConnections(int count, int statusCode = StatusCodes.Status503ServiceUnavailable)
    {
        lock (_faults)
        {
            _refuse = count;
            _refuseStatus = statusCode;
        }
    }

    /// <summary>The next <paramref name="count"/> requests get an error reply instead of being executed.</summary>
    public void FailNextRequests(int count, int code = 2, string message = "Invalid request: injected failure")
    {
        lock (_faults)
        {
            _failRequests = count;
            _failCode = code;
            _failMessage = message;
        }
    }

    /// <summary>Waits until connection number <paramref name="number"/> (1-based) was accepted.</summary>
    public async Task<WsServerConnection> WaitForConnectionAsync(int number, TimeSpan? timeout = null)
    {
        await Signal.WaitAsync(() => Connections.Count >= number, timeout ?? DefaultWaitTimeout, $"WebSocket connection {number}");
        return Connections[number - 1];
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking on every server change.</summary>
    public Task WaitAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        Signal.WaitAsync(condition, timeout ?? DefaultWaitTimeout, what);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled or the host is asked to stop (SIGTERM): the command-line server.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _app?.Lifetime.ApplicationStopping ?? CancellationToken.None);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _pacing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var connection in Connections)
        {
            connection.Abort();
        }

        if (_app is not null)
        {
            await _app.StopAsync(TimeSpan.FromSeconds(5));
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    internal bool TryTakeInjectedFailure(out int code, out string message)
    {
        lock (_faults)
        {
            code = _failCode;
            message = _failMessage;
            if (_failRequests <= 0)
            {
                return false;
            }

            _failRequests--;
            return true;
        }
    }

    internal void CountRateViolation() => Interlocked.Increment(ref _rateViolations);

    /// <summary>REST side: adds services before the host is built.</summary>
    partial void ConfigureRestServices(WebApplicationBuilder builder);

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

        ConfigureRestServices(builder);
        var app = builder.Build();
        _app = app;
        foreach (var prefix in (string[])["", "/public", "/market"])
        {
            app.Map(prefix + "/ws/{**streams}", context => AcceptAsync(context, prefix, combined: false));
            app.Map(prefix + "/stream", context => AcceptAsync(context, prefix, combined: true));
        }

        MapRestRoutes(app);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        HttpBaseUri = new Uri(address);
        WebSocketBaseUri = new UriBuilder(HttpBaseUri) { Scheme = "ws" }.Uri;
        _pacing = Task.Run(() => Feed.RunAsync(Options.Pacing, Options.Speed, Options.Loop, _stopping.Token), CancellationToken.None);
    }

    private async Task AcceptAsync(HttpContext context, string prefix, bool combined)
    {
        Interlocked.Increment(ref _attempts);
        int refuseStatus;
        lock (_faults)
        {
            refuseStatus = _refuse > 0 ? _refuseStatus : -1;
            if (_refuse > 0)
            {
                _refuse--;
            }
        }

        if (refuseStatus >= 0)
        {
            Signal.Pulse();
            if (refuseStatus == 0)
            {
                context.Abort();
            }
            else
            {
                context.Response.StatusCode = refuseStatus;
            }

            return;
        }

        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var key = context.Request.Headers.SecWebSocketKey.ToString();
        if (upgrade is not { IsUpgradableRequest: true } || key.Length == 0
            || !string.Equals(context.Request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("Expected a WebSocket upgrade.");
            return;
        }

        var streams = combined
            ? (context.Request.Query["streams"].ToString() is { Length: > 0 } query ? query.Split('/', StringSplitOptions.RemoveEmptyEntries) : [])
            : (context.Request.RouteValues["streams"] as string ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);

        // The handshake is done here rather than by the WebSocket middleware so the upgraded stream can be wrapped
        // to observe ping and pong frames. SHA-1 is what RFC 6455 prescribes for Sec-WebSocket-Accept.
#pragma warning disable CA5350
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
#pragma warning restore CA5350
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept = accept;
        var stream = await upgrade.UpgradeAsync();
        var sniffer = new WsFrameSniffer(stream, Signal.Pulse);
        using var socket = WebSocket.CreateFromStream(sniffer, new WebSocketCreationOptions
        {
            IsServer = true,
            KeepAliveInterval = Options.PingInterval ?? TimeSpan.Zero,
            KeepAliveTimeout = Options.PingInterval is null ? Timeout.InfiniteTimeSpan : Options.PongTimeout,
        });

        WsServerConnection connection;
        lock (_connections)
        {
            connection = new WsServerConnection(_connections.Count + 1, this, context, socket, sniffer, context.Request.Path, prefix.Length > 0 ? prefix[1..] : null, combined, streams);
            _connections.Add(connection);
        }

        Signal.Pulse();
        await connection.RunAsync();
    }
}
