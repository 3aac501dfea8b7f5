using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FlowSight.TestServers.Binance;

/// <summary>
/// One client connection to the <see cref="BinanceTestServer"/>'s WebSocket endpoint: its subscriptions, the
/// messages it sent, and the faults a test can inject into it (abort, silence, skipped frames, held frames,
/// arbitrary text). Speaks Binance's live-subscription protocol: <c>SUBSCRIBE</c>, <c>UNSUBSCRIBE</c>,
/// <c>LIST_SUBSCRIPTIONS</c>, <c>SET_PROPERTY</c>/<c>GET_PROPERTY</c> <c>combined</c>, with the documented replies and
/// error objects, and closes the socket (1008) when the client sends more messages per second than the market allows.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never allocates a wait handle; it lives as long as the server.")]
public sealed class WsServerConnection
{
    private readonly BinanceTestServer _server;
    private readonly HttpContext _context;
    private readonly WebSocket _socket;
    private readonly WsFrameSniffer _sniffer;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly List<string> _subscriptions = [];
    private readonly List<WsReceivedMessage> _received = [];
    private readonly Queue<RecordedFrame> _held = new();
    private readonly Queue<long> _recentMessages = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _skip;
    private bool _silent;
    private bool _holding;
    private long _framesSent;

    internal WsServerConnection(int id, BinanceTestServer server, HttpContext context, WebSocket socket, WsFrameSniffer sniffer, string path, string? route, bool combined, IEnumerable<string> initialStreams)
    {
        Id = id;
        _server = server;
        _context = context;
        _socket = socket;
        _sniffer = sniffer;
        Path = path;
        Route = route;
        Combined = combined;
        _subscriptions.AddRange(initialStreams.Distinct(StringComparer.Ordinal));
    }

    /// <summary>The connection's number on its server (1 for the first accepted).</summary>
    public int Id { get; }

    /// <summary>The request path (<c>/stream</c>, <c>/public/ws/btcusdt@depth</c>, ...).</summary>
    public string Path { get; }

    /// <summary>The USDⓈ-M routed path it connected to (<c>public</c>, <c>market</c>), or null.</summary>
    public string? Route { get; }

    /// <summary>True when frames are sent in the combined envelope (<c>/stream</c>, or <c>SET_PROPERTY combined true</c>).</summary>
    public bool Combined { get; private set; }

    /// <summary>True until the socket closes.</summary>
    public bool IsOpen => !_closed.Task.IsCompleted;

    /// <summary>Completes when the socket is gone.</summary>
    public Task Closed => _closed.Task;

    /// <summary>The streams this connection is subscribed to, in subscription order.</summary>
    public IReadOnlyList<string> Subscriptions
    {
        get
        {
            lock (_subscriptions)
            {
                return [.. _subscriptions];
            }
        }
    }

    /// <summary>The text messages the client sent, in order.</summary>
    public IReadOnlyList<WsReceivedMessage> ReceivedMessages
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Stream frames written to the client.</summary>
    public long FramesSent => Volatile.Read(ref _framesSent);

    /// <summary>Ping frames the server sent (see <see cref="BinanceTestServerOptions.PingInterval"/>).</summary>
    public long PingsSent => _sniffer.PingsSent;

    /// <summary>Pong frames the client sent (replies to pings, and unsolicited keep-alives).</summary>
    public long PongsReceived => _sniffer.PongsReceived;

