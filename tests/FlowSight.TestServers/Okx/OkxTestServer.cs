using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowSight.TestServers.Okx;

/// <summary>
/// A local OKX on 127.0.0.1 (Kestrel, port 0 by default) speaking OKX v5's public WebSocket protocol on
/// <c>/ws/v5/public</c> and <c>/ws/v5/business</c> (candles only there, as OKX): <c>op</c> subscribe/unsubscribe
/// with one acknowledgement per argument (echoing the request <c>id</c>), error replies for unknown instruments and
/// channels (<c>60018</c>) and bad requests (<c>60012</c>), the text <c>ping</c> → <c>pong</c>. Data comes from a
/// cryptofeed recording (<see cref="PlayRecordingAsync"/>) and from synthetic <c>books</c> feeds with
/// <c>seqId</c>/<c>prevSeqId</c> and correct checksums (<see cref="OkxSyntheticBook"/>: a snapshot on every
/// subscription, updates on demand). Faults: <see cref="DropNextBookUpdates"/> (a gap),
/// <see cref="CorruptNextChecksum"/>, <see cref="FailNextRequests"/>, <see cref="DropReplies"/>,
/// <see cref="RefuseConnections"/>, and per connection (<see cref="OkxServerConnection"/>) abort, close, silence,
/// unanswered pings, skipped pushes, arbitrary text.
/// <para><b>REST side (for the REST engineer):</b> this class is <c>partial</c>. Implement
/// <see cref="ConfigureRestServices"/> and <see cref="MapRestRoutes"/> in <c>OkxTestServer.Rest.cs</c> to add services
/// and routes to the same host; add settings to the partial <see cref="OkxTestServerOptions"/>. Both are optional.</para>
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never allocates a wait handle; it lives as long as the server.")]
public sealed partial class OkxTestServer : IAsyncDisposable
{
    /// <summary>How long the wait helpers wait before failing.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    private static readonly HashSet<string> PublicChannels = new(StringComparer.Ordinal)
    {
        "books", "books5", "bbo-tbt", "books-l2-tbt", "books50-l2-tbt", "trades", "tickers", "mark-price", "funding-rate", "open-interest",
    };

    private readonly List<OkxServerConnection> _connections = [];
    private readonly Dictionary<string, OkxSyntheticBook> _books = new(StringComparer.Ordinal);
    private readonly HashSet<string> _instIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _dropUpdates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _corrupt = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _feed = new(1, 1);
    private readonly Lock _faults = new();
    private WebApplication? _app;
    private int _refuse;
    private int _failRequests;
    private string _failCode = "60012";
    private int _attempts;

    private OkxTestServer(OkxTestServerOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
        Recording = options.RecordingPath is { } path ? OkxServerRecording.Load(path) : null;
        var seed = options.Seed;
        foreach (var instId in options.SyntheticBooks)
        {
            _books[instId] = new OkxSyntheticBook(instId, seed++);
            _instIds.Add(instId);
        }

        foreach (var instId in Recording?.InstIds ?? [])
        {
            _instIds.Add(instId);
        }
    }

    /// <summary>The settings.</summary>
    public OkxTestServerOptions Options { get; }

    /// <summary>The server's clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The loaded recording, if any.</summary>
    public OkxServerRecording? Recording { get; }

    /// <summary>Pulsed on every change of connections, subscriptions and received messages.</summary>
    public OkxServerSignal Signal { get; } = new();

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c> (REST).</summary>
    public Uri HttpBaseUri { get; private set; } = null!;

    /// <summary><c>ws://127.0.0.1:&lt;port&gt;</c>: the WebSocket base (the client adds <c>/ws/v5/public</c> or <c>/ws/v5/business</c>).</summary>
    public Uri WebSocketBaseUri { get; private set; } = null!;

    /// <summary>Every accepted WebSocket connection, in order (closed ones included).</summary>
    public IReadOnlyList<OkxServerConnection> Connections
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

    /// <summary>Leaves subscribe/unsubscribe requests unanswered (the client's request timeout fires).</summary>
    public bool DropReplies { get; set; }

