using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Streams;

/// <summary>A real <see cref="ClientWebSocket"/> that queues every text message it receives, parsed, for tests to await.</summary>
internal sealed class StreamClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiving;

    private StreamClient(ClientWebSocket socket) => _socket = socket;

    public long Received { get; private set; }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public Task Closed => _receiving ?? Task.CompletedTask;

    public static async Task<StreamClient> ConnectAsync(Uri uri, HttpMessageInvoker? invoker = null)
    {
        var socket = new ClientWebSocket();
        if (invoker is null)
        {
            await socket.ConnectAsync(uri, TestContext.Current.CancellationToken);
        }
        else
        {
            await socket.ConnectAsync(uri, invoker, TestContext.Current.CancellationToken);
        }

        var client = new StreamClient(socket);
        client._receiving = client.ReceiveLoopAsync();
        return client;
    }

    public static Uri Ws(Uri httpBase, string pathAndQuery) => new($"ws://{httpBase.Authority}{pathAndQuery}");

    public Task SendAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

    /// <summary>The next message, or a failure after <paramref name="seconds"/>.</summary>
    public async Task<JsonElement> NextAsync(double seconds = 10)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            return await _messages.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No message within {seconds} s (received {Received}).");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The connection closed ({_socket.CloseStatus} {_socket.CloseStatusDescription}) after {Received} messages.");
        }
    }

    /// <summary>Skips messages until one matches.</summary>
    public async Task<JsonElement> NextMatchingAsync(Func<JsonElement, bool> match, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var left = (deadline - DateTime.UtcNow).TotalSeconds;
            if (left <= 0)
            {
                throw new TimeoutException($"No matching message within {seconds} s (received {Received}).");
            }

            var message = await NextAsync(left);
            if (match(message))
            {
                return message;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        _socket.Abort();
        if (_receiving is not null)
        {
            await _receiving;
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                using var document = JsonDocument.Parse(message.ToArray());
                Received++;
                _messages.Writer.TryWrite(document.RootElement.Clone());
                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }
}
