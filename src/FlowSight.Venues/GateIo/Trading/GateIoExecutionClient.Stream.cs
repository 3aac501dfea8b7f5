using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using FlowSight.Core;
using Microsoft.Extensions.Logging;

namespace FlowSight.Venues.GateIo.Trading;

/// <summary>The private WebSocket: signed subscriptions, application ping, reconnect with re-subscription, and report dispatch.</summary>
public sealed partial class GateIoExecutionClient
{
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _pendingSubscriptions = new();
    private TaskCompletionSource _firstConnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClientWebSocket? _socket;
    private Task? _supervisor;
    private volatile bool _connected;
    private int _started;
    private long _requestIds;
    private long _lastReceivedTicks;

    /// <inheritdoc />
    public bool IsConnected => _connected;

    /// <summary>
    /// Connects the private WebSocket, sends the signed subscriptions of the market's channels and returns once Gate
    /// has confirmed them all; from then on the client keeps the connection alive and reconnects (re-subscribing,
    /// then reporting <see cref="ExecutionConnectionChanged.Reconnected"/>) until disposed.
    /// </summary>
    public async Task ConnectAsync(IExecutionReportSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _supervisor = Task.Run(() => SuperviseAsync(_disposed.Token), CancellationToken.None);
        }

        await _firstConnected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private string Prefix => IsSpot ? "spot" : "futures";

