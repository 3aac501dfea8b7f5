using System.Buffers;
using System.Text;
using System.Text.Json;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Okx.Auth;
using FlowSight.PaperVenue.Okx.Rest;
using FlowSight.PaperVenue.Okx.Trading;
using FlowSight.PaperVenue.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlowSight.PaperVenue.Okx.Streams;

/// <summary>
/// OKX's WebSocket URLs: <c>/ws/v5/public</c>, <c>/ws/v5/business</c> and <c>/ws/v5/private</c>. Requests are
/// <c>{"id"?, "op", "args":[…]}</c>: <c>subscribe</c>/<c>unsubscribe</c> (one acknowledgement per argument, errors
/// 60012 invalid request, 60018 unknown channel or instrument, 60011 not logged in), <c>login</c> (60009 and
/// related codes on failure), and on the private URL <c>order</c>, <c>batch-orders</c>, <c>cancel-order</c>,
/// <c>batch-cancel-orders</c>, <c>amend-order</c>, <c>batch-amend-orders</c> answered with the request's <c>id</c> and per-order <c>sCode</c>/<c>sMsg</c>. The text
/// <c>ping</c> gets <c>pong</c>.
/// </summary>
internal sealed class OkxWebSocketEndpoints(
    PaperExchange exchange, OkxPublicFeed publicFeed, OkxPrivateFeed privateFeed, OkxAuthenticator authenticator, OkxOrderEntry entry)
{
    private long _connections;

    /// <summary>Maps the three URLs.</summary>
    public void Map(WebApplication app)
    {
        app.Map("/ws/v5/public", context => AcceptAsync(context, OkxWsEndpointKind.Public));
        app.Map("/ws/v5/business", context => AcceptAsync(context, OkxWsEndpointKind.Business));
        app.Map("/ws/v5/private", context => AcceptAsync(context, OkxWsEndpointKind.Private));
    }

    private async Task AcceptAsync(HttpContext context, OkxWsEndpointKind kind)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await OkxRestPipeline.WriteErrorAsync(context, "60012", "Invalid request: not a WebSocket upgrade", 400).ConfigureAwait(false);
            return;
        }

        var ws = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var socket = new PaperWebSocket(ws, exchange.Options.MaxQueuedMessagesPerConnection, Interlocked.Increment(ref _connections));
        var session = new OkxWsSession(socket, kind);
        socket.State = session;
        try
        {
            await socket.RunAsync((s, message) => OnMessageAsync(session, message), context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await exchange.InvokeAsync(() =>
                {
                    publicFeed.Remove(session);
                    privateFeed.Remove(session);
                }).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The exchange stopped first; nothing left to unsubscribe from.
            }
        }
    }

    private async ValueTask OnMessageAsync(OkxWsSession session, ReadOnlyMemory<byte> message)
    {
        if (message.Span.SequenceEqual("ping"u8))
        {
            session.Socket.TrySend("pong"u8.ToArray());
            return;
        }

        string? id = null;
        string? op = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            session.Socket.TrySend(Error(null, "60012", "Invalid request: " + Encoding.UTF8.GetString(message.Span), session));
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
                op = root.TryGetProperty("op", out var opElement) && opElement.ValueKind == JsonValueKind.String ? opElement.GetString() : null;
            }

            if (op is null || !root.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array || args.GetArrayLength() == 0)
            {
                session.Socket.TrySend(Error(id, "60012", "Invalid request: " + Encoding.UTF8.GetString(message.Span), session));
                return;
            }

            try
            {
                switch (op)
                {
                    case "subscribe" or "unsubscribe":
                        await SubscribeAsync(session, id, op, args).ConfigureAwait(false);
                        break;
                    case "login":
                        Login(session, args[0]);
                        break;
                    case "order" or "batch-orders" or "cancel-order" or "batch-cancel-orders" or "amend-order" or "batch-amend-orders" when session.Kind == OkxWsEndpointKind.Private:
                        await TradeAsync(session, id, op, args).ConfigureAwait(false);
                        break;
                    default:
                        session.Socket.TrySend(Error(id, "60012", "Invalid request: " + Encoding.UTF8.GetString(message.Span), session));
                        break;
                }
            }
            catch (ObjectDisposedException)
            {
                session.Socket.Close(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, "The venue is stopping.");
            }
        }
    }

    private void Login(OkxWsSession session, JsonElement arg)
    {
        try
        {
            var credential = authenticator.Login(Text(arg, "apiKey"), Text(arg, "passphrase"), Text(arg, "timestamp"), Text(arg, "sign"));
            session.Credential = credential;
            session.Socket.TrySend(Encoding.UTF8.GetBytes($"{{\"event\":\"login\",\"code\":\"0\",\"msg\":\"\",\"connId\":\"{session.ConnId}\"}}"));
        }
        catch (OkxApiException ex)
        {
            session.Socket.TrySend(Error(null, ex.Code, ex.Message, session));
        }
    }

    private async Task SubscribeAsync(OkxWsSession session, string? id, string op, JsonElement args)
    {
        var work = new List<(string Channel, PaperMarket? Market, OkxPrivateSubscription? Private, byte[] Ack)>();
        foreach (var arg in args.EnumerateArray())
        {
            var channel = arg.ValueKind == JsonValueKind.Object ? Text(arg, "channel") : null;
            var instId = arg.ValueKind == JsonValueKind.Object ? Text(arg, "instId") : null;
            if (channel is null)
            {
                session.Socket.TrySend(Error(id, "60012", "Invalid request: " + args.GetRawText(), session));
                return;
            }

            if (session.Kind == OkxWsEndpointKind.Private)
            {
                if (!OkxPrivateFeed.Channels.Contains(channel))
                {
                    session.Socket.TrySend(Error(id, "60018", $"Wrong URL or channel:{channel},instId:{instId} doesn't exist. Please use the correct URL, channel and parameters referring to API document.", session));
                    return;
                }

                if (session.Credential is not { } credential)
                {
                    session.Socket.TrySend(Error(id, "60011", "Please log in", session));
                    return;
                }

                if (instId is not null && !exchange.TryGetMarket(instId, out _))
                {
                    session.Socket.TrySend(Error(id, "60018", $"Wrong URL or channel:{channel},instId:{instId} doesn't exist. Please use the correct URL, channel and parameters referring to API document.", session));
                    return;
                }

                var echo = Echo(arg, uid: OkxText.Int(credential.AccountId));
                work.Add((channel, null, new OkxPrivateSubscription(echo, instId), Ack(id, op, Echo(arg, uid: null), session)));
                continue;
            }

            if (!OkxPublicFeed.IsChannel(session.Kind, channel) || instId is null || !exchange.TryGetMarket(instId, out var market))
            {
                session.Socket.TrySend(Error(id, "60018", $"Wrong URL or channel:{channel},instId:{instId} doesn't exist. Please use the correct URL, channel and parameters referring to API document.", session));
                return;
            }

            work.Add((channel, market, null, Ack(id, op, Echo(arg, uid: null), session)));
        }

        var subscribe = op == "subscribe";
        await exchange.InvokeAsync(() =>
        {
            foreach (var (channel, market, subscription, ack) in work)
            {
                if (subscription is not null)
                {
                    if (subscribe)
                    {
                        privateFeed.Subscribe(session, channel, subscription, ack);
                    }
                    else
                    {
                        OkxPrivateFeed.Unsubscribe(session, channel, ack);
                    }
                }
                else if (subscribe)
                {
                    publicFeed.Subscribe(session, channel, market!, ack);
                }
                else
                {
                    publicFeed.Unsubscribe(session, channel, market!, ack);
                }
            }
        }).ConfigureAwait(false);
    }

    private async Task TradeAsync(OkxWsSession session, string? id, string op, JsonElement args)
    {
        var inTime = exchange.WallClockMs * 1000;
        if (session.Credential is not { } credential)
        {
            session.Socket.TrySend(Reply(id, op, "60011", "Please log in", [], inTime));
            return;
        }

        var batch = op.StartsWith("batch", StringComparison.Ordinal);
        if ((!batch && args.GetArrayLength() != 1) || args.GetArrayLength() > 20)
        {
            session.Socket.TrySend(Reply(id, op, "60013", "Invalid args", [], inTime));
            return;
        }

        var items = new List<OkxParameters>();
        foreach (var arg in args.EnumerateArray())
        {
            if (arg.ValueKind != JsonValueKind.Object)
            {
                session.Socket.TrySend(Reply(id, op, "60013", "Invalid args", [], inTime));
                return;
            }

            items.Add(OkxParameters.FromObject(arg.Clone()));
        }

        var account = credential.AccountId;
        Func<OkxParameters, OkxOrderResult> execute = op switch
        {
            "order" or "batch-orders" => p => entry.Place(account, p),
            "amend-order" or "batch-amend-orders" => p => entry.Amend(account, p),
            _ => p => entry.Cancel(account, p),
        };
        var amend = op.Contains("amend", StringComparison.Ordinal);
        await exchange.InvokeAsync(() =>
        {
            privateFeed.Hold(session);
            try
            {
                var results = items.Select(p =>
                {
                    try
                    {
                        return execute(p);
                    }
                    catch (OkxApiException ex)
                    {
                        return new OkxOrderResult(
                            Text(p, "ordId"), Text(p, "clOrdId"), amend ? string.Empty : Text(p, "tag"), ex.Code, ex.Message, exchange.Now / 1_000_000L, amend ? Text(p, "reqId") : null);
                    }
                }).ToList();
                var failed = results.Count(r => !r.Succeeded);
                var code = failed == 0 ? "0" : failed == results.Count ? "1" : "2";
                session.Socket.TrySend(Reply(id, op, code, string.Empty, results, inTime));
            }
            finally
            {
                privateFeed.Release();
            }
        }).ConfigureAwait(false);
    }

    private byte[] Reply(string? id, string op, string code, string msg, IReadOnlyList<OkxOrderResult> results, long inTime)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", id ?? string.Empty);
            json.WriteString("op", op);
            json.WriteStartArray("data");
            foreach (var result in results)
            {
                OkxTradeEndpoints.WriteResult(json, result);
            }

            json.WriteEndArray();
            json.WriteString("code", code);
            json.WriteString("msg", msg);
            json.WriteString("inTime", OkxText.Int(inTime));
            json.WriteString("outTime", OkxText.Int(exchange.WallClockMs * 1000));
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // A parameter echoed in a failed item's answer; a malformed one (an array, an object) is echoed empty.
    private static string Text(OkxParameters p, string name)
    {
        try
        {
            return p.Get(name) ?? string.Empty;
        }
        catch (OkxApiException)
        {
            return string.Empty;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    // The arg as the client sent it (string fields only), plus uid on private pushes.
    private static string Echo(JsonElement arg, string? uid)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var property in arg.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    json.WriteString(property.Name, property.Value.GetString());
                }
            }

            if (uid is not null)
            {
                json.WriteString("uid", uid);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static byte[] Ack(string? id, string op, string argJson, OkxWsSession session) =>
        Encoding.UTF8.GetBytes($"{{{(id is null ? string.Empty : $"\"id\":{JsonSerializer.Serialize(id)},")}\"event\":\"{op}\",\"arg\":{argJson},\"connId\":\"{session.ConnId}\"}}");

    private static byte[] Error(string? id, string code, string message, OkxWsSession session) =>
        Encoding.UTF8.GetBytes($"{{{(id is null ? string.Empty : $"\"id\":{JsonSerializer.Serialize(id)},")}\"event\":\"error\",\"code\":\"{code}\",\"msg\":{JsonSerializer.Serialize(message)},\"connId\":\"{session.ConnId}\"}}");
}
