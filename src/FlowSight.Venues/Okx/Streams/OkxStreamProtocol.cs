using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlowSight.Venues.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Venues.Okx.Streams;

/// <summary>
/// OKX v5's public WebSocket protocol: <c>{"id","op":"subscribe"|"unsubscribe","args":[{"channel","instId"}…]}</c>
/// requests, each argument's acknowledgement (<c>{"event":"subscribe","arg":{…}}</c>) checked, so a request completes
/// only once every argument was acknowledged; an <c>{"event":"error","code","msg"}</c> reply fails its request (by the
/// echoed <c>id</c>, or the oldest waiting request when the reply has none) with <see cref="WebSocketRequestException"/>.
/// Also the text <c>ping</c>/<c>pong</c> heartbeat (<see cref="IApplicationHeartbeat"/>), the <c>notice</c> event
/// (the server will close the socket: replace it now), OKX's per-connection request limit, and the rotation keys.
/// One instance serves any number of connections.
/// </summary>
public sealed class OkxStreamProtocol : IWebSocketProtocol, IApplicationHeartbeat
{
    private static readonly byte[] PingBytes = "ping"u8.ToArray();
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly OkxStreamProtocolOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConditionalWeakTable<WebSocketSession, SessionRequests> _sessions = [];
    private long _acknowledgements;
    private long _errorReplies;
    private long _uncorrelatedReplies;
    private long _notices;

