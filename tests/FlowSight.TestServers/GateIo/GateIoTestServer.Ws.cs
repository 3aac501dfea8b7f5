using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlowSight.TestServers.GateIo;

/// <summary>
/// The WebSocket side of the Gate.io test server: Gate.io v4's protocol on <c>/ws/v4/</c> (spot) and
/// <c>/v4/ws/usdt</c> (USDT futures) — <c>subscribe</c>/<c>unsubscribe</c> replies echoing the request <c>id</c>
/// (<c>{"status":"success"}</c>, or <c>error</c> <c>{"code":2,"message":..}</c> for names the recording does not know,
/// <c>{"code":1,..}</c> for a malformed request), <c>*.ping</c> → <c>*.pong</c> — fed from the cryptofeed recordings:
/// after a subscription is acknowledged, every recorded notification of that channel and name is pushed, in order.
/// Faults: <see cref="DropUpdate"/> (a gap in the <c>U</c>/<c>u</c> chain), and per connection abort, close, unanswered
/// pings, arbitrary text (<see cref="GateIoServerConnection"/>). With <see cref="GateIoTestServerOptions.PaceOrderBookUpdates"/>
/// the book updates are published at the test's pace instead (<see cref="PublishBookUpdatesAsync"/>,
/// <see cref="SkipNextBookUpdates"/>) and REST answers the book the stream has reached (<see cref="BookBody"/>).
/// </summary>
public sealed partial class GateIoTestServer
{
    private readonly List<GateIoServerConnection> _connections = [];
    private readonly HashSet<(bool Futures, string Name, long FirstUpdateId)> _drops = [];
    private readonly Dictionary<(bool Futures, string Name), GateIoPacedBook> _paced = [];
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private int _connectionNumbers;
    private TaskCompletionSource _connectionsChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The spot recording (null without <see cref="GateIoTestServerOptions.WebSocketDataRoot"/>).</summary>
    public GateIoServerRecording? SpotRecording { get; private set; }

    /// <summary>The USDT-futures recording (null without <see cref="GateIoTestServerOptions.WebSocketDataRoot"/>).</summary>
    public GateIoServerRecording? FuturesRecording { get; private set; }

    /// <summary><c>ws://127.0.0.1:port/ws/v4/</c>.</summary>
    public Uri SpotWebSocketUri => new(WebSocketBaseUri, "/ws/v4/");

    /// <summary><c>ws://127.0.0.1:port/v4/ws/usdt</c>.</summary>
    public Uri FuturesWebSocketUri => new(WebSocketBaseUri, "/v4/ws/usdt");

