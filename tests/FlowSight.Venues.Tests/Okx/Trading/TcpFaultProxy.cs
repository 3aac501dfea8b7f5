using System.Net;
using System.Net.Sockets;

namespace FlowSight.Venues.Tests.Okx.Trading;

/// <summary>
/// A TCP relay between a client and the paper venue that can stop passing the venue's bytes on (they are dropped,
/// as a dying connection loses them) and cut every connection, so a test can lose a reply the venue did send.
/// Only the connections open when the hold began are held: a client's replacement connection relays normally.
/// </summary>
internal sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<(TcpClient Client, TcpClient Server)> _pairs = [];
    private readonly Task _accepting;
    private TaskCompletionSource _swallowed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _holding;
    private int _holdThrough;
    private int _connections;

    public TcpFaultProxy(Uri target)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The address of <paramref name="original"/> through the proxy.</summary>
    public Uri Through(Uri original) => new UriBuilder(original) { Port = Port }.Uri;

    /// <summary>From now on the venue's bytes are dropped; the returned task completes once some were (a reply was lost).</summary>
    public Task HoldVenueBytes()
    {
        lock (_gate)
        {
            _swallowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _holdThrough, Volatile.Read(ref _connections));
            _holding = true;
            return _swallowed.Task;
        }
    }

    /// <summary>Passes the venue's bytes on again (those dropped stay lost).</summary>
    public void ResumeVenueBytes() => _holding = false;

    /// <summary>Cuts every open connection (resets both sides) and relays normally for the next ones.</summary>
    public void CutAll()
    {
        List<(TcpClient Client, TcpClient Server)> pairs;
        lock (_gate)
        {
            pairs = [.. _pairs];
            _pairs.Clear();
            _holding = false;
        }

        foreach (var (client, server) in pairs)
        {
            Reset(client);
            Reset(server);
        }
    }

    // A reset (linger 0), not a graceful close: the peer sees the connection die, as on a network failure.
    private static void Reset(TcpClient tcp)
    {
        try
        {
            if (tcp.Client is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed by its pump.
        }

        tcp.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var server = new TcpClient();
            await server.ConnectAsync(_target, _stop.Token);
            var number = Interlocked.Increment(ref _connections);
            lock (_gate)
            {
                _pairs.Add((client, server));
            }

            _ = PumpAsync(client, server, fromVenue: false, number);
            _ = PumpAsync(server, client, fromVenue: true, number);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool fromVenue, int connection)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (true)
            {
                var read = await input.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                if (fromVenue && _holding && connection <= Volatile.Read(ref _holdThrough))
                {
                    lock (_gate)
                    {
                        _swallowed.TrySetResult();
                    }

                    continue;
                }

                await output.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The connection was cut.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
