using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FlowSight.TestServers.Okx;

/// <summary>
/// One client connection to the <see cref="OkxTestServer"/>: its path, subscriptions (<c>channel:instId</c>), the
/// messages it sent, and the faults a test can inject (abort, close, silence, unanswered pings, dropped pushes,
/// arbitrary text).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never allocates a wait handle; it lives as long as the server.")]
public sealed class OkxServerConnection
{
    private readonly OkxTestServer _server;
    private readonly HttpContext _context;
    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly List<string> _subscriptions = [];
    private readonly List<string> _received = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _skip;
    private long _pushesSent;
    private long _pings;
    private long _pongs;

    internal OkxServerConnection(int id, OkxTestServer server, HttpContext context, WebSocket socket, string path)
    {
        Id = id;
        _server = server;
        _context = context;
        _socket = socket;
        Path = path;
        ConnId = $"{id:x8}";
    }

    /// <summary>The connection's number on its server (1 for the first accepted).</summary>
    public int Id { get; }

    /// <summary>OKX's <c>connId</c> in replies.</summary>
    public string ConnId { get; }

    /// <summary><c>/ws/v5/public</c> or <c>/ws/v5/business</c>.</summary>
    public string Path { get; }

    /// <summary>True for the business endpoint (candles).</summary>
    public bool IsBusiness => Path.EndsWith("/business", StringComparison.Ordinal);

    /// <summary>True until the socket closes.</summary>
    public bool IsOpen => !_closed.Task.IsCompleted;

    /// <summary>Completes when the socket is gone.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Pushes written.</summary>
    public long PushesSent => Volatile.Read(ref _pushesSent);

    /// <summary>Text <c>ping</c>s received.</summary>
    public long PingsReceived => Volatile.Read(ref _pings);

    /// <summary>Text <c>pong</c>s sent (written to the socket).</summary>
    public long PongsSent => Volatile.Read(ref _pongs);

    /// <summary>Stops answering <c>ping</c> (everything else goes on).</summary>
    public bool IgnorePings { get; set; }

    /// <summary>Sends nothing at all any more, neither pushes nor pongs nor replies (a hung server).</summary>
    public bool Silent { get; set; }

    /// <summary>The subscriptions, in order.</summary>
    public IReadOnlyList<string> Subscriptions
    {
        get
        {
            lock (_subscriptions)
            {
                return [.. _subscriptions];
            }
        }
    }

    /// <summary>The text messages the client sent, in order (pings included).</summary>
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

    /// <summary>True when subscribed to <paramref name="topic"/>.</summary>
    public bool IsSubscribed(string topic)
    {
        lock (_subscriptions)
        {
            return _subscriptions.Contains(topic, StringComparer.Ordinal);
        }
    }

    /// <summary>Drops the TCP connection without a close handshake.</summary>
    public void Abort()
    {
        if (IsOpen)
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
    }

    /// <summary>Closes with a close frame.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string description = "closed by the test")
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync(status, description, CancellationToken.None);
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

    /// <summary>Drops the next <paramref name="count"/> pushes meant for this connection.</summary>
    public void SkipNextPushes(int count) => Interlocked.Add(ref _skip, count);

    /// <summary>Sends any text now, e.g. a malformed frame.</summary>
    public Task SendTextAsync(string text) => SendAsync(text, force: true);

    internal void AddSubscription(string topic)
    {
        lock (_subscriptions)
        {
            if (!_subscriptions.Contains(topic, StringComparer.Ordinal))
            {
                _subscriptions.Add(topic);
            }
        }
    }

    internal void RemoveSubscription(string topic)
    {
        lock (_subscriptions)
        {
            _subscriptions.Remove(topic);
        }
    }

    internal async Task PushAsync(string json)
    {
        if (Silent)
        {
            return;
        }

        if (Volatile.Read(ref _skip) > 0 && Interlocked.Decrement(ref _skip) >= 0)
        {
            return;
        }

        await SendAsync(json, force: false);
        Interlocked.Increment(ref _pushesSent);
    }

    internal Task ReplyAsync(string json) => Silent ? Task.CompletedTask : SendAsync(json, force: false);

    internal async Task RunAsync()
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

                if (text == "ping")
                {
                    Interlocked.Increment(ref _pings);
                    if (!IgnorePings)
                    {
                        await ReplyAsync("pong");
                        if (!Silent)
                        {
                            Interlocked.Increment(ref _pongs);
                        }
                    }
                }
                else
                {
                    await _server.HandleRequestAsync(this, text);
                }

                _server.Signal.Pulse();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The client went away or the test aborted the connection.
        }
        finally
        {
            _closed.TrySetResult();
            _server.Signal.Pulse();
        }
    }

    private async Task SendAsync(string text, bool force)
    {
        if (!force && !IsOpen)
        {
            return;
        }

        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The socket is gone; the receive loop reports it.
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
