using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace FlowSight.PaperVenue.Streaming;

/// <summary>
/// One client's WebSocket on the paper venue: a receive loop handing each text message to the protocol, and a send
/// loop draining a bounded queue. <see cref="TrySend"/> never blocks (the exchange thread calls it): when a client
/// falls <see cref="MaxQueued"/> messages behind it is disconnected (1008, as venues drop slow consumers) rather than
/// slowing the exchange or the other subscribers.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "RunAsync disposes the token source when the connection ends.")]
public sealed class PaperWebSocket
{
    private const int MaxMessageBytes = 1 << 20;
    private readonly WebSocket _socket;
    private readonly Channel<ReadOnlyMemory<byte>> _outbox;
    private readonly CancellationTokenSource _closing = new();
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private long _sent;
    private int _closed;

    /// <summary>Wraps an accepted socket.</summary>
    /// <param name="socket">The accepted WebSocket.</param>
    /// <param name="maxQueued">Messages queued before the client counts as too slow.</param>
    /// <param name="id">A number for logs and tests.</param>
    public PaperWebSocket(WebSocket socket, int maxQueued, long id)
    {
        _socket = socket ?? throw new ArgumentNullException(nameof(socket));
        MaxQueued = maxQueued;
        Id = id;
        _outbox = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(maxQueued)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The connection's number.</summary>
    public long Id { get; }

    /// <summary>Queue length at which the client is dropped.</summary>
    public int MaxQueued { get; }

    /// <summary>Messages written to the socket so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>True until the connection is closed or dropped.</summary>
    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>Why it was closed by the server, if it was.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>Protocol state attached to the connection (subscriptions, login).</summary>
    public object? State { get; set; }

    /// <summary>Queues a UTF-8 text message; false when the connection is closed or was just dropped as too slow.</summary>
    public bool TrySend(ReadOnlyMemory<byte> utf8)
    {
        if (!IsOpen)
        {
            return false;
        }

        if (_outbox.Writer.TryWrite(utf8))
        {
            return true;
        }

        Close(WebSocketCloseStatus.PolicyViolation, "Client too slow: outbound queue full.");
        return false;
    }

    /// <summary>Closes the connection after what is queued (any thread).</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        CloseReason = reason;
        _closeStatus = status;
        _outbox.Writer.TryComplete();
    }

    /// <summary>
    /// Runs the connection until either side closes: each complete text message received is passed to
    /// <paramref name="onMessage"/> (on this connection's receive loop; replies go through <see cref="TrySend"/>).
    /// </summary>
    public async Task RunAsync(Func<PaperWebSocket, ReadOnlyMemory<byte>, ValueTask> onMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onMessage);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        var sending = SendLoopAsync(linked.Token);
        try
        {
            await ReceiveLoopAsync(onMessage, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away; nothing to report to it.
        }
        finally
        {
            Close(WebSocketCloseStatus.NormalClosure, CloseReason ?? "closed");
            try
            {
                await sending.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
            }

            await _closing.CancelAsync().ConfigureAwait(false);
            _closing.Dispose();
        }
    }

    private async Task ReceiveLoopAsync(Func<PaperWebSocket, ReadOnlyMemory<byte>, ValueTask> onMessage, CancellationToken token)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (IsOpen && _socket.State == WebSocketState.Open)
        {
            var memory = buffer.GetMemory(4096);
            var result = await _socket.ReceiveAsync(memory, token).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxMessageBytes)
            {
                Close(WebSocketCloseStatus.MessageTooBig, "Message too big.");
                return;
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            await onMessage(this, buffer.WrittenMemory).ConfigureAwait(false);
            buffer.ResetWrittenCount();
        }
    }

    private async Task SendLoopAsync(CancellationToken token)
    {
        var reader = _outbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    await _socket.SendAsync(message, WebSocketMessageType.Text, true, token).ConfigureAwait(false);
                    Interlocked.Increment(ref _sent);
                }
            }
        }
        finally
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await _socket.CloseOutputAsync(_closeStatus, CloseReason ?? "closed", timeout.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
                {
                }
            }

            if (_socket.State != WebSocketState.Closed)
            {
                _socket.Abort();
            }
        }
    }
}