    /// <summary>Every connection so far, in order.</summary>
    public IReadOnlyList<GateIoServerConnection> Connections
    {
        get
        {
            lock (_connections)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>Leaves out the recorded <c>order_book_update</c> of <paramref name="name"/> whose <c>U</c> is <paramref name="firstUpdateId"/> (every time it would be pushed).</summary>
    public void DropUpdate(bool futures, string name, long firstUpdateId)
    {
        lock (_drops)
        {
            _drops.Add((futures, name, firstUpdateId));
        }
    }

    /// <summary>
    /// With <see cref="GateIoTestServerOptions.PaceOrderBookUpdates"/>: publishes the next <paramref name="count"/>
    /// recorded <c>order_book_update</c>s of <paramref name="name"/> to its subscribers of this moment; returns how many
    /// there were (fewer at the end of the recording).
    /// </summary>
    public async Task<int> PublishBookUpdatesAsync(bool futures, string name, int count = 1)
    {
        var book = Paced(futures, name);
        await _publishing.WaitAsync();
        try
        {
            var published = 0;
            for (; published < count; published++)
            {
                GateIoServerRecording.Notification update;
                GateIoServerConnection[] subscribers;
                lock (_paced)
                {
                    if (book.Next >= book.Updates.Count)
                    {
                        break;
                    }

                    update = book.Updates[book.Next++];
                    book.LastUpdateId = update.LastUpdateId;
                    if (book.Skip > 0)
                    {
                        book.Skip--;
                        continue; // the venue's book moved on; the message is lost on the way
                    }

                    subscribers = [.. book.Subscribers.Where(c => c.IsOpen)];
                }

                foreach (var connection in subscribers)
                {
                    await connection.PushAsync(update.Json);
                }
            }

            return published;
        }
        finally
        {
            _publishing.Release();
        }
    }

    /// <summary>With <see cref="GateIoTestServerOptions.PaceOrderBookUpdates"/>: the next <paramref name="count"/> published updates of <paramref name="name"/> reach nobody (a gap).</summary>
    public void SkipNextBookUpdates(bool futures, string name, int count = 1)
    {
        var book = Paced(futures, name);
        lock (_paced)
        {
            book.Skip += count;
        }
    }

    /// <summary>With <see cref="GateIoTestServerOptions.PaceOrderBookUpdates"/>: the <c>u</c> the venue's book of <paramref name="name"/> has reached.</summary>
    public long BookUpdateId(bool futures, string name)
    {
        var book = Paced(futures, name);
        lock (_paced)
        {
            return book.LastUpdateId;
        }
    }

    /// <summary>
    /// With <see cref="GateIoTestServerOptions.PaceOrderBookUpdates"/>: the venue's current book of
    /// <paramref name="name"/> as Gate's <c>order_book?with_id=true</c> body; null for a name the recording has no
    /// snapshot of, or without pacing.
    /// </summary>
    public string? BookBody(bool futures, string name)
    {
        var recording = futures ? FuturesRecording : SpotRecording;
        if (!Options.PaceOrderBookUpdates || recording is null || recording.SnapshotId(name) < 0)
        {
            return null;
        }

        return recording.BookBodyAt(name, BookUpdateId(futures, name));
    }

    /// <summary>Waits until at least <paramref name="count"/> connections arrived.</summary>
    public async Task<GateIoServerConnection> WaitForConnectionAsync(int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_connections)
            {
                if (_connections.Count >= count)
                {
                    return _connections[count - 1];
                }

                changed = _connectionsChanged.Task;
            }

            await changed.WaitAsync(cancel.Token);
        }
    }

    partial void MapWebSocketRoutes(WebApplication app)
    {
        if (Options.WebSocketDataRoot is { } root)
        {
            SpotRecording = GateIoServerRecording.Load(root, futures: false);
            FuturesRecording = GateIoServerRecording.Load(root, futures: true);
        }

        app.UseWebSockets();
        app.Map("/ws/v4/", context => AcceptAsync(context, futures: false));
        app.Map("/v4/ws/usdt", context => AcceptAsync(context, futures: true));
    }

    partial void OnDisposing()
    {
        foreach (var connection in Connections)
        {
            connection.Abort();
        }
    }

    private async Task AcceptAsync(HttpContext context, bool futures)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new GateIoServerConnection(Interlocked.Increment(ref _connectionNumbers), futures, context, socket);
        lock (_connections)
        {
            _connections.Add(connection);
            _connectionsChanged.TrySetResult();
            _connectionsChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        await connection.RunAsync(OnMessageAsync);
    }

    private async Task OnMessageAsync(GateIoServerConnection connection, string text)
    {
        var prefix = connection.IsFutures ? "futures." : "spot.";
        long? id = null;
        string? channel = null;
        string? eventName = null;
        var payload = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number)
            {
                id = idElement.GetInt64();
            }

