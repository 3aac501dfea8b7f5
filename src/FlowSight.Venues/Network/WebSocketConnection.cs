using System.Net.WebSockets;
using FlowSight.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Venues.Network;

/// <summary>
/// A venue WebSocket that stays up: it connects, subscribes its topics through the venue's
/// <see cref="IWebSocketProtocol"/>, hands every data frame to a <see cref="WebSocketFrameHandler"/> on the receive
/// thread, and when the socket is lost reconnects with exponential backoff and full jitter, pausing behind a circuit
/// breaker after repeated failures, and resubscribes. A watchdog drops a socket that goes silent; before the venue's
/// lifetime limit a new socket is opened beside the old one and the frames are switched over without a gap or a
/// duplicate (<see cref="OverlapDeduplicator"/>). Every state change is published on <see cref="StateChanges"/>.
/// All waiting is on the injected <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Threads: one supervisor task owns the life cycle; each socket has a receive task. Frame delivery takes a lock that
/// is uncontended except during a rotation's overlap, so the handler is never called concurrently and frames keep
/// their order. Steady-state receive allocates nothing: messages are assembled in a pooled buffer that is reused.
/// </remarks>
public sealed class WebSocketConnection : IAsyncDisposable, IWebSocketSessionOwner
{
    private readonly WebSocketConnectionOptions _options;
    private readonly IWebSocketProtocol _protocol;
    private readonly WebSocketFrameHandler _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _jitter;
    private readonly CircuitBreaker? _breaker;
    private readonly EventBroadcaster<ConnectionStateChanged> _states = new();
    private readonly Lock _deliveryLock = new();
    private readonly Lock _stateLock = new();
    private readonly SemaphoreSlim _subscriptionGate = new(1, 1);
    private readonly List<string> _topics = [];
    private readonly HashSet<string> _topicSet = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _firstSubscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebSocketSession? _active;
    private WebSocketSession? _candidate;
    private OverlapDeduplicator? _overlap;
    private TaskCompletionSource? _overlapReady;
    private string? _switchReason;
    private bool _candidateSubscribed;
    private ITimer? _watchdog;
    private ITimer? _rotationTimer;
    private string? _rotationReason;
    private int _rotationRequested;
    private ConnectionState _state;
    private Task? _supervisor;
    private Task _retiring = Task.CompletedTask;
    private int _started;
    private int _disposed;
    private long _sessionIds;
    private long _requestIds;

    // Counters: written under _deliveryLock or by the supervisor, read racily for statistics.
    private long _framesDelivered;
    private long _controlFrames;
    private long _handlerErrors;
    private long _uninspectable;
    private long _reconnects;
    private long _failedAttempts;
    private long _watchdogTrips;
    private long _rotations;
    private long _failedRotations;
    private long _duplicatesDropped;
    private long _unkeyedOverlapDropped;
    private long _unconfirmedAtSwitch;
    private long _staleDropped;
    private long _pingsSent;
    private long _pongsReceived;
    private long _pongsMissed;

    /// <summary>Creates a connection; nothing happens until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Endpoint, limits and timings.</param>
    /// <param name="protocol">The venue's subscribe/ack/dedup rules.</param>
    /// <param name="handler">Receives every data frame on the receive thread.</param>
    /// <param name="time">The clock for every wait, timeout and receive time; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Logs state changes and errors.</param>
    public WebSocketConnection(
        WebSocketConnectionOptions options,
        IWebSocketProtocol protocol,
        WebSocketFrameHandler handler,
        TimeProvider? time = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        _options = options;
        _protocol = protocol;
        _handler = handler;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _jitter = options.Jitter ?? Random.Shared;
        _breaker = options.CircuitBreaker is { } breaker ? new CircuitBreaker(breaker) : null;
    }

    /// <summary>The connection's name.</summary>
    public string Name => _options.Name;

    /// <summary>The options it was created with.</summary>
    public WebSocketConnectionOptions Options => _options;