    private async Task StopStreamAsync()
    {
        _socket?.Abort();
        if (_supervisor is { } supervisor)
        {
            try
            {
                await supervisor.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _sendGate.Dispose();
    }

    private async Task SuperviseAsync(CancellationToken token)
    {
        var random = _options.RandomSeed is { } seed ? new Random(seed) : new Random();
        var failures = 0;
        var everConnected = false;
        while (!token.IsCancellationRequested)
        {
            string reason;
            var socket = new ClientWebSocket();
            using var session = CancellationTokenSource.CreateLinkedTokenSource(token);
            try
            {
                using (var handshake = new CancellationTokenSource(_options.HandshakeTimeout, _time))
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(token, handshake.Token))
                {
                    await socket.ConnectAsync(_options.StreamUri, linked.Token).ConfigureAwait(false);
                }

                _socket = socket;
                Interlocked.Exchange(ref _lastReceivedTicks, _time.GetUtcNow().UtcTicks);
                var receiving = ReceiveLoopAsync(socket, session.Token);
                await SubscribeAsync(socket, token).ConfigureAwait(false);
                failures = 0;
                _connected = true;
                Sink.OnConnectionChanged(new ExecutionConnectionChanged
                {
                    Venue = Venue,
                    Account = Account,
                    Connected = true,
                    Reconnected = everConnected,
                    Reason = everConnected ? "reconnected and re-subscribed; reconcile" : "connected and subscribed",
                    Timestamp = UnixNanos.Now(_time),
                });
                everConnected = true;
                _firstConnected.TrySetResult();
                var heartbeat = HeartbeatAsync(socket, session.Token);
                reason = await receiving.ConfigureAwait(false);
                await session.CancelAsync().ConfigureAwait(false);
                await heartbeat.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException or TimeoutException or IOException or ObjectDisposedException or System.Net.Http.HttpRequestException)
            {
                reason = token.IsCancellationRequested ? "disposed" : ex.Message;
                failures++;
                await session.CancelAsync().ConfigureAwait(false);
            }
            finally
            {
                socket.Abort();
                socket.Dispose();
                foreach (var pending in _pendingSubscriptions.Values)
                {
                    pending.TrySetCanceled(CancellationToken.None);
                }

                _pendingSubscriptions.Clear();
            }

            if (_connected)
            {
                _connected = false;
                Sink.OnConnectionChanged(new ExecutionConnectionChanged { Venue = Venue, Account = Account, Connected = false, Reason = reason, Timestamp = UnixNanos.Now(_time) });
            }

            if (token.IsCancellationRequested)
            {
                break;
            }

            _logger.LogWarning("Gate.io {Account}: private WebSocket lost ({Reason}); reconnecting", Account, reason);
            try
            {
                await Task.Delay(_options.Reconnect.GetDelay(Math.Max(1, failures), random), _time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _firstConnected.TrySetCanceled(CancellationToken.None);
    }

    private async Task SubscribeAsync(ClientWebSocket socket, CancellationToken token)
    {
        var uid = _options.UserId ?? string.Empty;
        (string Channel, string[]? Payload)[] channels = IsSpot
            ? [("spot.orders", ["!all"]), ("spot.usertrades", ["!all"]), ("spot.balances", null)]
            : [("futures.orders", [uid, "!all"]), ("futures.usertrades", [uid, "!all"]), ("futures.positions", [uid, "!all"]), ("futures.balances", [uid]), ("futures.autoorders", [uid, "!all"])];
        var waits = new List<Task>(channels.Length);
        foreach (var (channel, payload) in channels)
        {
            var id = Interlocked.Increment(ref _requestIds);
            var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _pendingSubscriptions[id] = acknowledged;
            waits.Add(acknowledged.Task);
            var time = _time.GetUtcNow().ToUnixTimeSeconds();
            var message = Json(writer =>
            {
                writer.WriteNumber("time", time);
                writer.WriteNumber("id", id);
                writer.WriteString("channel", channel);
                writer.WriteString("event", "subscribe");
                if (payload is not null)
                {
                    writer.WriteStartArray("payload");
                    foreach (var item in payload)
                    {
                        writer.WriteStringValue(item);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteStartObject("auth");
                writer.WriteString("method", "api_key");
                writer.WriteString("KEY", _options.ApiKey);
                writer.WriteString("SIGN", _signer.SignChannel(channel, "subscribe", time));
                writer.WriteEndObject();
            });
            await SendTextAsync(socket, message, token).ConfigureAwait(false);
        }

        await Task.WhenAll(waits).WaitAsync(_options.HandshakeTimeout, _time, token).ConfigureAwait(false);
    }

    private async Task HeartbeatAsync(ClientWebSocket socket, CancellationToken token)
    {
        var ping = Prefix + ".ping";
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(_options.PingInterval, _time, token).ConfigureAwait(false);
                var silence = _time.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastReceivedTicks);
                if (silence > (_options.PingInterval + _options.PongTimeout).Ticks)
                {
                    _logger.LogWarning("Gate.io {Account}: private WebSocket silent for {Silence}; dropping it", Account, TimeSpan.FromTicks(silence));
                    socket.Abort();
                    return;
                }

                var time = _time.GetUtcNow().ToUnixTimeSeconds();
                var message = Json(writer =>
                {
                    writer.WriteNumber("time", time);
                    writer.WriteString("channel", ping);
                });
                await SendTextAsync(socket, message, token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The session ended; the supervisor reconnects.
        }
    }

    private async Task SendTextAsync(ClientWebSocket socket, byte[] message, CancellationToken token)
    {
        await _sendGate.WaitAsync(token).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, token).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private async Task<string> ReceiveLoopAsync(ClientWebSocket socket, CancellationToken token)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.GetMemory(4096), token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return $"closed by Gate.io ({socket.CloseStatus} {socket.CloseStatusDescription})";
                    }

                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                Interlocked.Exchange(ref _lastReceivedTicks, _time.GetUtcNow().UtcTicks);
                Dispatch(buffer.WrittenMemory);
            }
        }
        catch (OperationCanceledException)
        {
            return "stopped";
        }
        catch (WebSocketException ex)
        {
            return ex.Message;
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning("Gate.io {Account}: unreadable private frame: {Error}", Account, ex.Message);
            return;
        }

        using (document)
        {
            ReleaseExpired();
            var root = document.RootElement;
            var channel = GateIoTradingReader.String(root, "channel") ?? string.Empty;
            var evt = GateIoTradingReader.String(root, "event");
            if (evt == "subscribe")
            {
                OnSubscribeReply(root, channel);
                return;
            }

            if (evt != "update" || !root.TryGetProperty("result", out var result))
            {
                return;
            }

            try
            {
                if (result.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in result.EnumerateArray())
                    {
                        Deliver(channel, item);
                    }
                }
                else if (result.ValueKind == JsonValueKind.Object)
                {
                    Deliver(channel, result);
                }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or InvalidOperationException)
            {
                _logger.LogWarning("Gate.io {Account}: {Channel} update not understood: {Error}", Account, channel, ex.Message);
            }
        }
    }

