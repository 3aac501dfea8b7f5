using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// Binance's live requests on a stream connection ("Live Subscribing/Unsubscribing to streams"): <c>SUBSCRIBE</c>,
/// <c>UNSUBSCRIBE</c>, <c>LIST_SUBSCRIPTIONS</c>, <c>SET_PROPERTY</c> / <c>GET_PROPERTY</c> <c>combined</c>, each
/// answered <c>{"result":..,"id":..}</c>, or with the documented error object
/// (<c>{"error":{"code":2,"msg":"Invalid request: ..."},"id":..}</c>). Incoming messages beyond the per-second limit
/// (USDⓈ-M 10, spot 5) close the connection, as Binance does.
/// </summary>
internal sealed class BinanceStreamRequests(BinanceMarketStreams market, BinanceUserDataStreams user, Exchange.PaperExchange exchange)
{
    /// <summary>Streams one connection may listen to.</summary>
    public const int MaxStreams = 1024;

    private const string Methods = "expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`";

    /// <summary>Incoming messages a connection may send per second.</summary>
    public int MessagesPerSecond => market.IsFutures ? 10 : 5;

    /// <summary>Subscribes a name: a listen key's user data, or a market stream.</summary>
    public void Subscribe(BinanceStreamConnection connection, string name)
    {
        if (!connection.Subscriptions.Contains(name))
        {
            connection.Subscriptions.Add(name);
        }

        if (connection.Path is BinanceStreamPath.Root or BinanceStreamPath.Private
            && user.Keys.TryGet(name, exchange.WallClockMs, out var key))
        {
            key.Topic.Add(connection.Socket, connection.Combined);
            return;
        }

        market.Subscribe(connection, name);
    }

    /// <summary>Unsubscribes a name.</summary>
    public void Unsubscribe(BinanceStreamConnection connection, string name)
    {
        connection.Subscriptions.Remove(name);
        foreach (var key in user.Keys.All)
        {
            if (string.Equals(key.Key, name, StringComparison.Ordinal))
            {
                key.Topic.Remove(connection.Socket);
            }
        }

        market.Unsubscribe(connection, name);
    }

    /// <summary>Drops every subscription of a closed connection.</summary>
    public void Release(BinanceStreamConnection connection)
    {
        foreach (var name in connection.Subscriptions.ToArray())
        {
            Unsubscribe(connection, name);
        }
    }

    /// <summary>Handles one text message from the client.</summary>
    public ValueTask OnMessageAsync(BinanceStreamConnection connection, ReadOnlyMemory<byte> message)
    {
        if (!connection.CountMessage(exchange.WallClockMs, MessagesPerSecond))
        {
            connection.Socket.Close(WebSocketCloseStatus.PolicyViolation, "Too many messages");
            return ValueTask.CompletedTask;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException ex)
        {
            Error(connection, default, 3, $"Invalid JSON: expected value at line {(ex.LineNumber ?? 0) + 1} column {(ex.BytePositionInLine ?? 0) + 1}");
            return ValueTask.CompletedTask;
        }

        using (document)
        {
            Handle(connection, document.RootElement);
        }

        return ValueTask.CompletedTask;
    }

    private void Handle(BinanceStreamConnection connection, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error(connection, default, 2, "Invalid request: expected an object");
            return;
        }

        root.TryGetProperty("id", out var id);
        if (!ValidId(id))
        {
            Error(connection, default, 2, market.IsFutures
                ? "Invalid request: request ID must be an unsigned integer"
                : "Invalid request: request ID must be an integer, a string of up to 36 characters, or null");
            return;
        }

        if (!root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
        {
            Error(connection, id, 2, "Invalid request: missing field `method`");
            return;
        }

        root.TryGetProperty("params", out var parameters);
        var method = methodElement.GetString();
        switch (method)
        {
            case "SUBSCRIBE":
            case "UNSUBSCRIBE":
                ChangeSubscriptions(connection, id, parameters, method == "SUBSCRIBE");
                break;
            case "LIST_SUBSCRIPTIONS":
                Reply(connection, id, json =>
                {
                    json.WriteStartArray();
                    foreach (var name in connection.Subscriptions)
                    {
                        json.WriteStringValue(name);
                    }

                    json.WriteEndArray();
                });
                break;
            case "SET_PROPERTY":
                SetProperty(connection, id, parameters);
                break;
            case "GET_PROPERTY":
                if (PropertyName(connection, id, parameters) is { } _)
                {
                    Reply(connection, id, json => json.WriteBooleanValue(connection.Combined));
                }

                break;
            default:
                Error(connection, id, 2, $"Invalid request: unknown variant `{method}`, {Methods}");
                break;
        }
    }

