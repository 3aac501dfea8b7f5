using FlowSight.Venues.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Venues.GateIo.Streams;

/// <summary>
/// Gate.io market streams of one market over one <see cref="WebSocketConnection"/> (reconnect, breaker, watchdog,
/// rotation, resubscribe) speaking <see cref="GateIoStreamProtocol"/>, with Gate's application ping.
/// </summary>
/// <remarks>Frames reach the handler on the connection's receive thread, in order.</remarks>
public sealed class GateIoStreamClient : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly WebSocketConnection _connection;
    private int _started;
    private int _disposed;

    /// <summary>Creates the client; the connection opens on the first <see cref="SubscribeAsync"/>.</summary>
    /// <param name="options">Market, endpoint and limits.</param>
    /// <param name="handler">Receives every data frame.</param>
    /// <param name="time">The clock for every wait; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="loggers">Loggers for the connection.</param>
    public GateIoStreamClient(GateIoStreamClientOptions options, WebSocketFrameHandler handler, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        Market = options.Market;
        var clock = time ?? TimeProvider.System;
        var log = loggers ?? NullLoggerFactory.Instance;
        Protocol = new GateIoStreamProtocol((options.Protocol ?? new GateIoStreamProtocolOptions()) with { Market = options.Market, Time = options.Protocol?.Time ?? clock }, log.CreateLogger<GateIoStreamProtocol>());
        var connectionOptions = new WebSocketConnectionOptions
        {
            Name = options.Market.ToCliPrefix() + "#1",
            Endpoint = options.Endpoint ?? GateIoStreamEndpoints.Of(options.Market),
            MaxMessagesPerSecond = options.MaxMessagesPerSecond,
        };
        connectionOptions = options.ConfigureConnection?.Invoke(connectionOptions) ?? connectionOptions;
        _connection = new WebSocketConnection(connectionOptions, Protocol, handler, clock, log.CreateLogger<WebSocketConnection>());
    }

    /// <summary>The market.</summary>
    public GateIoMarket Market { get; }

    /// <summary>The protocol (its counters: error replies).</summary>
    public GateIoStreamProtocol Protocol { get; }

    /// <summary>The connection.</summary>
    public WebSocketConnection Connection => _connection;

    /// <summary>State changes of the connection.</summary>
    public IObservable<ConnectionStateChanged> StateChanges => _connection.StateChanges;

    /// <summary>The subscribed topics.</summary>
    public IReadOnlyList<string> Topics => _connection.Topics;

    /// <summary>
    /// Subscribes topics (from <see cref="GateIoTopics"/>); returns once Gate acknowledged each (the first call: once
    /// connected and subscribed). A refused topic fails with <see cref="WebSocketRequestException"/>.
    /// </summary>
    public async Task SubscribeAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var list = topics.Distinct(StringComparer.Ordinal).ToArray();
        foreach (var topic in list)
        {
            GateIoTopics.Split(topic); // a malformed topic fails here, before anything is sent
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref _started, 1) == 0)
            {
                // Open the socket first and subscribe on it, so a refusal reaches the caller instead of being retried by
                // the connection as a failed connect.
                await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            await _connection.SubscribeAsync(list, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Unsubscribes topics.</summary>
    public async Task UnsubscribeAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _connection.UnsubscribeAsync(topics, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
