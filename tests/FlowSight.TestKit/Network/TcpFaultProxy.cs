using System.Net;
using System.Net.Sockets;

namespace FlowSight.TestKit.Network;

/// <summary>
/// A TCP proxy on 127.0.0.1 between a client and a local server that can lose an answer on purpose: armed with
/// <see cref="CutAfterRequest"/>, it forwards the next request containing a marker to the server, waits for the
/// server's answer, and resets the client's connection instead of passing the answer on. The server has then
/// processed the request while the client never learns the outcome — the "connection dropped after sending" case.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly Lock _lock = new();
    private readonly List<TcpClient> _clients = [];
    private byte[]? _marker;
    private TaskCompletionSource? _cut;
    private int _connections;

    private TcpFaultProxy(IPEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Starts a proxy to <paramref name="target"/> (e.g. a paper venue's address).</summary>
    public static TcpFaultProxy Start(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new TcpFaultProxy(new IPEndPoint(IPAddress.Parse(target.Host), target.Port));
    }

    /// <summary>
    /// Arms a one-shot fault on the next client bytes containing <paramref name="marker"/> (e.g. <c>POST /fapi/v1/order</c>):
    /// they reach the server, the server's answer does not reach the client, whose connection is reset. The task
    /// completes once the answer has been swallowed and the client cut.
    /// </summary>
    public Task CutAfterRequest(ReadOnlySpan<byte> marker)
    {
        var cut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _marker = marker.ToArray();
            _cut = cut;
        }

        return cut.Task;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        lock (_lock)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient();
        lock (_lock)
        {
            _clients.Add(client);
            _clients.Add(server);
        }

        try
        {
            await server.ConnectAsync(_target, _stop.Token).ConfigureAwait(false);
            var connection = new Connection(client, server);
            await Task.WhenAll(PumpRequestsAsync(connection), PumpAnswersAsync(connection)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    private async Task PumpRequestsAsync(Connection connection)
    {
        var buffer = new byte[64 * 1024];
        var from = connection.Client.GetStream();
        var to = connection.Server.GetStream();
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    connection.Server.Client.Shutdown(SocketShutdown.Send);
                    return;
                }

                lock (_lock)
                {
                    if (_marker is { } marker && buffer.AsSpan(0, n).IndexOf(marker) >= 0)
                    {
                        connection.Cut = _cut;
                        _marker = null;
                        _cut = null;
                    }
                }

                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpAnswersAsync(Connection connection)
    {
        var buffer = new byte[64 * 1024];
        var from = connection.Server.GetStream();
        var to = connection.Client.GetStream();
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    connection.Client.Client.Shutdown(SocketShutdown.Send);
                    return;
                }

                if (connection.Cut is { } cut)
                {
                    // The server answered the marked request: drop the answer and reset the client (RST, not FIN).
                    connection.Client.Client.LingerState = new LingerOption(true, 0);
                    connection.Client.Client.Close();
                    connection.Server.Close();
                    cut.TrySetResult();
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
        }
    }

    /// <summary>One relayed connection.</summary>
    private sealed class Connection(TcpClient client, TcpClient server)
    {
        public TcpClient Client { get; } = client;

        public TcpClient Server { get; } = server;

        public volatile TaskCompletionSource? Cut;
    }
}
