using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Okx;

/// <summary>A test client of OKX's WebSocket: sends text, collects every message, waits for the one that matches.</summary>
internal sealed class OkxSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private readonly List<string> _pending = [];
    private Task? _loop;

    public static async Task<OkxSocket> ConnectAsync(Uri uri)
    {
        var socket = new OkxSocket();
        await socket._socket.ConnectAsync(uri, TestContext.Current.CancellationToken);
        socket._loop = socket.ReceiveLoopAsync();
        return socket;
    }

    public Task SendAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

    /// <summary>
    /// The first message (in arrival order) that <paramref name="match"/> accepts; messages it skips stay queued for
    /// later waits, so replies and pushes can be awaited in either order.
    /// </summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, string what, TimeSpan? timeout = null)
    {
        for (var i = 0; i < _pending.Count; i++)
        {
            if (Matches(_pending[i], match, what, out var found))
            {
                _pending.RemoveAt(i);
                return found;
            }
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(15));
        try
        {
            while (true)
            {
                var text = await _received.Reader.ReadAsync(cts.Token);
                _seen.Add(text);
                if (Matches(text, match, what, out var found))
                {
                    return found;
                }

                _pending.Add(text);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No {what}; received: {string.Join("\n", _seen.TakeLast(10))}");
        }
    }

    private static bool Matches(string text, Func<JsonElement, bool> match, string what, out JsonElement found)
    {
        found = default;
        if (text == "pong")
        {
            return what == "pong";
        }

        using var document = JsonDocument.Parse(text);
        found = document.RootElement.Clone();
        return match(found);
    }

    public IReadOnlyList<string> Seen => _seen;

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        _socket.Abort();
        if (_loop is not null)
        {
            await _loop;
        }

        _socket.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    _received.Writer.TryWrite(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                    message.SetLength(0);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }
}
