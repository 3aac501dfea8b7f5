using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlowSight.Venues.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Venues.Binance.Streams;

/// <summary>
/// Binance's live-subscription protocol on a combined-stream socket: <c>SUBSCRIBE</c>, <c>UNSUBSCRIBE</c> and
/// <c>LIST_SUBSCRIPTIONS</c> requests with numeric ids, replies checked (<c>{"result":null,"id":N}</c>; an error object
/// fails the request with <see cref="WebSocketRequestException"/>; no reply within
/// <see cref="BinanceStreamProtocolOptions.RequestTimeout"/> is a <see cref="TimeoutException"/>), the spot
/// <c>serverShutdown</c> notice (rotate the socket now), and the de-duplication keys used during rotations.
/// One instance serves any number of connections.
/// </summary>
public sealed class BinanceStreamProtocol : IWebSocketProtocol
{
    private readonly BinanceStreamProtocolOptions _options;
    private readonly ILogger _logger;
    private long _errorReplies;
    private long _uncorrelatedReplies;
    private long _serverShutdowns;

    /// <summary>Creates the protocol.</summary>
    public BinanceStreamProtocol(BinanceStreamProtocolOptions? options = null, ILogger? logger = null)
    {
        _options = options ?? new BinanceStreamProtocolOptions();
        _options.Validate();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Error replies received (each failed its request, or was logged when it carried no id).</summary>
    public long ErrorReplies => Volatile.Read(ref _errorReplies);

    /// <summary>Replies that matched no waiting request (late after a timeout, or without an id).</summary>
    public long UncorrelatedReplies => Volatile.Read(ref _uncorrelatedReplies);

    /// <summary><c>serverShutdown</c> notices received.</summary>
    public long ServerShutdowns => Volatile.Read(ref _serverShutdowns);

    /// <inheritdoc />
    public Task SubscribeAsync(WebSocketSession session, IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        SendInChunksAsync(session, "SUBSCRIBE", topics, cancellationToken);

    /// <inheritdoc />
    public Task UnsubscribeAsync(WebSocketSession session, IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        SendInChunksAsync(session, "UNSUBSCRIBE", topics, cancellationToken);

    /// <summary>Asks the server which streams this socket is subscribed to (<c>LIST_SUBSCRIPTIONS</c>).</summary>
    public async Task<IReadOnlyList<string>> ListSubscriptionsAsync(WebSocketSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var reply = await RequestAsync(session, "LIST_SUBSCRIPTIONS", null, cancellationToken).ConfigureAwait(false);
        return BinanceFrameInspector.ReadResultStrings(reply);
    }

    /// <inheritdoc />
    public bool TryHandleControlFrame(WebSocketSession session, ReadOnlySpan<byte> frame)
    {
        switch (BinanceFrameInspector.Classify(frame))
        {
            case BinanceFrameKind.Data:
                return false;
            case BinanceFrameKind.ServerShutdown:
                Interlocked.Increment(ref _serverShutdowns);
                session.RequestReplacement("serverShutdown");
                return true;
        }

        var reply = BinanceFrameInspector.ReadReply(frame);
        if (reply.IsError)
        {
            Interlocked.Increment(ref _errorReplies);
            var error = new WebSocketRequestException(session.ConnectionName, reply.Id ?? 0, reply.Code, reply.Message ?? "(no message)");
            if (reply.Id is not { } failedId || !session.TryFailRequest(failedId, error))
            {
                Interlocked.Increment(ref _uncorrelatedReplies);
                _logger.LogWarning("{Connection}: error reply without a waiting request: {Reply}", session.ConnectionName, System.Text.Encoding.UTF8.GetString(frame));
            }

            return true;
        }

        if (reply.Id is not { } id || !session.TryCompleteRequest(id, frame))
        {
            Interlocked.Increment(ref _uncorrelatedReplies);
            _logger.LogDebug("{Connection}: reply without a waiting request: {Reply}", session.ConnectionName, System.Text.Encoding.UTF8.GetString(frame));
        }

        return true;
    }

    /// <inheritdoc />
    public bool TryGetSequenceKey(ReadOnlySpan<byte> frame, out StreamSequenceKey key) =>
        BinanceFrameInspector.TryGetSequenceKey(frame, out key);

    private async Task SendInChunksAsync(WebSocketSession session, string method, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(topics);
        var all = topics as string[] ?? [.. topics];
        for (var start = 0; start < all.Length; start += _options.MaxStreamsPerRequest)
        {
            var chunk = new ArraySegment<string>(all, start, Math.Min(_options.MaxStreamsPerRequest, all.Length - start));
            var reply = await RequestAsync(session, method, chunk, cancellationToken).ConfigureAwait(false);
            if (!BinanceFrameInspector.ResultIsNull(reply))
            {
                throw new WebSocketRequestException(session.ConnectionName, 0, null, $"unexpected reply to {method}: {System.Text.Encoding.UTF8.GetString(reply)}");
            }
        }
    }

    private async Task<byte[]> RequestAsync(WebSocketSession session, string method, IReadOnlyList<string>? parameters, CancellationToken cancellationToken)
    {
        var id = session.NextRequestId();
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("method"u8, method);
            if (parameters is not null)
            {
                json.WriteStartArray("params"u8);
                foreach (var parameter in parameters)
                {
                    json.WriteStringValue(parameter);
                }

                json.WriteEndArray();
            }

            json.WriteNumber("id"u8, id);
            json.WriteEndObject();
        }

        return await session.SendRequestAsync(id, buffer.WrittenMemory, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
    }
}