    private void ChangeSubscriptions(BinanceStreamConnection connection, JsonElement id, JsonElement parameters, bool subscribe)
    {
        if (parameters.ValueKind != JsonValueKind.Array)
        {
            Error(connection, id, 2, "Invalid request: missing field `params`");
            return;
        }

        var names = new List<string>();
        foreach (var element in parameters.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(element.GetString()))
            {
                Error(connection, id, 2, "Invalid request: stream names must be strings");
                return;
            }

            names.Add(element.GetString()!);
        }

        if (subscribe)
        {
            var added = names.Distinct(StringComparer.Ordinal).Count(n => !connection.Subscriptions.Contains(n));
            if (connection.Subscriptions.Count + added > MaxStreams)
            {
                Error(connection, id, 2, $"Invalid request: too many streams (a connection listens to at most {MaxStreams})");
                return;
            }
        }

        if (subscribe)
        {
            // The answer goes out before the first data of the new streams, which the exchange thread may push as soon
            // as they are registered (clients read the ack first, as Binance sends it).
            Reply(connection, id, json => json.WriteNullValue());
            foreach (var name in names)
            {
                Subscribe(connection, name);
            }

            return;
        }

        foreach (var name in names)
        {
            Unsubscribe(connection, name);
        }

        Reply(connection, id, json => json.WriteNullValue());
    }

    private void SetProperty(BinanceStreamConnection connection, JsonElement id, JsonElement parameters)
    {
        if (PropertyName(connection, id, parameters) is null)
        {
            return;
        }

        if (parameters.GetArrayLength() < 2 || parameters[1].ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(connection, id, 1, "Invalid value type: expected Boolean");
            return;
        }

        var combined = parameters[1].GetBoolean();
        if (combined != connection.Combined)
        {
            connection.Combined = combined;
            foreach (var name in connection.Subscriptions)
            {
                Subscribe(connection, name); // re-adds the socket under its new payload mode
            }
        }

        Reply(connection, id, json => json.WriteNullValue());
    }

    private static string? PropertyName(BinanceStreamConnection connection, JsonElement id, JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Array || parameters.GetArrayLength() == 0 || parameters[0].ValueKind != JsonValueKind.String)
        {
            Error(connection, id, 2, "Invalid request: property name must be a string");
            return null;
        }

        var name = parameters[0].GetString()!;
        if (!string.Equals(name, "combined", StringComparison.Ordinal))
        {
            Error(connection, id, 0, "Unknown property");
            return null;
        }

        return name;
    }

    private bool ValidId(JsonElement id)
    {
        if (market.IsFutures)
        {
            return id.ValueKind == JsonValueKind.Number && id.TryGetUInt64(out _);
        }

        return id.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => true,
            JsonValueKind.Number => id.TryGetInt64(out _),
            JsonValueKind.String => id.GetString()!.Length <= 36,
            _ => false,
        };
    }

    private static void Reply(BinanceStreamConnection connection, JsonElement id, Action<Utf8JsonWriter> result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName("result"u8);
            result(json);
            WriteId(json, id);
            json.WriteEndObject();
        }

        connection.Socket.TrySend(buffer.WrittenMemory.ToArray());
    }

    private static void Error(BinanceStreamConnection connection, JsonElement id, int code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error"u8);
            json.WriteNumber("code"u8, code);
            json.WriteString("msg"u8, message);
            json.WriteEndObject();
            WriteId(json, id);
            json.WriteEndObject();
        }

        connection.Socket.TrySend(buffer.WrittenMemory.ToArray());
    }

    private static void WriteId(Utf8JsonWriter json, JsonElement id)
    {
        json.WritePropertyName("id"u8);
        if (id.ValueKind is JsonValueKind.Number or JsonValueKind.String)
        {
            id.WriteTo(json);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
