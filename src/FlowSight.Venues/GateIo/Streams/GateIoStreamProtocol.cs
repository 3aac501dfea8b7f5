using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlowSight.Venues.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Venues.GateIo.Streams;

/// <summary>
/// Gate.io's v4 WebSocket protocol on one market's socket: a <c>subscribe</c>/<c>unsubscribe</c> request per topic,
/// <c>{"time":s,"id":n,"channel":..,"event":..,"payload":[..]}</c>, each checked against its reply by <c>id</c> (an
/// <c>error</c> object fails the request with <see cref="WebSocketRequestException"/>; no reply within
/// <see cref="GateIoStreamProtocolOptions.RequestTimeout"/> is a <see cref="TimeoutException"/>); the application
/// heartbeat <c>{"time":s,"channel":"spot.ping"}</c> (or <c>futures.ping</c>) answered by <c>*.pong</c>; and the
/// de-duplication key of <c>order_book_update</c> frames during rotations. One instance per market.
/// </summary>
public sealed class GateIoStreamProtocol : IWebSocketProtocol, IApplicationHeartbeat
{
    private readonly GateIoStreamProtocolOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly byte[] _pongChannel;
    private long _errorReplies;
    private long _uncorrelatedReplies;

    /// <summary>Creates the protocol.</summary>
    public GateIoStreamProtocol(GateIoStreamProtocolOptions? options = null, ILogger? logger = null)
    {
        _options = options ?? new GateIoStreamProtocolOptions();
        _options.Validate();
        _time = _options.Time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _pongChannel = Encoding.UTF8.GetBytes($"\"{_options.Market.ChannelPrefix()}.pong\"");
    }

    /// <summary>The market.</summary>
    public GateIoMarket Market => _options.Market;

    /// <summary>Error replies received (each failed its request, or was logged when it matched none).</summary>
    public long ErrorReplies => Volatile.Read(ref _errorReplies);

    /// <summary>Replies that matched no waiting request (late after a timeout, or without an id).</summary>
    public long UncorrelatedReplies => Volatile.Read(ref _uncorrelatedReplies);

    /// <inheritdoc />
    public TimeSpan PingInterval => _options.PingInterval;

    /// <inheritdoc />
    public TimeSpan PongTimeout => _options.PongTimeout;

    /// <inheritdoc />
    public Task SubscribeAsync(WebSocketSession session, IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        SendAllAsync(session, "subscribe", topics, cancellationToken);

    /// <inheritdoc />
    public Task UnsubscribeAsync(WebSocketSession session, IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        SendAllAsync(session, "unsubscribe", topics, cancellationToken);

    /// <inheritdoc />
    public ReadOnlyMemory<byte> CreatePing(DateTimeOffset now) =>
        Encoding.UTF8.GetBytes($"{{\"time\":{now.ToUnixTimeSeconds()},\"channel\":\"{_options.Market.ChannelPrefix()}.ping\"}}");

    /// <inheritdoc />
    public bool IsPong(ReadOnlySpan<byte> frame)
    {
        // {"time":..,"time_ms":..,"channel":"spot.pong",...}: the channel sits in the first hundred bytes.
        var head = frame[..Math.Min(frame.Length, 128)];
        return head.IndexOf(_pongChannel) >= 0;
    }

    /// <inheritdoc />
    public bool TryHandleControlFrame(WebSocketSession session, ReadOnlySpan<byte> frame)
    {
        ArgumentNullException.ThrowIfNull(session);
        switch (GateIoFrameInspector.Classify(frame))
        {
            case GateIoFrameKind.Data:
                return false;
            case GateIoFrameKind.Pong:
                return true; // a pong the heartbeat did not wait for
        }

        var reply = GateIoFrameInspector.ReadReply(frame);
        if (reply.IsError)
        {
            Interlocked.Increment(ref _errorReplies);
            var error = new WebSocketRequestException(session.ConnectionName, reply.Id ?? 0, reply.Code, $"{reply.Event} {reply.Channel}: {reply.Message ?? "(no message)"}");
            if (reply.Id is not { } failedId || !session.TryFailRequest(failedId, error))
            {
                Interlocked.Increment(ref _uncorrelatedReplies);
                _logger.LogWarning("{Connection}: error reply without a waiting request: {Reply}", session.ConnectionName, Encoding.UTF8.GetString(frame));
            }

            return true;
        }

        if (reply.Id is not { } id || !session.TryCompleteRequest(id, frame))
        {
            Interlocked.Increment(ref _uncorrelatedReplies);
            _logger.LogDebug("{Connection}: reply without a waiting request: {Reply}", session.ConnectionName, Encoding.UTF8.GetString(frame));
        }

        return true;
    }

    /// <inheritdoc />
    public bool TryGetSequenceKey(ReadOnlySpan<byte> frame, out StreamSequenceKey key) =>
        GateIoFrameInspector.TryGetSequenceKey(frame, out key);

    /// <summary>Writes one request: <c>{"time","id","channel","event","payload"}</c>.</summary>
    public static byte[] WriteRequest(long time, long id, string channel, string eventName, IReadOnlyList<string> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("time"u8, time);
            json.WriteNumber("id"u8, id);
            json.WriteString("channel"u8, channel);
            json.WriteString("event"u8, eventName);
            json.WriteStartArray("payload"u8);
            foreach (var item in payload)
            {
                json.WriteStringValue(item);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task SendAllAsync(WebSocketSession session, string eventName, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(topics);
        var requests = new List<Task>(topics.Count);
        foreach (var topic in topics)
        {
            var (channel, payload) = GateIoTopics.Split(topic);
            requests.Add(RequestAsync(session, channel, eventName, payload, cancellationToken));
        }

        // Sent back to back (the session paces them), acknowledged in any order; the first refusal is reported.
        await Task.WhenAll(requests).ConfigureAwait(false);
    }

    private async Task RequestAsync(WebSocketSession session, string channel, string eventName, string[] payload, CancellationToken cancellationToken)
    {
        var id = session.NextRequestId();
        var request = WriteRequest(_time.GetUtcNow().ToUnixTimeSeconds(), id, channel, eventName, payload);
        var reply = await session.SendRequestAsync(id, request, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        var parsed = GateIoFrameInspector.ReadReply(reply);
        if (!string.Equals(parsed.Event, eventName, StringComparison.Ordinal) || !string.Equals(parsed.Channel, channel, StringComparison.Ordinal))
        {
            throw new WebSocketRequestException(session.ConnectionName, id, null, $"unexpected reply to {eventName} {channel}: {Encoding.UTF8.GetString(reply)}");
        }
    }
}