    /// <summary>The current state.</summary>
    public ConnectionState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>State changes, published synchronously on the thread that made them; observers must return quickly.</summary>
    public IObservable<ConnectionStateChanged> StateChanges => _states;

    /// <summary>The socket currently delivering data, or null while disconnected.</summary>
    public WebSocketSession? ActiveSession => Volatile.Read(ref _active);

    /// <summary>The topics the connection keeps subscribed (resubscribed on every new socket).</summary>
    public IReadOnlyList<string> Topics
    {
        get
        {
            lock (_topics)
            {
                return [.. _topics];
            }
        }
    }

    /// <summary>The number of desired topics.</summary>
    public int TopicCount
    {
        get
        {
            lock (_topics)
            {
                return _topics.Count;
            }
        }
    }

    /// <summary>A snapshot of the counters.</summary>
    public WebSocketConnectionStatistics GetStatistics() => new()
    {
        FramesDelivered = Volatile.Read(ref _framesDelivered),
        ControlFrames = Volatile.Read(ref _controlFrames),
        HandlerErrors = Volatile.Read(ref _handlerErrors),
        UninspectableFrames = Volatile.Read(ref _uninspectable),
        Sessions = Volatile.Read(ref _sessionIds),
        Reconnects = Volatile.Read(ref _reconnects),
        FailedAttempts = Volatile.Read(ref _failedAttempts),
        CircuitOpenings = _breaker?.Openings ?? 0,
        WatchdogTrips = Volatile.Read(ref _watchdogTrips),
        Rotations = Volatile.Read(ref _rotations),
        FailedRotations = Volatile.Read(ref _failedRotations),
        DuplicatesDropped = Volatile.Read(ref _duplicatesDropped),
        UnkeyedOverlapFramesDropped = Volatile.Read(ref _unkeyedOverlapDropped),
        UnconfirmedStreamsAtSwitch = Volatile.Read(ref _unconfirmedAtSwitch),
        StaleFramesDropped = Volatile.Read(ref _staleDropped),
        PingsSent = Volatile.Read(ref _pingsSent),
        PongsReceived = Volatile.Read(ref _pongsReceived),
        PongsMissed = Volatile.Read(ref _pongsMissed),
    };

