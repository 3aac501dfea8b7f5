using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowSight.Core;
using FlowSight.Server.Hosting;
using FlowSight.Server.State;
using Microsoft.Extensions.Logging;

namespace FlowSight.Server.Streaming;

/// <summary>
/// One WebSocket client: its receive loop (subscribe, unsubscribe, ping) and its push, which the hub's tick starts
/// only when the previous one has finished. Nothing is queued for a client: a slow one simply gets the replica's latest
/// state when its send completes, and one slower than <see cref="ServerOptions.StreamSendTimeout"/> is disconnected.
/// </summary>
internal sealed class StreamClient : IDisposable
{
    /// <summary>Largest client message read (subscriptions are tiny); longer ones get an error.</summary>
    public const int MaxMessageBytes = 4096;

    /// <summary>Most subscriptions one client may hold.</summary>
    public const int MaxSubscriptions = 64;

    private static readonly JsonTypeInfo<StreamRequest> RequestType = StreamMessageWriter.TypeOf<StreamRequest>();
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    private readonly WebSocket _socket;
    private readonly IStateReplica _replica;
    private readonly StreamPayloadCache _payloads;
    private readonly ServerOptions _options;
    private readonly ILogger _logger;
    private readonly StreamMessageWriter _writer = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _receiveStop = new();
    private readonly byte[] _receive = new byte[MaxMessageBytes];
    private readonly Lock _subscribing = new();
    private readonly long _tolerance;
    private CancellationTokenSource _sendTimeout = new();
    private StreamSubscription[] _subscriptions = [];
    private int _pushing;
    private volatile bool _closing;
    private long _messagesSent;

    public StreamClient(WebSocket socket, IStateReplica replica, StreamPayloadCache payloads, ServerOptions options, string name, long tickTolerance, ILogger logger)
    {
        _socket = socket;
        _replica = replica;
        _payloads = payloads;
        _options = options;
        _logger = logger;
        _tolerance = tickTolerance;
        Name = name;
    }

    /// <summary>Who is connected (user and address), for logs.</summary>
    public string Name { get; }

    /// <summary>Messages sent so far (data and replies).</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>Bytes held for this client alone: its one reused buffer for replies and cache misses (there is no queue).</summary>
    public int BufferedBytes => _writer.Capacity;

    /// <summary>True while a push is being sent.</summary>
    public bool IsPushing => Volatile.Read(ref _pushing) != 0;

    /// <summary>The client's current subscriptions.</summary>
    public IReadOnlyList<StreamSubscription> Subscriptions => Volatile.Read(ref _subscriptions);