    /// <summary>Creates the protocol.</summary>
    /// <param name="options">Timeouts, heartbeat and limits.</param>
    /// <param name="time">The clock of the per-connection request limit; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Logs refused requests and notices.</param>
    public OkxStreamProtocol(OkxStreamProtocolOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        _options = options ?? new OkxStreamProtocolOptions();
        _options.Validate();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public TimeSpan PingInterval => _options.PingInterval;

    /// <inheritdoc />
    public TimeSpan PongTimeout => _options.PongTimeout;

    /// <summary>Argument acknowledgements received.</summary>
    public long Acknowledgements => Volatile.Read(ref _acknowledgements);

    /// <summary><c>error</c> replies received (each failed its request, or was logged when none waited).</summary>
    public long ErrorReplies => Volatile.Read(ref _errorReplies);

    /// <summary>Replies that matched no waiting request (late after a timeout, or repeated).</summary>
    public long UncorrelatedReplies => Volatile.Read(ref _uncorrelatedReplies);

    /// <summary><c>notice</c> events received (each asked for the socket to be replaced).</summary>
    public long Notices => Volatile.Read(ref _notices);

    /// <inheritdoc />
    public ReadOnlyMemory<byte> CreatePing(DateTimeOffset now) => PingBytes;

    /// <inheritdoc />
    public bool IsPong(ReadOnlySpan<byte> frame) => frame.Length == 4 && frame.SequenceEqual("pong"u8);

    /// <inheritdoc />
    public Task SubscribeAsync(WebSocketSession session, IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        SendInChunksAsync(session, "subscribe", topics, cancellationToken);

    /// <inheritdoc />
    public Task UnsubscribeAsync(WebSocketSession session, IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        SendInChunksAsync(session, "unsubscribe", topics, cancellationToken);

    /// <inheritdoc />
    public bool TryHandleControlFrame(WebSocketSession session, ReadOnlySpan<byte> frame)
    {
        if (IsPong(frame))
        {
            return true; // a pong the heartbeat did not wait for
        }

        if (OkxFrameInspector.IsPush(frame))
        {
            return false;
        }

        var reply = OkxFrameInspector.ReadReply(frame);
        var requests = _sessions.GetValue(session, static _ => new SessionRequests());
        switch (reply.Event)
        {
            case "subscribe":
            case "unsubscribe":
                if (requests.Acknowledge(reply, out var completed))
                {
                    Interlocked.Increment(ref _acknowledgements);
                    if (completed is { } id)
                    {
                        session.TryCompleteRequest(id, frame);
                    }
                }
                else
                {
                    Interlocked.Increment(ref _uncorrelatedReplies);
                }

                return true;
            case "error":
                Interlocked.Increment(ref _errorReplies);
                if (requests.TakeFailed(reply.Id) is { } failed
                    && session.TryFailRequest(failed, new WebSocketRequestException(session.ConnectionName, failed, reply.Code, reply.Message ?? "(no message)")))
                {
                    return true;
                }

                Interlocked.Increment(ref _uncorrelatedReplies);
                _logger.LogWarning("{Connection}: error reply without a waiting request: {Reply}", session.ConnectionName, Encoding.UTF8.GetString(frame));
                return true;
            case "notice":
                Interlocked.Increment(ref _notices);
                _logger.LogWarning("{Connection}: notice {Code}: {Message}; replacing the socket.", session.ConnectionName, reply.Code, reply.Message);
                session.RequestReplacement($"OKX notice {reply.Code}: {reply.Message}");
                return true;
            default:
                return true; // login, channel-conn-count…: nothing to do for public market data
        }
    }

    /// <inheritdoc />
    public bool TryGetSequenceKey(ReadOnlySpan<byte> frame, out StreamSequenceKey key) => OkxFrameInspector.TryGetSequenceKey(frame, out key);

    private async Task SendInChunksAsync(WebSocketSession session, string op, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(topics);
        var requests = _sessions.GetValue(session, static _ => new SessionRequests());
        var chunk = new List<(string Topic, string Channel, string InstId)>();
        var bytes = 0;
        foreach (var topic in topics)
        {
            var (channel, instId) = OkxTopics.Parse(topic);
            var size = channel.Length + instId.Length + 26; // {"channel":"","instId":""},
            if (chunk.Count > 0 && bytes + size > _options.MaxArgsBytesPerRequest)
            {
                await RequestAsync(session, requests, op, chunk, cancellationToken).ConfigureAwait(false);
                chunk.Clear();
                bytes = 0;
            }

            chunk.Add((topic, channel, instId));
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            await RequestAsync(session, requests, op, chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RequestAsync(
        WebSocketSession session, SessionRequests requests, string op, List<(string Topic, string Channel, string InstId)> args, CancellationToken cancellationToken)
    {
        await requests.WaitForRequestSlotAsync(_options.MaxRequestsPerHour, _time, cancellationToken).ConfigureAwait(false);
        var id = session.NextRequestId();
        var buffer = new ArrayBufferWriter<byte>(64 + (args.Count * 48));
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            if (_options.SendRequestIds)
            {
                json.WriteString("id"u8, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            json.WriteString("op"u8, op);
            json.WriteStartArray("args"u8);
            foreach (var (_, channel, instId) in args)
            {
                json.WriteStartObject();
                json.WriteString("channel"u8, channel);
                json.WriteString("instId"u8, instId);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        requests.Add(id, op, args.Select(a => a.Topic));
        try
        {
            await session.SendRequestAsync(id, buffer.WrittenMemory, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            requests.Remove(id);
        }
    }

    /// <summary>The requests waiting on one socket, and its request budget.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never allocates a wait handle; it lives as long as the socket.")]
    private sealed class SessionRequests
    {
        private readonly Lock _gate = new();
        private readonly List<Pending> _pending = [];
        private readonly SemaphoreSlim _slot = new(1, 1);
        private MessageRateLimiter? _hourly;

        public async Task WaitForRequestSlotAsync(int perHour, TimeProvider time, CancellationToken cancellationToken)
        {
            await _slot.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _hourly ??= new MessageRateLimiter(perHour, TimeSpan.FromHours(1), time);
                await _hourly.WaitAndRecordAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _slot.Release();
            }
        }

        public void Add(long id, string op, IEnumerable<string> topics)
        {
            lock (_gate)
            {
                _pending.Add(new Pending(id, op, new HashSet<string>(topics, StringComparer.Ordinal)));
            }
        }

        public void Remove(long id)
        {
            lock (_gate)
            {
                _pending.RemoveAll(p => p.Id == id);
            }
        }

        /// <summary>Ticks off one argument; <paramref name="completed"/> is the request id once all its arguments are in.</summary>
        public bool Acknowledge(OkxControlReply reply, out long? completed)
        {
            completed = null;
            lock (_gate)
            {
                foreach (var pending in _pending)
                {
                    if ((reply.Id is { } id && pending.Id != id) || pending.Op != reply.Event || reply.Topic is null || !pending.Remaining.Remove(reply.Topic))
                    {
                        continue;
                    }

                    if (pending.Remaining.Count == 0)
                    {
                        completed = pending.Id;
                    }

                    return true;
                }
            }

            return false;
        }

        /// <summary>The request an error belongs to: the echoed id, else the oldest waiting request.</summary>
        public long? TakeFailed(long? id)
        {
            lock (_gate)
            {
                if (id is { } echoed)
                {
                    return _pending.Exists(p => p.Id == echoed) ? echoed : null;
                }

                return _pending.Count > 0 ? _pending[0].Id : null;
            }
        }

        private sealed record Pending(long Id, string Op, HashSet<string> Remaining);
    }
}
