using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace FlowSight.Venues.Okx.Trading;

/// <summary>
/// OKX's private WebSocket for one account: connects, logs in (<c>op: login</c>, signed over
/// <c>timestamp + "GET/users/self/verify"</c>), subscribes the account's channels, hands every push to the owner,
/// matches order-entry replies to their request by <c>id</c>, keeps the connection alive with the text
/// <c>ping</c>, and on any loss fails the requests in flight (their fate is unknown), reconnects with backoff, logs in
/// and subscribes again.
/// </summary>
internal sealed class OkxPrivateSocket : IAsyncDisposable
{
    private static readonly byte[] Ping = "ping"u8.ToArray();

    private readonly OkxExecutionClientOptions _options;
    private readonly OkxRequestSigner _signer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<JsonElement, long> _onPush;
    private readonly Action<bool, bool, string> _onConnection;
    private readonly byte[] _subscribe;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<byte[]>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random;
    private ClientWebSocket? _socket;
    private Task? _run;
    private long _lastReceived;
    private long _requestIds;
    private volatile bool _connected;

    public OkxPrivateSocket(
        OkxExecutionClientOptions options,
        OkxRequestSigner signer,
        TimeProvider time,
        ILogger logger,
        IReadOnlyList<string> channels,
        Action<JsonElement, long> onPush,
        Action<bool, bool, string> onConnection)
    {
        _options = options;
        _signer = signer;
        _time = time;
        _logger = logger;
        _onPush = onPush;
        _onConnection = onConnection;
        _random = options.RandomSeed is { } seed ? new Random(seed) : Random.Shared;
        _subscribe = OkxTradingJson.Build(channels, static (json, list) =>
        {
            json.WriteStartObject();
            json.WriteString("op"u8, "subscribe"u8);
            json.WriteStartArray("args"u8);
            foreach (var channel in list)
            {
                json.WriteStartObject();
                json.WriteString("channel"u8, channel);
                if (channel != "account")
                {
                    // orders and positions take an instrument type; account takes none (its optional filter is ccy).
                    json.WriteString("instType"u8, "ANY"u8);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
        SubscriptionCount = channels.Count;
    }

    /// <summary>True while logged in and subscribed.</summary>
    public bool IsConnected => _connected;

    private int SubscriptionCount { get; }

    /// <summary>Connects for the first time (login and subscriptions answered), then keeps the connection in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _run = Task.Run(() => RunAsync(first), CancellationToken.None);
        await first.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A fresh request id (OKX: up to 32 letters and digits).</summary>
    public string NextRequestId() => Interlocked.Increment(ref _requestIds).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Sends a request and returns its reply. <see cref="InvalidOperationException"/> when the socket is down and
    /// nothing was sent; <see cref="OkxConnectionLostException"/> when it was sent and no reply came (timeout or loss).
    /// </summary>
    public async Task<byte[]> SendRequestAsync(string id, byte[] message, CancellationToken cancellationToken)
    {
        var socket = _socket;
        if (!_connected || socket is null)
        {
            throw new InvalidOperationException("The OKX private WebSocket is not connected.");
        }

        var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            var sent = false;
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(message, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
                    sent = true;
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
            {
                // Part of the frame may have left: the venue may have it.
                throw new OkxConnectionLostException($"The OKX private WebSocket failed while sending request {id}: {ex.Message}", ex);
            }
            finally
            {
                _sendLock.Release();
            }

            if (!sent)
            {
                throw new InvalidOperationException("The OKX private WebSocket is not connected.");
            }

            try
            {
                return await reply.Task.WaitAsync(_options.RequestTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                throw new OkxConnectionLostException($"No answer to request {id} within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", ex);
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Abort();
        if (_run is not null)
        {
            try
            {
                await _run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        _socket?.Dispose();
        _sendLock.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(TaskCompletionSource first)
    {
        var failures = 0;
        var everConnected = false;
        while (!_stop.IsCancellationRequested)
        {
            string reason;
            try
            {
                using var socket = new ClientWebSocket();
                socket.Options.KeepAliveInterval = Timeout.InfiniteTimeSpan;
                using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                {
                    handshake.CancelAfter(_options.HandshakeTimeout);
                    await socket.ConnectAsync(_options.PrivateStreamUri, handshake.Token).ConfigureAwait(false);
                    _socket = socket;
                    Touch();
                    await LoginAndSubscribeAsync(socket, handshake.Token).ConfigureAwait(false);
                }

                failures = 0;
                _connected = true;
                _onConnection(true, everConnected, everConnected ? "reconnected, logged in and resubscribed" : "logged in and subscribed");
                everConnected = true;
                first.TrySetResult();
                reason = await ReceiveLoopAsync(socket).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                reason = "stopped";
            }
#pragma warning disable CA1031 // Any failure of one connection is reported and followed by a reconnect.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                reason = ex is OperationCanceledException ? "the login or subscription was not answered in time" : ex.Message;
                if (!everConnected && ex is OkxLoginException)
                {
                    // Wrong credentials do not get better by retrying: the first connect fails.
                    _connected = false;
                    first.TrySetException(ex);
                    return;
                }
            }

            var wasConnected = _connected;
            _connected = false;
            FailPending(reason);
            if (wasConnected)
            {
                _onConnection(false, false, reason);
            }

            if (_stop.IsCancellationRequested)
            {
                first.TrySetCanceled();
                return;
            }

            failures++;
            var delay = _options.Reconnect.GetDelay(failures, _random);
            _logger.LogWarning("OKX private WebSocket ({Account}): {Reason}; reconnecting in {Delay}", _options.Account, reason, delay);
            try
            {
                await Task.Delay(delay, _time, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                first.TrySetCanceled();
                return;
            }
        }
    }

    private async Task LoginAndSubscribeAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var seconds = _time.GetUtcNow().ToUnixTimeSeconds();
        var login = OkxTradingJson.Build((Options: _options, Sign: _signer.SignLogin(seconds), Seconds: seconds), static (json, s) =>
        {
            json.WriteStartObject();
            json.WriteString("op"u8, "login"u8);
            json.WriteStartArray("args"u8);
            json.WriteStartObject();
            json.WriteString("apiKey"u8, s.Options.ApiKey);
            json.WriteString("passphrase"u8, s.Options.Passphrase);
            json.WriteString("timestamp"u8, s.Seconds.ToString(CultureInfo.InvariantCulture));
            json.WriteString("sign"u8, s.Sign);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
        await SendAsync(socket, login, cancellationToken).ConfigureAwait(false);
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var message = await ReceiveAsync(socket, buffer, cancellationToken).ConfigureAwait(false) ?? throw new OkxConnectionLostException("closed during login");
            using var document = JsonDocument.Parse(message);
            var root = document.RootElement;
            var kind = OkxTradingJson.Text(root, "event");
            if (kind == "login")
            {
                break;
            }

            if (kind == "error")
            {
                throw new OkxLoginException($"OKX refused the login: {OkxTradingJson.Text(root, "code")} {OkxTradingJson.Text(root, "msg")}");
            }
        }

        await SendAsync(socket, _subscribe, cancellationToken).ConfigureAwait(false);
        var acknowledged = 0;
        while (acknowledged < SubscriptionCount)
        {
            var message = await ReceiveAsync(socket, buffer, cancellationToken).ConfigureAwait(false) ?? throw new OkxConnectionLostException("closed during subscription");
            using var document = JsonDocument.Parse(message);
            var root = document.RootElement;
            var kind = OkxTradingJson.Text(root, "event");
            if (kind == "subscribe")
            {
                acknowledged++;
            }
            else if (kind == "error")
            {
                throw new OkxLoginException($"OKX refused a subscription: {OkxTradingJson.Text(root, "code")} {OkxTradingJson.Text(root, "msg")}");
            }
            else if (root.TryGetProperty("data", out _))
            {
                _onPush(root, Now());
            }
        }
    }

    private async Task<string> ReceiveLoopAsync(ClientWebSocket socket)
    {
        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var pinger = HeartbeatAsync(socket, heartbeat.Token);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                var message = await ReceiveAsync(socket, buffer, _stop.Token).ConfigureAwait(false);
                if (message is null)
                {
                    return $"the venue closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})";
                }

                Dispatch(message.Value);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            return _stop.IsCancellationRequested ? "stopped" : $"connection lost: {ex.Message}";
        }
        finally
        {
            await heartbeat.CancelAsync().ConfigureAwait(false);
            try
            {
                await pinger.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped with the connection.
            }
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> message)
    {
        if (message.Span.SequenceEqual("pong"u8))
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning("OKX private WebSocket ({Account}): unreadable message ({Error})", _options.Account, ex.Message);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var id = OkxTradingJson.Text(root, "id");
            if (id.Length > 0 && (root.TryGetProperty("op", out _) || OkxTradingJson.Text(root, "event") == "error"))
            {
                if (_pending.TryGetValue(id, out var reply))
                {
                    reply.TrySetResult(message.ToArray());
                }

                return;
            }

            if (root.TryGetProperty("arg", out _) && root.TryGetProperty("data", out _))
            {
                try
                {
                    _onPush(root, Now());
                }
#pragma warning disable CA1031 // One unreadable push must not end the connection; it is logged.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _logger.LogError(ex, "OKX private WebSocket ({Account}): a push could not be read", _options.Account);
                }

                return;
            }

            if (OkxTradingJson.Text(root, "event") == "error")
            {
                _logger.LogWarning("OKX private WebSocket ({Account}): error {Code} {Message}", _options.Account, OkxTradingJson.Text(root, "code"), OkxTradingJson.Text(root, "msg"));
            }
        }
    }

    /// <summary>Sends <c>ping</c> after <see cref="OkxExecutionClientOptions.PingInterval"/> of silence; aborts the socket when nothing answers within <see cref="OkxExecutionClientOptions.PongTimeout"/>.</summary>
    private async Task HeartbeatAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, Math.Min(_options.PingInterval.Ticks, _options.PongTimeout.Ticks) / 2));
        using var timer = new PeriodicTimer(tick, _time);
        var pingedAt = 0L;
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var now = _time.GetTimestamp();
            var silent = _time.GetElapsedTime(Volatile.Read(ref _lastReceived), now);
            if (pingedAt != 0 && Volatile.Read(ref _lastReceived) < pingedAt && _time.GetElapsedTime(pingedAt, now) >= _options.PongTimeout)
            {
                _logger.LogWarning("OKX private WebSocket ({Account}): no pong within {Timeout}", _options.Account, _options.PongTimeout);
                socket.Abort();
                return;
            }

            if (silent >= _options.PingInterval && (pingedAt == 0 || Volatile.Read(ref _lastReceived) >= pingedAt))
            {
                pingedAt = now;
                try
                {
                    await SendAsync(socket, Ping, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
                {
                    return;
                }
            }
        }
    }

    private async Task SendAsync(ClientWebSocket socket, byte[] message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>One whole message (null when the venue closed), in <paramref name="buffer"/> until the next call.</summary>
    private async Task<ReadOnlyMemory<byte>?> ReceiveAsync(ClientWebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                Touch();
                return buffer.WrittenMemory;
            }
        }
    }

    private void Touch() => Volatile.Write(ref _lastReceived, _time.GetTimestamp());

    private long Now() => Core.UnixNanos.Now(_time);

    private void FailPending(string reason)
    {
        foreach (var (id, reply) in _pending)
        {
            reply.TrySetException(new OkxConnectionLostException($"The OKX private WebSocket dropped before request {id} was answered: {reason}"));
        }
    }
}