            channel = root.TryGetProperty("channel", out var c) ? c.GetString() : null;
            eventName = root.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Array)
            {
                payload.AddRange(p.EnumerateArray().Select(x => x.GetString() ?? string.Empty));
            }
        }
        catch (JsonException)
        {
            await connection.SendTextAsync(Reply(id, prefix + "unknown", string.Empty, 1, "invalid request body format"));
            return;
        }

        if (channel == prefix + "ping")
        {
            connection.CountPing();
            if (!connection.IgnorePings)
            {
                await connection.SendTextAsync(Frame(id, prefix + "pong", string.Empty, "null", "null"));
            }

            return;
        }

        if (channel is null || !channel.StartsWith(prefix, StringComparison.Ordinal) || eventName is not ("subscribe" or "unsubscribe"))
        {
            await connection.SendTextAsync(Reply(id, channel ?? string.Empty, eventName ?? string.Empty, 1, "invalid argument struct"));
            return;
        }

        var recording = connection.IsFutures ? FuturesRecording : SpotRecording;
        var names = NamesOf(channel[prefix.Length..], payload);
        var unknown = names.FirstOrDefault(n => recording is null || !recording.Names.Contains(n));
        if (names.Count == 0 || unknown is not null)
        {
            await connection.SendTextAsync(Reply(id, channel, eventName, 2, $"unknown {(connection.IsFutures ? "contract" : "currency pair")} {unknown}"));
            return;
        }

        await connection.SendTextAsync(Frame(id, channel, eventName, "null", "{\"status\":\"success\"}"));
        if (Options.PaceOrderBookUpdates && channel.EndsWith(".order_book_update", StringComparison.Ordinal))
        {
            foreach (var name in names)
            {
                var book = Paced(connection.IsFutures, name);
                lock (_paced)
                {
                    book.Subscribers.Remove(connection);
                    if (eventName == "subscribe")
                    {
                        book.Subscribers.Add(connection);
                    }
                }
            }
        }
        else if (eventName == "subscribe")
        {
            _ = Task.Run(() => PushRecordedAsync(connection, recording!, channel, names));
        }
    }

    private async Task PushRecordedAsync(GateIoServerConnection connection, GateIoServerRecording recording, string channel, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            foreach (var notification in recording.NotificationsOf(channel, name))
            {
                if (!connection.IsOpen)
                {
                    return;
                }

                bool dropped;
                lock (_drops)
                {
                    dropped = notification.FirstUpdateId >= 0 && _drops.Contains((recording.IsFutures, name, notification.FirstUpdateId));
                }

                if (!dropped)
                {
                    await connection.PushAsync(notification.Json);
                }
            }
        }
    }

    private GateIoPacedBook Paced(bool futures, string name)
    {
        var recording = (futures ? FuturesRecording : SpotRecording) ?? throw new InvalidOperationException("No recording was loaded (WebSocketDataRoot).");
        if (!Options.PaceOrderBookUpdates)
        {
            throw new InvalidOperationException("Set GateIoTestServerOptions.PaceOrderBookUpdates to publish book updates at the test's pace.");
        }

        lock (_paced)
        {
            if (!_paced.TryGetValue((futures, name), out var book))
            {
                var channel = (futures ? "futures" : "spot") + ".order_book_update";
                _paced[(futures, name)] = book = new GateIoPacedBook(recording.NotificationsOf(channel, name), recording.SnapshotId(name));
            }

            return book;
        }
    }

    /// <summary>The names a request's payload refers to (candlesticks: interval then name; order books: name then settings).</summary>
    private static List<string> NamesOf(string channel, List<string> payload) => channel switch
    {
        "candlesticks" => payload.Count >= 2 ? [payload[1]] : [],
        "order_book_update" or "order_book" => payload.Count >= 1 ? [payload[0]] : [],
        "trades" or "tickers" or "book_ticker" => payload,
        _ => [],
    };

    private string Frame(long? id, string channel, string eventName, string error, string result)
    {
        var now = Time.GetUtcNow();
        var text = new StringBuilder("{\"time\":").Append(now.ToUnixTimeSeconds()).Append(",\"time_ms\":").Append(now.ToUnixTimeMilliseconds());
        if (id is { } requestId)
        {
            text.Append(",\"id\":").Append(requestId);
        }

        return text.Append(",\"channel\":").Append(JsonSerializer.Serialize(channel)).Append(",\"event\":").Append(JsonSerializer.Serialize(eventName))
            .Append(",\"error\":").Append(error).Append(",\"result\":").Append(result).Append('}').ToString();
    }

    private string Reply(long? id, string channel, string eventName, int code, string message) =>
        Frame(id, channel, eventName, $"{{\"code\":{code},\"message\":{JsonSerializer.Serialize(message)}}}", "null");
}
