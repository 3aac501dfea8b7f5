using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using FlowSight.Core;
using Microsoft.Extensions.Logging;

namespace FlowSight.Venues.Network;

/// <summary>
/// One physical socket of a <see cref="WebSocketConnection"/>: its receive loop, its rate-limited send path and the
/// requests waiting for a reply on it. A connection has one session at a time, two during a rotation; a reconnect
/// makes a new one. <see cref="IWebSocketProtocol"/> implementations send their requests through it.
/// </summary>
public sealed class WebSocketSession : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly IWebSocketSessionOwner _owner;
    private readonly WebSocketConnectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MessageRateLimiter _limiter;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<byte[]>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IApplicationHeartbeat? _heartbeat;
    private ITimer? _heartbeatTimer;
    private string? _endReason;
    private long _lastFrameAt;
    private long _lastReceivedAt;
    private long _pingSentAt;
    private long _pingsSent;
    private long _pongsReceived;
    private long _framesReceived;
    private long _bytesReceived;
    private long _messagesSent;
    private Task? _receiveLoop;
    private int _disposed;

    private WebSocketSession(
        long id, ClientWebSocket socket, IWebSocketSessionOwner owner, WebSocketConnectionOptions options, TimeProvider time, ILogger logger, IApplicationHeartbeat? heartbeat)
    {
        Id = id;
        _socket = socket;
        _owner = owner;
        _options = options;
        _time = time;
        _logger = logger;
        _limiter = new MessageRateLimiter(options.MaxMessagesPerSecond, TimeSpan.FromSeconds(1), time);
        _heartbeat = heartbeat;
        OpenedAtNanos = UnixNanos.Now(time);
        _lastFrameAt = OpenedAtNanos;
        _lastReceivedAt = OpenedAtNanos;
    }

    /// <summary>The session's number within its connection (1 for the first socket).</summary>
    public long Id { get; }

    /// <summary>The owning connection's name.</summary>
    public string ConnectionName => _options.Name;

    /// <summary>When the socket opened, in Unix nanoseconds.</summary>
    public long OpenedAtNanos { get; }

    /// <summary>
    /// When the last message (data or control, but not an application heartbeat's pong) arrived, in Unix nanoseconds;
    /// the open time before the first. Pongs are left out so the watchdog still sees a socket that only answers pings.
    /// </summary>
    public long LastFrameAtNanos => Volatile.Read(ref _lastFrameAt);

    /// <summary>Application heartbeat pings sent (see <see cref="IApplicationHeartbeat"/>).</summary>
    public long PingsSent => Volatile.Read(ref _pingsSent);

    /// <summary>Application heartbeat pongs received.</summary>
    public long PongsReceived => Volatile.Read(ref _pongsReceived);

    /// <summary>Messages received.</summary>
    public long FramesReceived => Volatile.Read(ref _framesReceived);

    /// <summary>Bytes received.</summary>
    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    /// <summary>Messages sent (requests).</summary>
    public long MessagesSent => Volatile.Read(ref _messagesSent);

    /// <summary>Sends that waited for the per-socket message rate limit.</summary>
    public long RateLimitedSends => _limiter.Delayed;

    /// <summary>Completes with the reason when the socket is gone (closed, aborted, lost).</summary>
    public Task<string> Completion => _ended.Task;

    /// <summary>True once the socket is gone.</summary>
    public bool HasEnded => _ended.Task.IsCompleted;

    /// <summary>A request id unique within the connection.</summary>
    public long NextRequestId() => _owner.NextRequestId();

    /// <summary>
    /// Sends one text message, waiting first for the per-socket rate limit (on the <see cref="TimeProvider"/>).
    /// Sends are serialised; the message must stay untouched until the returned task completes.
    /// </summary>
    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        await _sendLock.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            await _limiter.WaitAndRecordAsync(linked.Token).ConfigureAwait(false);
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, linked.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _messagesSent);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Lost();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Sends a request and waits for the reply the protocol hands to <see cref="TryCompleteRequest"/> under the same
    /// <paramref name="requestId"/>. The timeout (on the <see cref="TimeProvider"/>) starts once the request is sent,
    /// so a wait for the rate limit does not eat into it.
    /// </summary>
    /// <returns>A copy of the reply's bytes.</returns>
    /// <exception cref="TimeoutException">No reply within <paramref name="timeout"/>.</exception>
    /// <exception cref="WebSocketRequestException">The protocol reported an error reply.</exception>
    /// <exception cref="WebSocketException">The socket was lost first.</exception>
    public async Task<byte[]> SendRequestAsync(long requestId, ReadOnlyMemory<byte> request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(requestId, reply))
        {
            throw new InvalidOperationException($"Request id {requestId} is already waiting for a reply.");
        }

        try
        {
            if (HasEnded)
            {
                throw Lost();
            }

            await SendAsync(request, cancellationToken).ConfigureAwait(false);
            try
            {
                return await reply.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{ConnectionName}: no reply to request {requestId} within {timeout.TotalSeconds:0.###} s.");
            }
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }
    }

    /// <summary>Completes the pending request <paramref name="requestId"/> with a copy of <paramref name="reply"/>; false when none waits.</summary>
    public bool TryCompleteRequest(long requestId, ReadOnlySpan<byte> reply) =>
        _pending.TryGetValue(requestId, out var pending) && pending.TrySetResult(reply.ToArray());

    /// <summary>Fails the pending request <paramref name="requestId"/>; false when none waits.</summary>
    public bool TryFailRequest(long requestId, Exception error) =>
        _pending.TryGetValue(requestId, out var pending) && pending.TrySetException(error);

    /// <summary>Asks the owning connection to replace this socket soon (the venue announced it will close it).</summary>
    public void RequestReplacement(string reason) => _owner.OnReplacementRequested(this, reason);

    /// <summary>Closes gracefully (close handshake), aborting after <see cref="WebSocketConnectionOptions.CloseTimeout"/>.</summary>
    public async Task CloseAsync(string reason)
    {
        Interlocked.CompareExchange(ref _endReason, reason, null);
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
            try
            {
                var description = reason.Length > 120 ? reason[..120] : reason;
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, description, timeout.Token).ConfigureAwait(false);
                await _ended.Task.WaitAsync(_options.CloseTimeout, _time).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException or ObjectDisposedException)
            {
                _logger.LogDebug("{Connection}: session {Session} did not close cleanly ({Error}); aborting.", ConnectionName, Id, ex.Message);
            }
        }

        Abort(reason);
        await WaitForReceiveLoopAsync().ConfigureAwait(false);
    }

    /// <summary>Drops the socket at once; the receive loop ends with <paramref name="reason"/>.</summary>
    public void Abort(string reason)
    {
        Interlocked.CompareExchange(ref _endReason, reason, null);
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing left to stop.
        }

        _socket.Abort();
        StopHeartbeat();
        if (_receiveLoop is null)
        {
            End(reason);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Abort("disposed");
        await WaitForReceiveLoopAsync().ConfigureAwait(false);
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{ConnectionName}/session {Id}";

    /// <summary>Opens a socket to <see cref="WebSocketConnectionOptions.Endpoint"/>; the receive loop starts with <see cref="StartReceiving"/>.</summary>
    internal static async Task<WebSocketSession> ConnectAsync(
        long id,
        IWebSocketSessionOwner owner,
        WebSocketConnectionOptions options,
        TimeProvider time,
        ILogger logger,
        IApplicationHeartbeat? heartbeat,
        CancellationToken cancellationToken)
    {
        if (options.BeforeConnect is { } beforeConnect)
        {
            await beforeConnect(cancellationToken).ConfigureAwait(false);
        }

        var socket = new ClientWebSocket();
        try
        {
            socket.Options.KeepAliveInterval = options.KeepAliveInterval;
            if (options.KeepAliveTimeout is { } keepAliveTimeout)
            {
                socket.Options.KeepAliveTimeout = keepAliveTimeout;
            }

            socket.Options.CollectHttpResponseDetails = true;
            options.ConfigureSocket?.Invoke(socket.Options);
            using var timeout = new CancellationTokenSource(options.ConnectTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await socket.ConnectAsync(options.Endpoint, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"connect to {options.Endpoint} timed out after {options.ConnectTimeout.TotalSeconds:0.###} s");
            }
            catch (WebSocketException ex) when (socket.HttpStatusCode != 0)
            {
                throw new WebSocketException(ex.WebSocketErrorCode, $"connect to {options.Endpoint} refused with HTTP {(int)socket.HttpStatusCode}", ex);
            }

            return new WebSocketSession(id, socket, owner, options, time, logger, heartbeat);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Starts the receive loop (after the owner knows the session, so no frame is missed).</summary>
    internal void StartReceiving()
    {
        _receiveLoop = Task.Run(ReceiveLoopAsync);
        if (_heartbeat is { } heartbeat)
        {
            var timer = _time.CreateTimer(static state => ((WebSocketSession)state!).OnHeartbeatTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Volatile.Write(ref _heartbeatTimer, timer);
            ChangeHeartbeat(heartbeat.PingInterval);
            if (HasEnded)
            {
                StopHeartbeat();
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_options.ReceiveBufferSize);
        var count = 0;
        string reason;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (buffer.Length >= _options.MaxMessageSize)
                    {
                        reason = $"a message exceeded {_options.MaxMessageSize} bytes";
                        _socket.Abort();
                        break;
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _options.MaxMessageSize));
                    buffer.AsSpan(0, count).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var result = await _socket.ReceiveAsync(buffer.AsMemory(count), _stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    reason = $"closed by the server ({_socket.CloseStatus}{(string.IsNullOrEmpty(_socket.CloseStatusDescription) ? string.Empty : ": " + _socket.CloseStatusDescription)})";
                    break;
                }

                count += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var now = UnixNanos.Now(_time);
                Volatile.Write(ref _lastReceivedAt, now);
                Interlocked.Increment(ref _framesReceived);
                Interlocked.Add(ref _bytesReceived, count);
                if (_heartbeat is { } heartbeat && heartbeat.IsPong(buffer.AsSpan(0, count)))
                {
                    Volatile.Write(ref _pingSentAt, 0);
                    Interlocked.Increment(ref _pongsReceived);
                    _owner.OnPongReceived(this);
                    count = 0;
                    continue;
                }

                Volatile.Write(ref _lastFrameAt, now);
                _owner.OnFrame(this, buffer.AsMemory(0, count), result.MessageType == WebSocketMessageType.Text, now);
                count = 0;
            }
        }
        catch (OperationCanceledException)
        {
            reason = "aborted";
        }
        catch (WebSocketException ex)
        {
            reason = $"connection lost: {ex.Message}";
        }
        catch (ObjectDisposedException)
        {
            reason = "disposed";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        End(reason);
    }

    /// <summary>
    /// One timer per session, re-armed for the next moment something can be due: the ping after
    /// <see cref="IApplicationHeartbeat.PingInterval"/> of silence, or the end of the wait for the pong.
    /// </summary>
    private void OnHeartbeatTimer()
    {
        if (_heartbeat is not { } heartbeat || HasEnded)
        {
            return;
        }

        var now = UnixNanos.Now(_time);
        TimeSpan next;
        var pingAt = Volatile.Read(ref _pingSentAt);
        if (pingAt != 0)
        {
            var waited = Elapsed(pingAt, now);
            if (waited >= heartbeat.PongTimeout)
            {
                _owner.OnPongMissed(this);
                _logger.LogWarning("{Connection}: session {Session} got no pong within {Timeout} s of the ping; dropping it.", ConnectionName, Id, heartbeat.PongTimeout.TotalSeconds);
                Abort($"heartbeat: no pong within {heartbeat.PongTimeout.TotalSeconds:0.###} s");
                return;
            }

            next = heartbeat.PongTimeout - waited;
        }
        else
        {
            var silent = Elapsed(Volatile.Read(ref _lastReceivedAt), now);
            if (silent >= heartbeat.PingInterval)
            {
                Volatile.Write(ref _pingSentAt, now);
                _ = SendPingAsync(heartbeat.CreatePing(_time.GetUtcNow()));
                next = heartbeat.PongTimeout;
            }
            else
            {
                next = heartbeat.PingInterval - silent;
            }
        }

        ChangeHeartbeat(next);
    }

    private async Task SendPingAsync(ReadOnlyMemory<byte> ping)
    {
        try
        {
            await SendAsync(ping, CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref _pingsSent);
            _owner.OnPingSent(this);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The socket is going away; the session's end is reported by the receive loop.
            _logger.LogDebug("{Connection}: session {Session} could not send the heartbeat ping ({Error}).", ConnectionName, Id, ex.Message);
        }
    }

    private void ChangeHeartbeat(TimeSpan dueIn)
    {
        try
        {
            Volatile.Read(ref _heartbeatTimer)?.Change(dueIn > TimeSpan.Zero ? dueIn : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Stopped concurrently.
        }
    }

    private void StopHeartbeat() => Interlocked.Exchange(ref _heartbeatTimer, null)?.Dispose();

    private static TimeSpan Elapsed(long fromNanos, long toNanos) => TimeSpan.FromTicks(Math.Max(0, toNanos - fromNanos) / 100);

    private void End(string reason)
    {
        StopHeartbeat();
        var final = Interlocked.CompareExchange(ref _endReason, reason, null) ?? reason;
        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(Lost());
        }

        _ended.TrySetResult(final);
    }

    private async Task WaitForReceiveLoopAsync()
    {
        if (_receiveLoop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private WebSocketException Lost() =>
        new(WebSocketError.ConnectionClosedPrematurely, $"{ConnectionName}: the socket closed ({Volatile.Read(ref _endReason) ?? "lost"}) before the request completed.");
}