    private void OnSubscribeReply(JsonElement root, string channel)
    {
        var id = root.TryGetProperty("id", out var idElement) && idElement.TryGetInt64(out var value) ? value : 0;
        if (!_pendingSubscriptions.TryRemove(id, out var pending))
        {
            return;
        }

        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = GateIoTradingReader.Text(error, "code");
            var text = GateIoTradingReader.String(error, "message");
            pending.TrySetException(new InvalidOperationException($"Gate.io refused the {channel} subscription: {code} {text}"));
        }
        else
        {
            pending.TrySetResult();
        }
    }

    private void Deliver(string channel, JsonElement item)
    {
        var sink = Sink;
        var now = UnixNanos.Now(_time);
        switch (channel)
        {
            case "spot.orders" when Find(item, "currency_pair") is { } instrument:
                sink.OnOrderStatus(GateIoTradingReader.SpotOrder(item, instrument, now));
                break;
            case "spot.usertrades" when Find(item, "currency_pair") is { } instrument:
                sink.OnFill(GateIoTradingReader.SpotTrade(item, instrument, now));
                break;
            case "spot.balances":
                var available = GateIoTradingReader.Decimal(item, "available");
                sink.OnBalance(new BalanceReport
                {
                    Venue = Venue,
                    Account = Account,
                    Asset = GateIoTradingReader.String(item, "currency") ?? string.Empty,
                    Total = item.TryGetProperty("total", out var total) ? GateIoTradingReader.ToDecimal(total) : available + GateIoTradingReader.Decimal(item, "freeze"),
                    Free = available,
                    Timestamp = now,
                });
                break;
            case "futures.orders" when Find(item, "contract") is { } instrument:
                var order = _price.Attribute(GateIoTradingReader.FuturesOrder(item, instrument, now));
                if (!HoldUnlinked(order.ClientOrderId, order.Instrument, order.VenueOrderId, order))
                {
                    sink.OnOrderStatus(order);
                }

                break;
            case "futures.usertrades" when Find(item, "contract") is { } instrument:
                var fill = _price.Attribute(GateIoTradingReader.FuturesTrade(item, instrument, now));
                if (!HoldUnlinked(fill.ClientOrderId, fill.Instrument, fill.VenueOrderId, fill))
                {
                    sink.OnFill(fill);
                }

                break;
            case "futures.autoorders" when item.TryGetProperty("initial", out var initial) && Find(initial, "contract") is { } instrument:
                DeliverPriceOrder(item, instrument, default);
                break;
            case "futures.positions" when Find(item, "contract") is { } instrument:
                sink.OnPosition(GateIoTradingReader.Position(item, instrument, now));
                break;
            case "futures.balances":
                var balance = GateIoTradingReader.Decimal(item, "balance");
                sink.OnBalance(new BalanceReport
                {
                    Venue = Venue,
                    Account = Account,
                    Asset = (GateIoTradingReader.String(item, "currency") ?? "USDT").ToUpperInvariant(),
                    Total = balance,
                    Free = balance,
                    Timestamp = now,
                });
                break;
            default:
                break;
        }
    }

    private Instrument? Find(JsonElement item, string field) =>
        _byName.TryGetValue((GateIoTradingReader.String(item, field) ?? string.Empty).ToUpperInvariant(), out var instrument) ? instrument : null;
}