    /// <summary>Starts a server.</summary>
    public static async Task<OkxTestServer> StartAsync(OkxTestServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new OkxTestServer(options ?? new OkxTestServerOptions());
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

    /// <summary>The synthetic book of <paramref name="instId"/>.</summary>
    public OkxSyntheticBook Book(string instId) => _books[instId];

    /// <summary>The next <paramref name="count"/> WebSocket connection attempts get HTTP 503.</summary>
    public void RefuseConnections(int count)
    {
        lock (_faults)
        {
            _refuse = count;
        }
    }

    /// <summary>The next <paramref name="count"/> requests get an error reply with <paramref name="code"/> instead of being executed.</summary>
    public void FailNextRequests(int count, string code = "60012")
    {
        lock (_faults)
        {
            _failRequests = count;
            _failCode = code;
        }
    }

    /// <summary>The next <paramref name="count"/> updates of <paramref name="instId"/> change the book but reach nobody (a gap).</summary>
    public void DropNextBookUpdates(string instId, int count = 1)
    {
        lock (_faults)
        {
            _dropUpdates[instId] = count;
        }
    }

    /// <summary>The next update of <paramref name="instId"/> carries a wrong checksum.</summary>
    public void CorruptNextChecksum(string instId)
    {
        lock (_faults)
        {
            _corrupt.Add(instId);
        }
    }

    /// <summary>Makes <paramref name="count"/> updates of the synthetic book and pushes them to its subscribers.</summary>
    public async Task PublishBookUpdatesAsync(string instId, int count = 1)
    {
        await _feed.WaitAsync();
        try
        {
            var book = _books[instId];
            for (var i = 0; i < count; i++)
            {
                bool drop;
                bool corrupt;
                lock (_faults)
                {
                    drop = _dropUpdates.TryGetValue(instId, out var left) && left > 0;
                    if (drop)
                    {
                        _dropUpdates[instId] = left - 1;
                    }

                    corrupt = !drop && _corrupt.Remove(instId);
                }

                var update = book.NextUpdate(Time.GetUtcNow(), corrupt);
                if (!drop)
                {
                    await PushLockedAsync("books:" + instId, update);
                }
            }
        }
        finally
        {
            _feed.Release();
        }

        Signal.Pulse();
    }

    /// <summary>Pushes OKX's "no change" message (<c>seqId == prevSeqId</c>) for the synthetic book.</summary>
    public async Task PublishBookHeartbeatAsync(string instId)
    {
        await _feed.WaitAsync();
        try
        {
            await PushLockedAsync("books:" + instId, _books[instId].Heartbeat(Time.GetUtcNow()));
        }
        finally
        {
            _feed.Release();
        }
    }

    /// <summary>Pushes any JSON to the subscribers of <paramref name="topic"/> (<c>channel:instId</c>).</summary>
    public async Task PublishAsync(string topic, string json)
    {
        await _feed.WaitAsync();
        try
        {
            await PushLockedAsync(topic, json);
        }
        finally
        {
            _feed.Release();
        }
    }

    /// <summary>Sends every recorded push, in order, to the connections subscribed to its channel and instrument; returns how many were sent.</summary>
    public async Task<int> PlayRecordingAsync()
    {
        var recording = Recording ?? throw new InvalidOperationException("No recording was loaded.");
        var sent = 0;
        await _feed.WaitAsync();
        try
        {
            foreach (var (topic, json) in recording.Pushes)
            {
                sent += await PushLockedAsync(topic, json) > 0 ? 1 : 0;
            }
        }
        finally
        {
            _feed.Release();
        }

        Signal.Pulse();
        return sent;
    }

    /// <summary>Waits until connection number <paramref name="number"/> (1-based) was accepted.</summary>
    public async Task<OkxServerConnection> WaitForConnectionAsync(int number, TimeSpan? timeout = null)
    {
        await Signal.WaitAsync(() => Connections.Count >= number, timeout ?? DefaultWaitTimeout, $"WebSocket connection {number}");
        return Connections[number - 1];
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking on every server change.</summary>
    public Task WaitAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        Signal.WaitAsync(condition, timeout ?? DefaultWaitTimeout, what);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (the command-line server).</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var connection in Connections)
        {
            connection.Abort();
        }

        if (_app is not null)
        {
            await _app.StopAsync(TimeSpan.FromSeconds(5));
            await _app.DisposeAsync();
        }
    }

