using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FlowSight.TestServers.GateIo;

/// <summary>One client socket on the <see cref="GateIoTestServer"/>: what it asked for, and faults to inject into it.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never allocates a wait handle.")]
public sealed class GateIoServerConnection
{
    private readonly HttpContext _context;
    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly List<string> _received = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _pushes;
    private long _pings;

    internal GateIoServerConnection(int id, bool futures, HttpContext context, WebSocket socket)
    {
        Id = id;
        IsFutures = futures;
        _context = context;
        _socket = socket;
    }

    /// <summary>The connection's number (1, 2, … in order of arrival).</summary>
    public int Id { get; }

    /// <summary>True on the USDT-futures path.</summary>
    public bool IsFutures { get; }

    /// <summary>True until the socket closed.</summary>
    public bool IsOpen => !_closed.Task.IsCompleted;

    /// <summary>Completes when the socket closed.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Notifications pushed.</summary>
    public long PushesSent => Volatile.Read(ref _pushes);

    /// <summary><c>*.ping</c> requests received.</summary>
    public long PingsReceived => Volatile.Read(ref _pings);

    /// <summary>When true, pings get no pong (the client should give the socket up).</summary>
    public bool IgnorePings { get; set; }

    /// <summary>Every text message received, in order.</summary>
    public IReadOnlyList<string> ReceivedMessages
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Drops the TCP connection without a close handshake.</summary>
    public void Abort()
    {
        try
        {
            _context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }
    }

    /// <summary>Closes the socket with a close frame.</summary>
    public async Task CloseAsync(string description = "closed by the test")
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, description, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            // Already gone.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends any text (e.g. a malformed frame).</summary>
    public async Task SendTextAsync(string text)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    internal async Task PushAsync(string json)
    {
        await SendTextAsync(json);
        Interlocked.Increment(ref _pushes);
    }

    internal void CountPing() => Interlocked.Increment(ref _pings);

    internal async Task RunAsync(Func<GateIoServerConnection, string, Task> onMessage)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var text = Encoding.UTF8.GetString(buffer, 0, count);
                lock (_received)
                {
                    _received.Add(text);
                }

                await onMessage(this, text);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // Aborted by either side.
        }
        finally
        {
            _closed.TrySetResult();
        }
    }
}