    /// <summary>
    /// Starts connecting and returns once the connection is first <see cref="ConnectionState.Subscribed"/> (it keeps
    /// retrying meanwhile; cancel <paramref name="cancellationToken"/> to stop waiting, not the connection).
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection faulted (gave up) before subscribing, or was already started.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"{Name} was already started.");
        }

        _lifetime.Token.Register(Wake);
        _supervisor = Task.Run(SuperviseAsync, CancellationToken.None);
        return _firstSubscribed.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Adds topics to keep subscribed. When a socket is open they are subscribed on it now and this returns once the
    /// venue acknowledged them; otherwise they are subscribed when the next socket opens. A refusal
    /// (<see cref="WebSocketRequestException"/>) removes them again; a lost socket keeps them for the reconnect.
    /// </summary>
    public async Task SubscribeAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        await _subscriptionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var added = new List<string>();
            lock (_topics)
            {
                foreach (var topic in topics)
                {
                    ArgumentException.ThrowIfNullOrWhiteSpace(topic, nameof(topics));
                    if (_topicSet.Add(topic))
                    {
                        _topics.Add(topic);
                        added.Add(topic);
                    }
                }
            }

            if (added.Count == 0)
            {
                return;
            }

            try
            {
                foreach (var session in LiveSessions())
                {
                    await _protocol.SubscribeAsync(session, added, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (WebSocketRequestException)
            {
                RemoveTopics(added);
                throw;
            }

            ArmWatchdog();
        }
        finally
        {
            _subscriptionGate.Release();
        }
    }

    /// <summary>Removes topics; when a socket is open they are unsubscribed on it and this waits for the acknowledgement.</summary>
    public async Task UnsubscribeAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        await _subscriptionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var removed = RemoveTopics(topics);
            if (removed.Count == 0)
            {
                return;
            }

            foreach (var session in LiveSessions())
            {
                await _protocol.UnsubscribeAsync(session, removed, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _subscriptionGate.Release();
        }
    }

    /// <summary>
    /// Replaces the socket now with the same gap-free overlap as the scheduled rotation (for example when the venue
    /// announces a shutdown). Ignored while not subscribed.
    /// </summary>
    public void RequestRotation(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Volatile.Write(ref _rotationReason, reason);
        Interlocked.Exchange(ref _rotationRequested, 1);
        Wake();
    }

    /// <summary>Closes the sockets gracefully and stops; the final state is <see cref="ConnectionState.Closed"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        Wake();
        if (_supervisor is { } supervisor)
        {
            await supervisor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        else
        {
            SetState(ConnectionState.Closed, "disposed before start", 0);
        }

        await _retiring.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _watchdog?.Dispose();
        _rotationTimer?.Dispose();
        _firstSubscribed.TrySetCanceled();
        _states.Complete();
        _lifetime.Dispose();
        _subscriptionGate.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({State})";

    void IWebSocketSessionOwner.OnPingSent(WebSocketSession session) => Interlocked.Increment(ref _pingsSent);

    void IWebSocketSessionOwner.OnPongReceived(WebSocketSession session) => Interlocked.Increment(ref _pongsReceived);

    void IWebSocketSessionOwner.OnPongMissed(WebSocketSession session) => Interlocked.Increment(ref _pongsMissed);

    void IWebSocketSessionOwner.OnFrame(WebSocketSession session, ReadOnlyMemory<byte> payload, bool isText, long receivedAtNanos)
    {
        var span = payload.Span;
        try
        {
            if (_protocol.TryHandleControlFrame(session, span))
            {
                Interlocked.Increment(ref _controlFrames);
                return;
            }
        }
        catch (Exception ex)
        {
            // A frame the protocol chokes on is skipped, never fatal to the socket.
            if (Interlocked.Increment(ref _uninspectable) <= 10)
            {
                _logger.LogWarning(ex, "{Connection}: skipped a frame the protocol could not inspect ({Length} bytes).", Name, payload.Length);
            }

            return;
        }

        lock (_deliveryLock)
        {
            var overlap = _overlap;
            var fromActive = ReferenceEquals(session, _active);
            if (overlap is null)
            {
                if (fromActive)
                {
                    Deliver(payload, receivedAtNanos, isText);
                }
                else
                {
                    _staleDropped++;
                }

                return;
            }

            if (overlap.Phase == OverlapPhase.Overlap)
            {
                if (fromActive)
                {
                    if (_protocol.TryGetSequenceKey(span, out var key))
                    {
                        overlap.RecordOld(key);
                    }

                    Deliver(payload, receivedAtNanos, isText);
                    if (_candidateSubscribed && overlap.IsReadyToSwitch)
                    {
                        SwitchLocked(overlap, "every stream confirmed on the new socket");
                    }
                }
                else if (ReferenceEquals(session, _candidate))
                {
                    if (!_protocol.TryGetSequenceKey(span, out var key))
                    {
                        _unkeyedOverlapDropped++;
                    }
                    else if (!overlap.BufferNew(key, span, receivedAtNanos, isText) && _candidateSubscribed)
                    {
                        // The buffer is full: switch now and let this frame through the post-switch filter.
                        SwitchLocked(overlap, "overlap buffer full");
                        if (overlap.ShouldDeliver(key))
                        {
                            Deliver(payload, receivedAtNanos, isText);
                        }
                    }
                    else if (_candidateSubscribed && overlap.IsReadyToSwitch)
                    {
                        SwitchLocked(overlap, "every stream confirmed on the new socket");
                    }
                }
                else
                {
                    _staleDropped++;
                }

                if (overlap.IsDrained)
                {
                    ClearOverlapLocked();
                }

                return;
            }

            // Draining after the switch: only the new (now active) socket delivers, minus what the old one delivered.
            if (!fromActive)
            {
                _staleDropped++;
                return;
            }

            if (!_protocol.TryGetSequenceKey(span, out var drainKey) || overlap.ShouldDeliver(drainKey))
            {
                Deliver(payload, receivedAtNanos, isText);
            }

            if (overlap.IsDrained)
            {
                ClearOverlapLocked();
            }
        }
    }

    void IWebSocketSessionOwner.OnReplacementRequested(WebSocketSession session, string reason)
    {
        if (ReferenceEquals(session, Volatile.Read(ref _active)))
        {
            RequestRotation($"venue notice: {reason}");
        }
    }

    long IWebSocketSessionOwner.NextRequestId() => Interlocked.Increment(ref _requestIds);

    private async Task SuperviseAsync()
    {
        var stop = _lifetime.Token;
        var failedAttempts = 0;
        var waits = 0;
        var attempt = 0;
        var reason = "starting";
        var faulted = false;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                attempt++;
                var trial = _breaker?.State == CircuitState.HalfOpen;
                SetState(trial ? ConnectionState.CircuitHalfOpen : ConnectionState.Connecting, reason, attempt);
                WebSocketSession session;
                try
                {
                    session = await OpenSessionAsync(asCandidate: false, attempt, stop).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stop.IsCancellationRequested)
                {
                    failedAttempts++;
                    Interlocked.Increment(ref _failedAttempts);
                    reason = Describe(ex);
                    _logger.LogWarning("{Connection}: attempt {Attempt} failed: {Reason}", Name, attempt, reason);
                    if (_options.Backoff.MaxAttempts > 0 && failedAttempts >= _options.Backoff.MaxAttempts)
                    {
                        faulted = true;
                        SetState(ConnectionState.Faulted, $"gave up after {failedAttempts} failed attempts: {reason}", attempt);
                        _firstSubscribed.TrySetException(new InvalidOperationException($"{Name} gave up after {failedAttempts} failed attempts: {reason}"));
                        return;
                    }

                    if (_breaker?.RecordFailure() == true)
                    {
                        var coolDown = _options.CircuitBreaker!.CoolDown;
                        var pause = DelayAsync(coolDown, stop);
                        SetState(ConnectionState.CircuitOpen, $"{failedAttempts} consecutive failures; last: {reason}", attempt, coolDown);
                        await pause.ConfigureAwait(false);
                        _breaker.BeginTrial();
                        continue;
                    }

                    var delay = _options.Backoff.GetDelay(++waits, _jitter);
                    var wait = DelayAsync(delay, stop);
                    SetState(ConnectionState.Reconnecting, reason, attempt, delay);
                    await wait.ConfigureAwait(false);
                    continue;
                }

                failedAttempts = 0;
                waits = 0;
                attempt = 0;
                _breaker?.RecordSuccess();
                _firstSubscribed.TrySetResult();

                reason = await RunSessionsAsync(stop).ConfigureAwait(false);
                if (stop.IsCancellationRequested)
                {
                    break;
                }

                Interlocked.Increment(ref _reconnects);
                var reconnectDelay = _options.Backoff.GetDelay(++waits, _jitter);
                var reconnectWait = DelayAsync(reconnectDelay, stop);
                SetState(ConnectionState.Reconnecting, reason, attempt, reconnectDelay);
                await reconnectWait.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed while waiting.
        }
        catch (Exception ex)
        {
            // A bug here must not leave the connection silently dead: report it as a fault.
            faulted = true;
            _logger.LogError(ex, "{Connection}: supervisor failed.", Name);
            SetState(ConnectionState.Faulted, $"internal error: {ex.Message}", attempt);
            _firstSubscribed.TrySetException(ex);
        }
        finally
        {
            await CloseAllAsync().ConfigureAwait(false);
            if (!faulted)
            {
                SetState(ConnectionState.Closed, "disposed", 0);
            }
        }
    }

    /// <summary>Runs while a socket is active, rotating as requested; returns why the active socket was lost.</summary>
    private async Task<string> RunSessionsAsync(CancellationToken stop)
    {
        while (true)
        {
            var wake = ResetWake();
            var active = Volatile.Read(ref _active)!;
            if (stop.IsCancellationRequested)
            {
                return "closing";
            }

            if (Interlocked.Exchange(ref _rotationRequested, 0) == 1 && !active.HasEnded)
            {
                await RotateAsync(Volatile.Read(ref _rotationReason) ?? "rotation", stop).ConfigureAwait(false);
                continue;
            }

            await Task.WhenAny(active.Completion, wake).ConfigureAwait(false);
            if (!active.HasEnded)
            {
                continue;
            }

            var reason = await active.Completion.ConfigureAwait(false);
            DisarmTimers();
            lock (_deliveryLock)
            {
                if (ReferenceEquals(_active, active))
                {
                    _active = null;
                }

                ClearOverlapLocked();
            }

            await active.DisposeAsync().ConfigureAwait(false);
            _logger.LogWarning("{Connection}: session {Session} lost: {Reason}", Name, active.Id, reason);
            return reason;
        }
    }

    private async Task<WebSocketSession> OpenSessionAsync(bool asCandidate, int attempt, CancellationToken stop)
    {
        var id = Interlocked.Increment(ref _sessionIds);
        var session = await WebSocketSession.ConnectAsync(id, this, _options, _time, _logger, _protocol as IApplicationHeartbeat, stop).ConfigureAwait(false);
        try
        {
            if (!asCandidate)
            {
                SetState(ConnectionState.Connected, $"session {id} open", attempt);
            }

            int subscribed;
            await _subscriptionGate.WaitAsync(stop).ConfigureAwait(false);
            try
            {
                lock (_deliveryLock)
                {
                    if (asCandidate)
                    {
                        _candidate = session;
                    }
                    else
                    {
                        _active = session;
                    }
                }

                session.StartReceiving();
                var topics = Topics;
                subscribed = topics.Count;
                if (subscribed > 0)
                {
                    await _protocol.SubscribeAsync(session, topics, stop).ConfigureAwait(false);
                }
            }
            finally
            {
                _subscriptionGate.Release();
            }

            if (!asCandidate)
            {
                // A rotation asked for while reconnecting is moot: this socket is new.
                Interlocked.Exchange(ref _rotationRequested, 0);
                ArmWatchdog();
                ArmRotation(_options.RotationInterval);
                SetState(ConnectionState.Subscribed, $"{subscribed} topics on session {id}", attempt);
            }

            return session;
        }
        catch
        {
            lock (_deliveryLock)
            {
                if (ReferenceEquals(_active, session))
                {
                    _active = null;
                }

                if (ReferenceEquals(_candidate, session))
                {
                    _candidate = null;
                }
            }

            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task RotateAsync(string reason, CancellationToken stop)
    {
        var old = Volatile.Read(ref _active)!;
        SetState(ConnectionState.Rotating, reason, 0);
        var overlap = new OverlapDeduplicator(_options.MaxOverlapBufferBytes);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_deliveryLock)
        {
            ClearOverlapLocked();
            _overlap = overlap;
            _overlapReady = ready;
            _candidateSubscribed = false;
            _switchReason = null;
        }

        WebSocketSession candidate;
        try
        {
            candidate = await OpenSessionAsync(asCandidate: true, 0, stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            AbandonRotation(overlap, old, $"rotation failed ({Describe(ex)})");
            return;
        }

        // Switching waits until the new socket is fully subscribed; frames buffered meanwhile may already confirm it.
        lock (_deliveryLock)
        {
            _candidateSubscribed = true;
            if (ReferenceEquals(_overlap, overlap) && (overlap.IsReadyToSwitch || overlap.IsBufferFull))
            {
                SwitchLocked(overlap, overlap.IsBufferFull ? "overlap buffer full" : "every stream confirmed on the new socket");
            }
        }

        using (var overlapTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop))
        {
            var timeout = Task.Delay(_options.RotationOverlapTimeout, _time, overlapTimeout.Token);
            await Task.WhenAny(ready.Task, timeout, old.Completion, candidate.Completion).ConfigureAwait(false);
            await overlapTimeout.CancelAsync().ConfigureAwait(false);
        }

        string switchReason;
        int unconfirmed;
        var abandoned = false;
        lock (_deliveryLock)
        {
            if (!ReferenceEquals(_active, candidate))
            {
                if (stop.IsCancellationRequested || candidate.HasEnded)
                {
                    _candidate = null;
                    abandoned = true;
                }
                else
                {
                    // Not confirmed in time (or the old socket ended): switch anyway.
                    SwitchLocked(overlap, old.HasEnded ? "the old socket ended" : "overlap timeout");
                }
            }

            switchReason = _switchReason ?? string.Empty;
            unconfirmed = overlap.UnconfirmedAtSwitch;
            _overlapReady = null;
        }

        if (abandoned)
        {
            var why = stop.IsCancellationRequested ? "closing" : await candidate.Completion.ConfigureAwait(false);
            await candidate.DisposeAsync().ConfigureAwait(false);
            AbandonRotation(overlap, old, $"rotation failed (new socket: {why})");
            return;
        }

        Interlocked.Add(ref _unconfirmedAtSwitch, unconfirmed);
        Interlocked.Increment(ref _rotations);
        ArmWatchdog();
        ArmRotation(_options.RotationInterval);
        SetState(ConnectionState.Subscribed, $"rotated to session {candidate.Id} ({switchReason}{(unconfirmed > 0 ? $", {unconfirmed} streams unconfirmed" : string.Empty)})", 0);
        _retiring = RetireAsync(old, _retiring);
    }

    private void AbandonRotation(OverlapDeduplicator overlap, WebSocketSession old, string reason)
    {
        lock (_deliveryLock)
        {
            if (ReferenceEquals(_overlap, overlap))
            {
                ClearOverlapLocked();
            }
        }

        Interlocked.Increment(ref _failedRotations);
        _logger.LogWarning("{Connection}: {Reason}; keeping session {Session}.", Name, reason, old.Id);
        if (!old.HasEnded)
        {
            ArmRotation(_options.RotationRetryDelay);
            SetState(ConnectionState.Subscribed, $"{reason}; keeping session {old.Id}, retrying in {_options.RotationRetryDelay.TotalSeconds:0} s", 0);
        }
    }

    private static async Task RetireAsync(WebSocketSession old, Task previous)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await old.CloseAsync("rotated to a new connection").ConfigureAwait(false);
        await old.DisposeAsync().ConfigureAwait(false);
    }

    private async Task CloseAllAsync()
    {
        DisarmTimers();
        WebSocketSession? active;
        WebSocketSession? candidate;
        lock (_deliveryLock)
        {
            active = _active;
            candidate = _candidate;
            _active = null;
            _candidate = null;
            ClearOverlapLocked();
        }

        foreach (var session in new[] { candidate, active })
        {
            if (session is not null)
            {
                await session.CloseAsync("closing").ConfigureAwait(false);
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private List<WebSocketSession> LiveSessions()
    {
        lock (_deliveryLock)
        {
            var sessions = new List<WebSocketSession>(2);
            if (_active is { HasEnded: false } active)
            {
                sessions.Add(active);
            }

            if (_candidate is { HasEnded: false } candidate)
            {
                sessions.Add(candidate);
            }

            return sessions;
        }
    }

    private List<string> RemoveTopics(IEnumerable<string> topics)
    {
        var removed = new List<string>();
        lock (_topics)
        {
            foreach (var topic in topics)
            {
                if (_topicSet.Remove(topic))
                {
                    _topics.Remove(topic);
                    removed.Add(topic);
                }
            }
        }

        return removed;
    }

    private void Deliver(ReadOnlyMemory<byte> payload, long receivedAtNanos, bool isText)
    {
        var frame = new WebSocketFrame(payload, receivedAtNanos, isText, _options.Name);
        try
        {
            _handler(in frame);
            _framesDelivered++;
        }
        catch (Exception ex)
        {
            var errors = ++_handlerErrors;
            if (errors <= 10 || errors % 10_000 == 0)
            {
                _logger.LogError(ex, "{Connection}: the frame handler threw ({Errors} so far); the frame was skipped.", Name, errors);
            }
        }
    }

    /// <summary>Hands the buffered frames over and makes the candidate the active socket; under the delivery lock.</summary>
    private void SwitchLocked(OverlapDeduplicator overlap, string reason)
    {
        overlap.Switch(DeliverBuffered);
        _active = _candidate;
        _candidate = null;
        _switchReason = reason;
        _overlapReady?.TrySetResult();
    }

    private void DeliverBuffered(ReadOnlyMemory<byte> payload, long receivedAtNanos, bool isText) => Deliver(payload, receivedAtNanos, isText);

    private void ClearOverlapLocked()
    {
        if (_overlap is { } overlap)
        {
            _duplicatesDropped += overlap.DuplicatesDropped;
            overlap.Dispose();
            _overlap = null;
        }

        _overlapReady?.TrySetResult();
        _overlapReady = null;
    }

    private void ArmWatchdog()
    {
        if (_options.WatchdogTimeout is not { } timeout || TopicCount == 0)
        {
            _watchdog?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        _watchdog ??= _time.CreateTimer(static state => ((WebSocketConnection)state!).OnWatchdog(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watchdog.Change(timeout, Timeout.InfiniteTimeSpan);
    }

    private void OnWatchdog()
    {
        var session = Volatile.Read(ref _active);
        if (session is null || session.HasEnded || _options.WatchdogTimeout is not { } timeout || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var silent = TimeSpan.FromTicks((UnixNanos.Now(_time) - session.LastFrameAtNanos) / 100);
        if (silent >= timeout)
        {
            Interlocked.Increment(ref _watchdogTrips);
            session.Abort($"watchdog: no data for {silent.TotalSeconds:0.###} s");
            return;
        }

        try
        {
            _watchdog?.Change(timeout - silent, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently.
        }
    }

    private void ArmRotation(TimeSpan? after)
    {
        if (after is not { } delay)
        {
            return;
        }

        _rotationTimer ??= _time.CreateTimer(
            static state => ((WebSocketConnection)state!).RequestRotation("scheduled rotation before the venue's connection lifetime ends"),
            this,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        _rotationTimer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private void DisarmTimers()
    {
        _watchdog?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _rotationTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Interlocked.Exchange(ref _rotationRequested, 0);
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        if (delay > TimeSpan.Zero)
        {
            // Forced yielding keeps the supervisor off the thread that fired the timer (a test advancing a fake clock).
            await Task.Delay(delay, _time, stop).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        }
    }

    private void Wake() => Volatile.Read(ref _wake).TrySetResult();

    private Task ResetWake()
    {
        var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _wake, fresh);
        if (_lifetime.IsCancellationRequested)
        {
            fresh.TrySetResult();
        }

        return fresh.Task;
    }

    private void SetState(ConnectionState next, string reason, int attempt, TimeSpan? retryDelay = null)
    {
        lock (_stateLock)
        {
            var previous = _state;
            if (previous is ConnectionState.Closed or ConnectionState.Faulted)
            {
                return;
            }

            _state = next;
            var change = new ConnectionStateChanged(Name, previous, next, reason, attempt, UnixNanos.Now(_time)) { RetryDelay = retryDelay };
            _logger.Log(next is ConnectionState.Faulted or ConnectionState.CircuitOpen ? LogLevel.Warning : LogLevel.Information, "{Change}", change);
            _states.Publish(change);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        WebSocketException { InnerException: { } inner } when !ex.Message.Contains(inner.Message, StringComparison.Ordinal) => $"{ex.Message} ({inner.Message})",
        _ => ex.Message,
    };
}
