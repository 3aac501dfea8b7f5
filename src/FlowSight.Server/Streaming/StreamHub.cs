using System.Diagnostics;
using System.Net.WebSockets;
using FlowSight.Server.Hosting;
using FlowSight.Server.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowSight.Server.Streaming;

/// <summary>
/// The WebSocket clients and the one shared tick (at the highest configured rate) that starts their pushes. The tick
/// only reads replica versions and starts sends; it never waits for a client, and the engine never calls it.
/// </summary>
internal sealed class StreamHub : IHostedService, IDisposable
{
    private readonly IStateReplica _replica;
    private readonly ServerOptions _options;
    private readonly ILogger<StreamHub> _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenRegistration _stopping;
    private StreamClient[] _clients = [];
    private int _reserved;
    private Task _ticking = Task.CompletedTask;

    public StreamHub(IStateReplica replica, ServerOptions options, IHostApplicationLifetime lifetime, ILogger<StreamHub> logger)
    {
        _replica = replica;
        _options = options;
        _logger = logger;
        var fastest = new[] { options.Rates.BookHz, options.Rates.TradesHz, options.Rates.CandlesHz, options.Rates.OrdersHz, options.Rates.PortfolioHz, options.Rates.EngineHz }.Max();
        TickPeriod = TimeSpan.FromSeconds(1 / fastest);
        TickTolerance = (long)(TickPeriod.TotalSeconds * Stopwatch.Frequency / 4);

        // Closing at ApplicationStopping (before Kestrel drains requests) lets every client get a close frame.
        _stopping = lifetime.ApplicationStopping.Register(() => _ = CloseAllAsync());
    }

    /// <summary>The shared tick's period: one over the fastest configured rate.</summary>
    public TimeSpan TickPeriod { get; }

    /// <summary>The timer jitter (a quarter tick, in stopwatch ticks) within which a subscription counts as due.</summary>
    public long TickTolerance { get; }

    /// <summary>The connected clients.</summary>
    public IReadOnlyList<StreamClient> Clients => Volatile.Read(ref _clients);

    /// <summary>The latest serialised data messages, shared by all clients.</summary>
    public StreamPayloadCache Payloads { get; } = new();

    /// <summary>The replica the pushes read.</summary>
    public IStateReplica Replica => _replica;

    /// <summary>Claims a place for a new client; false when <see cref="ServerOptions.MaxStreamClients"/> are connected.</summary>
    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _reserved) <= _options.MaxStreamClients && !_stop.IsCancellationRequested)
        {
            return true;
        }

        Interlocked.Decrement(ref _reserved);
        return false;
    }

    /// <summary>Gives back a place claimed with <see cref="TryReserve"/>.</summary>
    public void Release() => Interlocked.Decrement(ref _reserved);

    /// <summary>Adds a connected client to the tick.</summary>
    public void Add(StreamClient client)
    {
        lock (_gate)
        {
            Volatile.Write(ref _clients, [.. _clients, client]);
        }
    }

    /// <summary>Removes a client that has gone.</summary>
    public void Remove(StreamClient client)
    {
        lock (_gate)
        {
            Volatile.Write(ref _clients, Array.FindAll(_clients, c => !ReferenceEquals(c, client)));
        }
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ticking = Task.Run(() => TickAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await CloseAllAsync().ConfigureAwait(false);
        await _ticking.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping.Dispose();
        _stop.Dispose();
    }

    private async Task CloseAllAsync()
    {
        try
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        var closing = Clients.Select(c => c.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "server shutting down"));
        await Task.WhenAll(closing).ConfigureAwait(false);
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TickPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var client in Volatile.Read(ref _clients))
                {
                    try
                    {
                        client.OnTick(now);
                    }
                    catch (Exception e)
                    {
                        _logger.LogError(e, "WebSocket push to {Client} failed to start", client.Name);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
    }
}
