using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowSight.TestServers.GateIo;

/// <summary>
/// A local Gate.io v4 private API on 127.0.0.1 (Kestrel, port 0) for trading-adapter tests. REST under
/// <c>/api/v4</c>: every call must carry <c>KEY</c>, <c>Timestamp</c> and <c>SIGN</c> = hex(HMAC-SHA512(secret,
/// METHOD\npath\nquery\nhex(SHA512(body))\nTimestamp)) over the raw request target, else HTTP 401 with
/// <c>{"label":"INVALID_SIGNATURE",…}</c> (or <c>INVALID_KEY</c>, <c>MISSING_REQUIRED_HEADER</c>,
/// <c>REQUEST_EXPIRED</c>). Orders, price-triggered orders (<c>/futures/usdt/price_orders</c>), accounts and positions
/// live in a <see cref="GateIoPrivateExchange"/>. WebSocket
/// at <c>/ws/v4/</c> (spot) and <c>/v4/ws/usdt</c> (futures): <c>*.ping</c> → <c>*.pong</c>; private channels accept a
/// subscription whose <c>auth.SIGN</c> = hex(HMAC-SHA512(secret, "channel=…&amp;event=subscribe&amp;time=…")) and
/// then receive the exchange's updates. Written independently of the client's signer, from Gate's documentation.
/// </summary>
public sealed class GateIoPrivateServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, Subscriber> _subscribers = new();
    private readonly byte[] _secret;
    private WebApplication? _app;
    private long _connectionIds;
    private int _dropAfterNextOrder;
    private int _rateLimitNext;
    private int _rateLimited;
    private int _pings;
    private readonly Lock _pingLock = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _pingWaiters = [];

    private GateIoPrivateServer(GateIoPrivateServerOptions options)
    {
        Options = options;
        _secret = Encoding.UTF8.GetBytes(options.ApiSecret);
        Exchange = new GateIoPrivateExchange(options) { Published = Publish };
    }

    /// <summary>The settings.</summary>
    public GateIoPrivateServerOptions Options { get; }

    /// <summary>The accounts and orders: the truth to compare the client's reports with.</summary>
    public GateIoPrivateExchange Exchange { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/api/v4</c>.</summary>
    public Uri RestApiRoot { get; private set; } = null!;

    /// <summary>The spot private WebSocket.</summary>
    public Uri SpotStreamUri { get; private set; } = null!;

    /// <summary>The USDT futures private WebSocket.</summary>
    public Uri FuturesStreamUri { get; private set; } = null!;

    /// <summary>Requests refused for their signature or key.</summary>
    public int AuthFailures => _authFailures;

    /// <summary>Order placements received (POST), accepted or not.</summary>
    public int OrderPosts => _orderPosts;

    /// <summary>Price-triggered order placements received (POST <c>/futures/usdt/price_orders</c>), accepted or not.</summary>
    public int PriceOrderPosts => _priceOrderPosts;

    /// <summary>WebSocket connections accepted so far.</summary>
    public long Connections => Interlocked.Read(ref _connectionIds);

    /// <summary>Private subscriptions accepted so far.</summary>
    public int Subscriptions => _subscriptions;

    private int _authFailures;
    private int _orderPosts;
    private int _priceOrderPosts;
    private int _subscriptions;

    /// <summary>Starts a server.</summary>
    public static async Task<GateIoPrivateServer> StartAsync(GateIoPrivateServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = new GateIoPrivateServer(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        server._app = app;
        app.UseWebSockets();
        app.Map("/ws/v4/", context => server.AcceptAsync(context, futures: false));
        app.Map("/v4/ws/usdt", context => server.AcceptAsync(context, futures: true));
        app.Map("/api/v4/{**rest}", server.HandleRestAsync);
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server.RestApiRoot = new Uri(address, "/api/v4");
        var ws = new UriBuilder(address) { Scheme = "ws" }.Uri;
        server.SpotStreamUri = new Uri(ws, "/ws/v4/");
        server.FuturesStreamUri = new Uri(ws, "/v4/ws/usdt");
        return server;
    }

    /// <summary>The next order placement is executed, then the connection is dropped before the answer (fate unknown at the client).</summary>
    public void DropConnectionAfterNextOrder() => Interlocked.Exchange(ref _dropAfterNextOrder, 1);

    /// <summary>The next <paramref name="count"/> authenticated REST requests are answered HTTP 429 <c>TOO_MANY_REQUESTS</c> (not executed) with Gate's rate-limit headers, the window resetting now.</summary>
    public void RateLimitNextRequests(int count) => Interlocked.Exchange(ref _rateLimitNext, count);

    /// <summary>Requests answered 429.</summary>
    public int RateLimited => _rateLimited;

    /// <summary>Application pings (<c>*.ping</c>) received.</summary>
    public int Pings => _pings;

    /// <summary>Completes once <paramref name="count"/> pings have been received.</summary>
    public Task WhenPingsAsync(int count)
    {
        lock (_pingLock)
        {
            if (_pings >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _pingWaiters.Add((count, done));
            return done.Task;
        }
    }

    /// <summary>Current WebSocket clients stop receiving anything (no pong, no update), as a half-dead connection would.</summary>
    public void MuteWebSockets()
    {
        foreach (var subscriber in _subscribers.Values)
        {
            subscriber.Muted = true;
        }
    }

    /// <summary>Aborts every private WebSocket (the client must reconnect and re-subscribe).</summary>
    public void DropWebSockets()
    {
        foreach (var subscriber in _subscribers.Values)
        {
            subscriber.Socket.Abort();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        DropWebSockets();
        if (_app is not null)
        {
            await _app.StopAsync(TimeSpan.FromSeconds(5));
            await _app.DisposeAsync();
        }
    }

    /// <summary>Gate's REST signature, computed here independently of any client.</summary>
    public string Sign(string method, string path, string query, ReadOnlySpan<byte> body, string timestamp)
    {
        var bodyHash = Convert.ToHexStringLower(SHA512.HashData(body));
        var payload = $"{method}\n{path}\n{query}\n{bodyHash}\n{timestamp}";
        return Convert.ToHexStringLower(HMACSHA512.HashData(_secret, Encoding.UTF8.GetBytes(payload)));
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task ErrorAsync(HttpContext context, int status, string label, string message) =>
        WriteAsync(context, status, new JsonObject { ["label"] = label, ["message"] = message });

    private async Task HandleRestAsync(HttpContext context)
    {
        var request = context.Request;
        using var memory = new MemoryStream();
        await request.Body.CopyToAsync(memory);
        var body = memory.ToArray();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var q = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? rawTarget : rawTarget[..q];
        var query = q < 0 ? string.Empty : rawTarget[(q + 1)..];
        string key = request.Headers["KEY"].ToString(), timestamp = request.Headers["Timestamp"].ToString(), sign = request.Headers["SIGN"].ToString();
        if (key.Length == 0 || timestamp.Length == 0 || sign.Length == 0)
        {
            Interlocked.Increment(ref _authFailures);
            await ErrorAsync(context, 401, "MISSING_REQUIRED_HEADER", "Missing required header: KEY, Timestamp or SIGN");
            return;
        }

        if (key != Options.ApiKey)
        {
            Interlocked.Increment(ref _authFailures);
            await ErrorAsync(context, 401, "INVALID_KEY", "Invalid key provided");
            return;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds() - seconds) > Options.MaxTimestampSkew.TotalSeconds)
        {
            Interlocked.Increment(ref _authFailures);
            await ErrorAsync(context, 401, "REQUEST_EXPIRED", "Request timestamp is too far from the server time");
            return;
        }

        var expected = Sign(request.Method, path, query, body, timestamp);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(sign)))
        {
            Interlocked.Increment(ref _authFailures);
            await ErrorAsync(context, 401, "INVALID_SIGNATURE", "Signature mismatch");
            return;
        }

        if (Interlocked.Decrement(ref _rateLimitNext) >= 0)
        {
            Interlocked.Increment(ref _rateLimited);
            var now = Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
            context.Response.Headers["X-Gate-RateLimit-Limit"] = "10";
            context.Response.Headers["X-Gate-RateLimit-Requests-Remain"] = "0";
            context.Response.Headers["X-Gate-RateLimit-Reset-Timestamp"] = now.ToString(CultureInfo.InvariantCulture);
            await ErrorAsync(context, 429, "TOO_MANY_REQUESTS", "Request Rate limit Exceeded");
            return;
        }

        Interlocked.Exchange(ref _rateLimitNext, 0);
        try
        {
            var route = path["/api/v4".Length..];
            var result = Route(request.Method, route, request.Query, body, out var isOrderPost);
            if (isOrderPost && Interlocked.Exchange(ref _dropAfterNextOrder, 0) == 1)
            {
                context.Abort();
                return;
            }

            await WriteAsync(context, isOrderPost ? 201 : 200, result);
        }
        catch (GateIoPrivateErrorException error)
        {
            await ErrorAsync(context, error.Status, error.Label, error.Message);
        }
        catch (JsonException ex)
        {
            await ErrorAsync(context, 400, "INVALID_REQUEST_BODY", ex.Message);
        }
    }

    private JsonNode Route(string method, string route, IQueryCollection query, byte[] body, out bool isOrderPost)
    {
        isOrderPost = false;
        string? Q(string name) => query.TryGetValue(name, out var value) ? value.ToString() : null;
        JsonObject Body() => JsonNode.Parse(body) as JsonObject ?? throw new GateIoPrivateErrorException(400, "INVALID_REQUEST_BODY", "body must be a JSON object");
        var segments = route.Trim('/').Split('/');
        var futures = segments[0] == "futures";
        if (futures && (segments.Length < 2 || segments[1] != "usdt"))
        {
            throw new GateIoPrivateErrorException(400, "INVALID_PARAM_VALUE", "only usdt settle is served");
        }

        var rest = futures ? segments[2..] : segments[1..];
        var name = futures ? Q("contract") : Q("currency_pair");
        switch (method, rest.Length > 0 ? rest[0] : string.Empty, rest.Length)
        {
            case ("POST", "orders", 1):
                Interlocked.Increment(ref _orderPosts);
                var placed = Exchange.Place(futures, Body());
                isOrderPost = true;
                return placed;
            case ("GET", "orders", 2):
                return Exchange.Json(Exchange.Find(Uri.UnescapeDataString(rest[1]), futures ? null : RequireName(name)));
            case ("DELETE", "orders", 2):
                return Exchange.Cancel(Uri.UnescapeDataString(rest[1]), futures ? null : RequireName(name));
            case ("PATCH", "orders", 2) when !futures:
                var patch = Body();
                return Exchange.Amend(Uri.UnescapeDataString(rest[1]), name ?? (string?)patch["currency_pair"], patch);
            case ("PUT", "orders", 2) when futures:
                return Exchange.Amend(Uri.UnescapeDataString(rest[1]), null, Body());
            case ("DELETE", "orders", 1):
                return Exchange.CancelAll(RequireName(name), Q("side"));
            case ("GET", "orders", 1) when futures:
                if (Q("status") is not ("open" or "finished"))
                {
                    throw new GateIoPrivateErrorException(400, "MISSING_REQUIRED_PARAM", "status is required");
                }

                var list = new JsonArray();
                foreach (var order in Q("status") == "open" ? Exchange.OpenOrders(futures: true) : Exchange.Orders.Where(o => o.Market.IsFutures && !o.IsOpen).ToList())
                {
                    if (name is null || order.Market.Name == name)
                    {
                        list.Add(Exchange.Json(order));
                    }
                }

                return list;
            case ("POST", "price_orders", 1) when futures:
                Interlocked.Increment(ref _priceOrderPosts);
                var auto = Exchange.PlacePriceOrder(Body());
                isOrderPost = true;
                return auto;
            case ("GET", "price_orders", 1) when futures:
                if (Q("status") is not ("open" or "finished"))
                {
                    throw new GateIoPrivateErrorException(400, "MISSING_REQUIRED_PARAM", "status is required");
                }

                return Exchange.PriceOrdersJson(
                    Q("status")!,
                    name,
                    int.TryParse(Q("limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : 100,
                    int.TryParse(Q("offset"), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0);
            case ("GET", "price_orders", 2) when futures:
                return Exchange.PriceOrderJson(Uri.UnescapeDataString(rest[1]));
            case ("DELETE", "price_orders", 2) when futures:
                return Exchange.CancelPriceOrder(Uri.UnescapeDataString(rest[1]));
            case ("DELETE", "price_orders", 1) when futures:
                return Exchange.CancelPriceOrders(RequireName(name));
            case ("GET", "open_orders", 1) when !futures:
                var groups = new JsonArray();
                foreach (var group in Exchange.OpenOrders(futures: false).GroupBy(o => o.Market.Name))
                {
                    var orders = new JsonArray();
                    foreach (var order in group)
                    {
                        orders.Add(Exchange.Json(order));
                    }

                    groups.Add(new JsonObject { ["currency_pair"] = group.Key, ["total"] = orders.Count, ["orders"] = orders });
                }

                return groups;
            case ("GET", "my_trades", 1):
                var from = long.TryParse(Q("from"), NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : 0;
                return Exchange.TradesJson(futures, name, from);
            case ("GET", "accounts", 1):
                return futures ? Exchange.FuturesAccountJson() : Exchange.SpotAccountsJson();
            case ("GET", "positions", 1) when futures:
                return Exchange.PositionsJson();
            default:
                throw new GateIoPrivateErrorException(404, "NOT_FOUND", $"{method} {route} is not served");
        }
    }

    private static string RequireName(string? name) =>
        name ?? throw new GateIoPrivateErrorException(400, "MISSING_REQUIRED_PARAM", "currency_pair / contract is required");

    private async Task AcceptAsync(HttpContext context, bool futures)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var id = Interlocked.Increment(ref _connectionIds);
        var subscriber = new Subscriber(socket, futures);
        _subscribers[id] = subscriber;
        var writer = Task.Run(() => subscriber.WriteLoopAsync());
        try
        {
            var buffer = new byte[64 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                OnClientMessage(subscriber, message.ToArray());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            _subscribers.TryRemove(id, out _);
            subscriber.Outbox.Writer.TryComplete();
            await writer;
        }
    }

    private void OnClientMessage(Subscriber subscriber, byte[] message)
    {
        var now = Options.TimeProvider.GetUtcNow();
        var request = JsonNode.Parse(message) as JsonObject;
        var channel = (string?)request?["channel"] ?? string.Empty;
        var prefix = subscriber.Futures ? "futures." : "spot.";
        var reply = new JsonObject { ["time"] = now.ToUnixTimeSeconds(), ["time_ms"] = now.ToUnixTimeMilliseconds() };
        if (request?["id"] is { } requestId)
        {
            reply["id"] = requestId.DeepClone();
        }

        if (channel == prefix + "ping")
        {
            lock (_pingLock)
            {
                _pings++;
                for (var i = _pingWaiters.Count - 1; i >= 0; i--)
                {
                    if (_pings >= _pingWaiters[i].Count)
                    {
                        _pingWaiters[i].Done.TrySetResult();
                        _pingWaiters.RemoveAt(i);
                    }
                }
            }

            reply["channel"] = prefix + "pong";
            reply["event"] = string.Empty;
            reply["result"] = null;
            subscriber.Send(reply);
            return;
        }

        var evt = (string?)request?["event"];
        reply["channel"] = channel;
        reply["event"] = evt;
        if (evt != "subscribe" || !channel.StartsWith(prefix, StringComparison.Ordinal))
        {
            reply["error"] = new JsonObject { ["code"] = 1, ["message"] = "invalid request" };
            reply["result"] = new JsonObject { ["status"] = "failed" };
            subscriber.Send(reply);
            return;
        }

        var auth = request!["auth"] as JsonObject;
        var time = (long?)request["time"] ?? 0;
        var expected = Convert.ToHexStringLower(HMACSHA512.HashData(_secret, Encoding.UTF8.GetBytes($"channel={channel}&event={evt}&time={time}")));
        var payload = request["payload"] as JsonArray;
        string? error = null;
        if ((string?)auth?["method"] != "api_key" || (string?)auth["KEY"] != Options.ApiKey || (string?)auth["SIGN"] != expected)
        {
            error = "Signature check failed";
        }
        else if (Math.Abs(now.ToUnixTimeSeconds() - time) > Options.MaxTimestampSkew.TotalSeconds)
        {
            error = "Request expired";
        }
        else if (subscriber.Futures && channel != "futures.ping" && (string?)payload?[0] != Options.UserId)
        {
            error = "user id in payload does not match the key's user";
        }

        if (error is not null)
        {
            Interlocked.Increment(ref _authFailures);
            reply["error"] = new JsonObject { ["code"] = 4, ["message"] = error };
            reply["result"] = new JsonObject { ["status"] = "failed" };
            subscriber.Send(reply);
            return;
        }

        subscriber.Channels[channel] = true;
        Interlocked.Increment(ref _subscriptions);
        reply["result"] = new JsonObject { ["status"] = "success" };
        subscriber.Send(reply);
    }

    private void Publish(string channel, JsonObject item)
    {
        var now = Options.TimeProvider.GetUtcNow();
        foreach (var subscriber in _subscribers.Values)
        {
            if (subscriber.Channels.ContainsKey(channel))
            {
                subscriber.Send(new JsonObject
                {
                    ["time"] = now.ToUnixTimeSeconds(),
                    ["time_ms"] = now.ToUnixTimeMilliseconds(),
                    ["channel"] = channel,
                    ["event"] = "update",
                    ["result"] = new JsonArray(item.DeepClone()),
                });
            }
        }
    }

    /// <summary>One WebSocket client: its subscriptions and an ordered outbox.</summary>
    private sealed class Subscriber(WebSocket socket, bool futures)
    {
        public WebSocket Socket { get; } = socket;

        public bool Futures { get; } = futures;

        public ConcurrentDictionary<string, bool> Channels { get; } = new(StringComparer.Ordinal);

        public Channel<byte[]> Outbox { get; } = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

        public bool Muted { get; set; }

        public void Send(JsonNode message)
        {
            if (!Muted)
            {
                Outbox.Writer.TryWrite(Encoding.UTF8.GetBytes(message.ToJsonString()));
            }
        }

        public async Task WriteLoopAsync()
        {
            try
            {
                await foreach (var message in Outbox.Reader.ReadAllAsync())
                {
                    await Socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }
}