    /// <summary>Frames queued by <see cref="Hold"/>.</summary>
    public int HeldFrames
    {
        get
        {
            lock (_held)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>
    /// True when subscribed to <paramref name="stream"/>. A recording holds its diff depth stream at one speed
    /// (e.g. <c>btcusdt@depth@0ms</c>); a subscription to the same symbol's diff stream at any speed receives it.
    /// </summary>
    public bool IsSubscribed(string stream)
    {
        lock (_subscriptions)
        {
            return _subscriptions.Contains(stream, StringComparer.Ordinal)
                || (DiffDepthKey(stream) is { } key && _subscriptions.Any(s => DiffDepthKey(s) == key));
        }
    }

    // "btcusdt@depth", "btcusdt@depth@100ms" -> "btcusdt@depth"; partial depth ("@depth20") and other streams -> null.
    private static string? DiffDepthKey(string stream)
    {
        var at = stream.IndexOf("@depth", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = stream.AsSpan(at + "@depth".Length);
        return rest.IsEmpty || rest[0] == '@' ? stream[..(at + "@depth".Length)] : null;
    }

    /// <summary>Drops the TCP connection without a close handshake (the client sees the connection lost).</summary>
    public void Abort()
    {
        if (!IsOpen)
        {
            return;
        }

        try
        {
            _context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request ended meanwhile: the connection is gone already.
        }
    }

    /// <summary>Closes with a close frame.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string description = "closed by the test")
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync(status, description, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            // Already gone.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Stops sending stream frames (they are dropped) while keeping the socket open and answering requests.</summary>
    public void GoSilent() => _silent = true;

    /// <summary>Sends stream frames again after <see cref="GoSilent"/>.</summary>
    public void Resume() => _silent = false;

    /// <summary>Drops the next <paramref name="count"/> stream frames meant for this connection (a lost message).</summary>
    public void SkipNextFrames(int count) => Interlocked.Add(ref _skip, count);

    /// <summary>Queues stream frames instead of sending them, until <see cref="ReleaseAsync"/> (this connection lags).</summary>
    public void Hold()
    {
        lock (_held)
        {
            _holding = true;
        }
    }

    /// <summary>Sends the held frames in order and stops holding.</summary>
    public async Task ReleaseAsync()
    {
        while (true)
        {
            RecordedFrame? next;
            lock (_held)
            {
                if (!_held.TryDequeue(out next))
                {
                    _holding = false;
                    return;
                }
            }

            await WriteFrameAsync(next);
        }
    }

    /// <summary>Sends any text now, e.g. a malformed frame.</summary>
    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Waits until subscribed to every one of <paramref name="streams"/>.</summary>
    public Task WaitForSubscriptionsAsync(IEnumerable<string> streams, TimeSpan? timeout = null)
    {
        var wanted = streams.ToArray();
        return _server.Signal.WaitAsync(() => wanted.All(IsSubscribed), timeout ?? BinanceTestServer.DefaultWaitTimeout, $"connection {Id} to subscribe {string.Join(',', wanted)}");
    }

    /// <summary>Waits until the client has sent <paramref name="count"/> messages.</summary>
    public Task WaitForMessagesAsync(int count, TimeSpan? timeout = null) =>
        _server.Signal.WaitAsync(() => ReceivedMessages.Count >= count, timeout ?? BinanceTestServer.DefaultWaitTimeout, $"{count} messages on connection {Id}");

    /// <summary>Waits until the client answered <paramref name="count"/> pongs.</summary>
    public Task WaitForPongsAsync(long count, TimeSpan? timeout = null) =>
        _server.Signal.WaitAsync(() => PongsReceived >= count, timeout ?? BinanceTestServer.DefaultWaitTimeout, $"{count} pongs on connection {Id}");

    /// <inheritdoc />
    public override string ToString() => $"connection {Id} {Path} ({(IsOpen ? "open" : "closed")}, {Subscriptions.Count} streams)";

    /// <summary>Sends a stream frame, honouring silence, skips and holds.</summary>
    internal async Task SendFrameAsync(RecordedFrame frame)
    {
        if (!IsOpen || _silent)
        {
            return;
        }

        if (Volatile.Read(ref _skip) > 0 && Interlocked.Decrement(ref _skip) >= 0)
        {
            return;
        }

        lock (_held)
        {
            if (_holding)
            {
                _held.Enqueue(frame);
                return;
            }
        }

        await WriteFrameAsync(frame);
    }

    /// <summary>Reads the client's messages until the socket closes.</summary>
    internal async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), _context.RequestAborted);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, "bye");
                    break;
                }

                var text = Encoding.UTF8.GetString(buffer, 0, length);
                lock (_received)
                {
                    _received.Add(new WsReceivedMessage(Id, text, _server.Time.GetUtcNow()));
                }

                _server.Signal.Pulse();
                if (!WithinMessageRate())
                {
                    _server.CountRateViolation();
                    await CloseAsync(WebSocketCloseStatus.PolicyViolation, "Too many requests");
                    break;
                }