    internal async Task HandleRequestAsync(OkxServerConnection connection, string text)
    {
        string? id = null;
        string? op = null;
        var args = new List<(string Channel, string InstId)>();
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            op = root.TryGetProperty("op", out var opElement) && opElement.ValueKind == JsonValueKind.String ? opElement.GetString() : null;
            if (root.TryGetProperty("args", out var argsElement) && argsElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var arg in argsElement.EnumerateArray())
                {
                    args.Add((
                        arg.TryGetProperty("channel", out var c) ? c.GetString() ?? string.Empty : string.Empty,
                        arg.TryGetProperty("instId", out var i) ? i.GetString() ?? string.Empty : string.Empty));
                }
            }
        }
        catch (JsonException)
        {
            op = null;
        }

        if (DropReplies)
        {
            return;
        }

        if (op is not ("subscribe" or "unsubscribe") || args.Count == 0)
        {
            await connection.ReplyAsync(Error(id, "60012", $"Invalid request: {text}", connection));
            return;
        }

        lock (_faults)
        {
            if (_failRequests > 0)
            {
                _failRequests--;
                id ??= string.Empty;
                _ = connection.ReplyAsync(Error(id.Length > 0 ? id : null, _failCode, "Injected failure", connection));
                return;
            }
        }

        foreach (var (channel, instId) in args)
        {
            var known = connection.IsBusiness ? channel.StartsWith("candle", StringComparison.Ordinal) : PublicChannels.Contains(channel);
            if (!known || !_instIds.Contains(instId))
            {
                await connection.ReplyAsync(Error(
                    id,
                    "60018",
                    $"Wrong URL or channel:{channel},instId:{instId} doesn't exist. Please use the correct URL, channel and parameters referring to API document.",
                    connection));
                return;
            }
        }

        await _feed.WaitAsync();
        try
        {
            foreach (var (channel, instId) in args)
            {
                var topic = channel + ":" + instId;
                if (op == "subscribe")
                {
                    connection.AddSubscription(topic);
                }
                else
                {
                    connection.RemoveSubscription(topic);
                }

                var idPart = id is null ? string.Empty : $"\"id\":\"{id}\",";
                await connection.ReplyAsync($"{{{idPart}\"event\":\"{op}\",\"arg\":{{\"channel\":\"{channel}\",\"instId\":\"{instId}\"}},\"connId\":\"{connection.ConnId}\"}}");
                if (op == "subscribe" && channel == "books" && _books.TryGetValue(instId, out var book))
                {
                    await connection.PushAsync(book.Snapshot(Time.GetUtcNow()));
                }
            }
        }
        finally
        {
            _feed.Release();
        }
    }

    /// <summary>REST side: adds services before the host is built.</summary>
    partial void ConfigureRestServices(WebApplicationBuilder builder);

    /// <summary>REST side: maps the REST routes on the host.</summary>
    partial void MapRestRoutes(WebApplication app);

    private static string Error(string? id, string code, string message, OkxServerConnection connection) =>
        $"{{{(id is null ? string.Empty : $"\"id\":\"{id}\",")}\"event\":\"error\",\"code\":\"{code}\",\"msg\":{JsonSerializer.Serialize(message)},\"connId\":\"{connection.ConnId}\"}}";

    private async Task<int> PushLockedAsync(string topic, string json)
    {
        var sent = 0;
        foreach (var connection in Connections)
        {
            if (connection.IsOpen && connection.IsSubscribed(topic))
            {
                await connection.PushAsync(json);
                sent++;
            }
        }

        return sent;
    }

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
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Map("/ws/v5/public", context => AcceptAsync(context, "/ws/v5/public"));
        app.Map("/ws/v5/business", context => AcceptAsync(context, "/ws/v5/business"));
        MapRestRoutes(app);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        HttpBaseUri = new Uri(address);
        WebSocketBaseUri = new UriBuilder(HttpBaseUri) { Scheme = "ws" }.Uri;
    }

    private async Task AcceptAsync(HttpContext context, string path)
    {
        Interlocked.Increment(ref _attempts);
        lock (_faults)
        {
            if (_refuse > 0)
            {
                _refuse--;
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                Signal.Pulse();
                return;
            }
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        OkxServerConnection connection;
        lock (_connections)
        {
            connection = new OkxServerConnection(_connections.Count + 1, this, context, socket, path);
            _connections.Add(connection);
        }

        Signal.Pulse();
        await connection.RunAsync();
    }
}