    /// <summary>Reads the client's messages until it closes, the socket fails or the server closes it.</summary>
    public async Task RunAsync()
    {
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var count = 0;
                var tooLarge = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    var free = _receive.AsMemory(tooLarge ? 0 : count);
                    if (free.Length == 0)
                    {
                        tooLarge = true;
                        free = _receive;
                    }

                    result = await _socket.ReceiveAsync(free, _receiveStop.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    if (!tooLarge)
                    {
                        count += result.Count;
                    }
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (tooLarge)
                {
                    await ReplyErrorAsync($"A message is at most {MaxMessageBytes} bytes.").ConfigureAwait(false);
                    continue;
                }

                await HandleAsync(_receive.AsMemory(0, count)).ConfigureAwait(false);
            }

            if (_socket.State == WebSocketState.CloseReceived)
            {
                await CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye").ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The client went away, was too slow, or the server closed it: nothing to answer.
            _logger.LogDebug(e, "WebSocket client {Client} ended: {Reason}", Name, e.Message);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "WebSocket client {Client} failed; closing it", Name);
            Abort();
        }
        finally
        {
            _closing = true;
        }
    }

    /// <summary>
    /// Called by the hub's tick: starts a push of every due subscription whose replica version moved, unless the
    /// previous push is still being sent (then the client gets the latest state at a later tick).
    /// </summary>
    public void OnTick(long now)
    {
        if (_closing || Interlocked.CompareExchange(ref _pushing, 1, 0) != 0)
        {
            return;
        }

        var subscriptions = Volatile.Read(ref _subscriptions);
        foreach (var subscription in subscriptions)
        {
            if (subscription.IsDue(now, _tolerance, _replica))
            {
                _ = PushAsync(subscriptions, now);
                return;
            }
        }

        Volatile.Write(ref _pushing, 0);
    }

    /// <summary>Closes the connection from the server's side (shutdown): a close frame, then an abort if the client never answers.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        _closing = true;
        _receiveStop.CancelAfter(CloseGrace);
        await CloseOutputAsync(status, description).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _closing = true;
        _writer.Dispose();
        _sendLock.Dispose();
        _receiveStop.Dispose();
        _sendTimeout.Dispose();
    }

    private async Task PushAsync(StreamSubscription[] subscriptions, long now)
    {
        try
        {
            foreach (var subscription in subscriptions)
            {
                if (!subscription.IsDue(now, _tolerance, _replica))
                {
                    continue;
                }

                await _sendLock.WaitAsync().ConfigureAwait(false);
                try
                {
                    if (_closing || !subscription.Active)
                    {
                        continue;
                    }

                    // The version read before the state: a change in between is sent again next time, never lost.
                    var version = _replica.GetVersion(subscription.Topic, subscription.Instrument);
                    if (version == subscription.SentVersion)
                    {
                        continue;
                    }

                    var key = subscription.PayloadKey;
                    if (!_payloads.TryGet(key, version, out var payload))
                    {
                        if (!_writer.WriteData(subscription, _replica))
                        {
                            continue;
                        }

                        payload = _payloads.Put(key, version, _writer.Written.Span);
                    }

                    if (!await SendLockedAsync(payload).ConfigureAwait(false))
                    {
                        return;
                    }

                    subscription.MarkSent(version, now);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // The connection ended while this push waited.
            _closing = true;
        }
        catch (Exception e)
        {
            _logger.LogError(e, "WebSocket push to {Client} failed; closing it", Name);
            _closing = true;
            _socket.Abort();
        }
        finally
        {
            Volatile.Write(ref _pushing, 0);
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> message)
    {
        StreamRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(message.Span, RequestType);
        }
        catch (JsonException e)
        {
            await ReplyErrorAsync($"Malformed message ({e.Message}); expected {{\"op\":\"subscribe\",\"topic\":\"book\",\"instrument\":\"BTCUSDT-PERP.BINANCE\"}}.").ConfigureAwait(false);
            return;
        }

        if (request is null)
        {
            await ReplyErrorAsync("Expected a JSON object with an op.").ConfigureAwait(false);
            return;
        }

        if (string.Equals(request.Op, "ping", StringComparison.OrdinalIgnoreCase))
        {
            await ReplyAsync(static w => w.WritePong()).ConfigureAwait(false);
            return;
        }

        var subscribe = string.Equals(request.Op, "subscribe", StringComparison.OrdinalIgnoreCase);
        if (!subscribe && !string.Equals(request.Op, "unsubscribe", StringComparison.OrdinalIgnoreCase))
        {
            await ReplyErrorAsync(request.Op is null
                ? "Missing op; expected subscribe, unsubscribe or ping."
                : $"Unknown op '{request.Op}'; expected subscribe, unsubscribe or ping.").ConfigureAwait(false);
            return;
        }

        if (!TryResolve(request, out var topic, out var instrument, out var interval, out var error))
        {
            await ReplyErrorAsync(error).ConfigureAwait(false);
            return;
        }

        if (!subscribe)
        {
            Unsubscribe(topic, instrument, interval);
            return;
        }

        var period = (long)(System.Diagnostics.Stopwatch.Frequency / StreamTopics.RateOf(topic, _options.Rates));
        // Inactive until its ack is sent: a hub tick in between would otherwise push data before the "subscribed" reply.
        var subscription = new StreamSubscription(topic, instrument, instrument.IsDefault ? null : instrument.Value, interval, period) { Active = false };
        if (!TrySubscribe(subscription))
        {
            await ReplyErrorAsync($"At most {MaxSubscriptions} subscriptions per connection.").ConfigureAwait(false);
            return;
        }

        await ReplyAsync(w => w.WriteSubscribed(subscription)).ConfigureAwait(false);

        // Requests are handled one at a time, so nothing replaced or removed it since TrySubscribe.
        subscription.Active = true;
    }

    private bool TryResolve(StreamRequest request, out ReplicaTopic topic, out InstrumentId instrument, out CandleInterval interval, out string error)
    {
        instrument = default;
        interval = CandleInterval.OneMinute;
        error = string.Empty;
        if (!StreamTopics.TryParse(request.Topic, out topic))
        {
            error = request.Topic is null
                ? $"Missing topic; expected one of {StreamTopics.Known}."
                : $"Unknown topic '{request.Topic}'; expected one of {StreamTopics.Known}.";
            return false;
        }

        if (!StreamTopics.NeedsInstrument(topic))
        {
            return true;
        }

        var name = StreamTopics.NameOf(topic);
        if (string.IsNullOrEmpty(request.Instrument))
        {
            error = $"Topic '{name}' needs an instrument, e.g. BTCUSDT-PERP.BINANCE.";
            return false;
        }

        if (!_replica.TryGetInstrument(request.Instrument, out instrument))
        {
            error = $"Unknown instrument '{request.Instrument}'.";
            return false;
        }

        if (topic == ReplicaTopic.Candles && request.Interval is not null)
        {
            try
            {
                interval = CandleIntervalExtensions.ParseCode(request.Interval);
            }
            catch (FormatException e)
            {
                error = e.Message;
                return false;
            }
        }

        return true;
    }

    // A repeated subscription replaces the old one, so the client gets a fresh first push (e.g. the candle history).
    private bool TrySubscribe(StreamSubscription subscription)
    {
        lock (_subscribing)
        {
            var current = _subscriptions;
            var kept = new List<StreamSubscription>(current.Length + 1);
            foreach (var existing in current)
            {
                if (existing.Matches(subscription.Topic, subscription.Instrument, subscription.Interval))
                {
                    existing.Active = false;
                }
                else
                {
                    kept.Add(existing);
                }
            }

            if (kept.Count >= MaxSubscriptions)
            {
                return false;
            }

            kept.Add(subscription);
            Volatile.Write(ref _subscriptions, [.. kept]);
            return true;
        }
    }

    private void Unsubscribe(ReplicaTopic topic, InstrumentId instrument, CandleInterval interval)
    {
        lock (_subscribing)
        {
            var kept = new List<StreamSubscription>(_subscriptions.Length);
            foreach (var existing in _subscriptions)
            {
                if (existing.Matches(topic, instrument, interval))
                {
                    existing.Active = false;
                }
                else
                {
                    kept.Add(existing);
                }
            }

            Volatile.Write(ref _subscriptions, [.. kept]);
        }
    }

    private Task ReplyErrorAsync(string message) => ReplyAsync(w => w.WriteError(message));

    private async Task ReplyAsync(Action<StreamMessageWriter> write)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_closing)
            {
                write(_writer);
                await SendLockedAsync(_writer.Written).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    // Under the send lock. False (and the socket aborted) when the send took longer than the timeout or failed.
    private async ValueTask<bool> SendLockedAsync(ReadOnlyMemory<byte> message)
    {
        _sendTimeout.CancelAfter(_options.StreamSendTimeout);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, _sendTimeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("WebSocket client {Client} took longer than {Timeout} to take a message; disconnected", Name, _options.StreamSendTimeout);
            Abort();
            return false;
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            Abort();
            return false;
        }

        if (!_sendTimeout.TryReset())
        {
            _sendTimeout.Dispose();
            _sendTimeout = new CancellationTokenSource();
        }

        Interlocked.Increment(ref _messagesSent);
        return true;
    }

    private async Task CloseOutputAsync(WebSocketCloseStatus status, string description)
    {
        if (!await _sendLock.WaitAsync(CloseGrace).ConfigureAwait(false))
        {
            Abort();
            return;
        }

        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(CloseGrace);
                await _socket.CloseOutputAsync(status, description, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            Abort();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private void Abort()
    {
        _closing = true;
        _socket.Abort();
    }
}