                await HandleRequestAsync(text);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The client went away or the test aborted the connection.
        }
        finally
        {
            _closed.TrySetResult();
            _server.Signal.Pulse();
        }
    }

    private bool WithinMessageRate()
    {
        var limit = _server.Options.IncomingMessagesPerSecond;
        if (limit <= 0)
        {
            return true;
        }

        var now = _server.Time.GetTimestamp();
        while (_recentMessages.TryPeek(out var oldest) && _server.Time.GetElapsedTime(oldest, now) >= TimeSpan.FromSeconds(1))
        {
            _recentMessages.Dequeue();
        }

        _recentMessages.Enqueue(now);
        return _recentMessages.Count <= limit;
    }

    private async Task HandleRequestAsync(string text)
    {
        string reply;
        string? idJson = null;
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                reply = Error(2, "Invalid request: expected an object", null);
            }
            else
            {
                if (root.TryGetProperty("id", out var id))
                {
                    idJson = id.GetRawText();
                    if (!IsValidId(id))
                    {
                        reply = Error(2, "Invalid request: request ID must be an unsigned integer", null);
                        await ReplyAsync(reply, delay: false);
                        return;
                    }
                }

                reply = _server.TryTakeInjectedFailure(out var code, out var message)
                    ? Error(code, message, idJson)
                    : Handle(root, idJson);
            }
        }
        catch (JsonException ex)
        {
            reply = $"{{\"code\":3,\"msg\":\"Invalid JSON: {JsonEncodedText.Encode(ex.Message)}\"}}";
        }

        await ReplyAsync(reply, delay: true);
    }

    private string Handle(JsonElement root, string? idJson)
    {
        if (!root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
        {
            return Error(2, "Invalid request: missing field `method`", idJson);
        }

        var method = methodElement.GetString();
        var parameters = root.TryGetProperty("params", out var p) ? p : default;
        switch (method)
        {
            case "SUBSCRIBE":
            case "UNSUBSCRIBE":
                if (parameters.ValueKind != JsonValueKind.Array || parameters.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                {
                    return Error(2, "Invalid request: params must be an array of stream names", idJson);
                }

                var streams = parameters.EnumerateArray().Select(e => e.GetString()!).ToList();
                lock (_subscriptions)
                {
                    if (method == "SUBSCRIBE")
                    {
                        var added = streams.Where(s => !_subscriptions.Contains(s, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
                        if (_subscriptions.Count + added.Count > _server.Options.MaxStreamsPerConnection)
                        {
                            return Error(2, $"Invalid request: too many streams (a connection can listen to {_server.Options.MaxStreamsPerConnection})", idJson);
                        }

                        _subscriptions.AddRange(added);
                    }
                    else
                    {
                        _subscriptions.RemoveAll(s => streams.Contains(s, StringComparer.Ordinal));
                    }
                }

                _server.Signal.Pulse();
                return Result("null", idJson);
            case "LIST_SUBSCRIPTIONS":
                return Result(JsonSerializer.Serialize(Subscriptions), idJson);
            case "SET_PROPERTY":
                if (parameters.ValueKind != JsonValueKind.Array || parameters.GetArrayLength() != 2 || parameters[0].ValueKind != JsonValueKind.String)
                {
                    return Error(2, "Invalid request: property name must be a string", idJson);
                }

                if (parameters[0].GetString() != "combined")
                {
                    return Error(0, "Unknown property", idJson);
                }

                if (parameters[1].ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return Error(1, "Invalid value type: expected Boolean", idJson);
                }

                Combined = parameters[1].GetBoolean();
                return Result("null", idJson);
            case "GET_PROPERTY":
                if (parameters.ValueKind != JsonValueKind.Array || parameters.GetArrayLength() != 1 || parameters[0].GetString() != "combined")
                {
                    return Error(0, "Unknown property", idJson);
                }

                return Result(Combined ? "true" : "false", idJson);
            default:
                return Error(2, $"Invalid request: unknown variant `{method}`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`", idJson);
        }
    }

    private static bool IsValidId(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.Number => id.TryGetInt64(out var n) && n >= 0,
        JsonValueKind.String => id.GetString() is { Length: <= 36 } s && s.All(char.IsAsciiLetterOrDigit),
        _ => false,
    };

    private static string Result(string resultJson, string? idJson) => $"{{\"result\":{resultJson},\"id\":{idJson ?? "null"}}}";

    // Binance's error replies come flat ({"code":..,"msg":..}) or nested with the id; the nested form lets clients
    // correlate, so it is used whenever the request had an id.
    private static string Error(int code, string message, string? idJson) => idJson is null
        ? $"{{\"code\":{code},\"msg\":\"{JsonEncodedText.Encode(message)}\"}}"
        : $"{{\"error\":{{\"code\":{code},\"msg\":\"{JsonEncodedText.Encode(message)}\"}},\"id\":{idJson}}}";

    private async Task ReplyAsync(string reply, bool delay)
    {
        if (delay)
        {
            if (_server.DropReplies)
            {
                return;
            }

            if (_server.ReplyDelay > TimeSpan.Zero)
            {
                await Task.Delay(_server.ReplyDelay, _server.Time);
            }
        }

        await SendAsync(Encoding.UTF8.GetBytes(reply));
    }

    private async Task WriteFrameAsync(RecordedFrame frame)
    {
        await SendAsync(Combined ? frame.Json : frame.Data);
        Interlocked.Increment(ref _framesSent);
    }

    private async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
        {
            // The connection is going away; the receive loop notices.
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
