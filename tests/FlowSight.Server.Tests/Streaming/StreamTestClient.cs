using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Xunit;

namespace FlowSight.Server.Tests.Streaming;

/// <summary>A real <see cref="ClientWebSocket"/> with a reader that timestamps every message as it arrives.</summary>
internal sealed class StreamTestClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<StreamTestMessage> _received = Channel.CreateUnbounded<StreamTestMessage>();
    private Task _reading = Task.CompletedTask;

    private StreamTestClient()
    {
        _socket.Options.CollectHttpResponseDetails = true;
    }

    /// <summary>The handshake's status when the server refused the upgrade.</summary>
    public HttpStatusCode HttpStatusCode => _socket.HttpStatusCode;

    /// <summary>The socket itself (its close status after the server closed).</summary>
    public ClientWebSocket Socket => _socket;

    /// <summary>Connects to <c>/ws</c>; with <paramref name="read"/> false nothing is ever read (a stalled client).</summary>
    public static async Task<StreamTestClient> ConnectAsync(Uri baseAddress, string? token = null, bool read = true)
    {
        var client = new StreamTestClient();
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/ws", Query = token is null ? string.Empty : "access_token=" + Uri.EscapeDataString(token) }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client._socket.ConnectAsync(uri, timeout.Token);
        if (read)
        {
            client._reading = Task.Run(client.ReadAsync);
        }

        return client;
    }

    /// <summary>Tries to connect and returns the refused handshake's status (or 101 when it was accepted).</summary>
    public static async Task<HttpStatusCode> TryConnectAsync(Uri baseAddress, string? token = null)
    {
        var client = new StreamTestClient();
        await using (client)
        {
            var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/ws", Query = token is null ? string.Empty : "access_token=" + Uri.EscapeDataString(token) }.Uri;
            try
            {
                await client._socket.ConnectAsync(uri, TestContext.Current.CancellationToken);
                return HttpStatusCode.SwitchingProtocols;
            }
            catch (WebSocketException)
            {
                return client._socket.HttpStatusCode;
            }
        }
    }

    public Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

    public Task SubscribeAsync(string topic, string? instrument = null, string? interval = null) =>
        SendAsync(JsonSerializer.Serialize(new { op = "subscribe", topic, instrument, interval }));

    /// <summary>The next message whatever it is.</summary>
    public Task<StreamTestMessage> NextAsync(TimeSpan? timeout = null) => NextAsync(_ => true, timeout);

    /// <summary>The next message matching <paramref name="match"/> (others are skipped); fails the test on timeout.</summary>
    public async Task<StreamTestMessage> NextAsync(Func<StreamTestMessage, bool> match, TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var message = await _received.Reader.ReadAsync(cts.Token);
                if (match(message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("No matching WebSocket message in time.");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The server closed the WebSocket ({_socket.CloseStatus} {_socket.CloseStatusDescription}) before a matching message.");
        }
    }

    /// <summary>Messages already received and not yet taken.</summary>
    public List<StreamTestMessage> Drain()
    {
        var list = new List<StreamTestMessage>();
        while (_received.Reader.TryRead(out var message))
        {
            list.Add(message);
        }

        return list;
    }

    /// <summary>Waits until the server has closed the socket (the reader saw the close or an abort).</summary>
    public async Task WaitClosedAsync(TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        await _reading.WaitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        try
        {
            await _reading;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        _socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Answer the close as a browser does, so the server's handshake completes at once.
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    var at = Stopwatch.GetTimestamp();
                    var json = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                    _received.Writer.TryWrite(new StreamTestMessage(json, at, (int)message.Length));
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Aborted by the test or the server.
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }
}
