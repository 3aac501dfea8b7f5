using FlowSight.Venues.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Venues.Binance.Streams;

/// <summary>
/// Binance market streams over as many combined-stream connections as the limits need: at most
/// <see cref="BinanceStreamClientOptions.MaxStreamsPerConnection"/> streams per connection, and on USDⓈ-M one set of
/// connections per routed path (<c>/public</c>, <c>/market</c>). Each connection is a <see cref="WebSocketConnection"/>
/// (reconnect, breaker, watchdog, 24 h rotation, resubscribe) speaking <see cref="BinanceStreamProtocol"/>.
/// </summary>
/// <remarks>
/// Frames reach the handler on each connection's receive thread: calls from one connection are sequential and in
/// order, calls from different connections may be concurrent (a stream lives on one connection, so each stream's
/// frames stay ordered). State changes of all connections are merged into <see cref="StateChanges"/>.
/// </remarks>
public sealed class BinanceStreamClient : IAsyncDisposable
{
    private readonly BinanceStreamClientOptions _options;
    private readonly WebSocketFrameHandler _handler;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly EventBroadcaster<ConnectionStateChanged> _states = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<Member> _members = [];
    private readonly Dictionary<string, Member> _owners = new(StringComparer.Ordinal);
    private readonly Uri _baseUri;
    private int _connectionNumbers;
    private int _disposed;

    /// <summary>Creates the client; connections open on the first <see cref="SubscribeAsync"/>.</summary>
    /// <param name="options">Market, endpoint and limits.</param>
    /// <param name="handler">Receives every data frame (combined envelope <c>{"stream":..,"data":..}</c>).</param>
    /// <param name="time">The clock for every wait; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="loggers">Loggers for the connections.</param>
    public BinanceStreamClient(BinanceStreamClientOptions options, WebSocketFrameHandler handler, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        _options = options;
        _handler = handler;
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _baseUri = options.BaseUri ?? BinanceStreamEndpoints.DefaultBase(options.Market);
        Protocol = new BinanceStreamProtocol(options.Protocol, _loggers.CreateLogger<BinanceStreamProtocol>());
    }

    /// <summary>The market.</summary>
    public BinanceMarket Market => _options.Market;

    /// <summary>The protocol shared by the connections (its counters: error replies, server shutdowns).</summary>
    public BinanceStreamProtocol Protocol { get; }

    /// <summary>State changes of every connection.</summary>
    public IObservable<ConnectionStateChanged> StateChanges => _states;

    /// <summary>The open connections, in creation order.</summary>
    public IReadOnlyList<WebSocketConnection> Connections
    {
        get
        {
            lock (_members)
            {
                return [.. _members.Select(m => m.Connection)];
            }
        }
    }

    /// <summary>The subscribed streams.</summary>
    public IReadOnlyCollection<string> Streams
    {
        get
        {
            lock (_members)
            {
                return [.. _owners.Keys];
            }
        }
    }

    /// <summary>
    /// Subscribes streams (names from <see cref="BinanceStreamNames"/>), filling the connections of each stream's route
    /// and opening new ones when full. Returns once every new stream is acknowledged (new connections: once connected
    /// and subscribed, retrying per their backoff meanwhile).
    /// </summary>
    public async Task SubscribeAsync(IEnumerable<string> streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var byRoute = new Dictionary<BinanceStreamRoute, List<string>>();
            lock (_members)
            {
                foreach (var stream in streams.Distinct(StringComparer.Ordinal))
                {
                    ArgumentException.ThrowIfNullOrWhiteSpace(stream, nameof(streams));
                    if (_owners.ContainsKey(stream))
                    {
                        continue;
                    }

                    var route = _options.UseRoutedEndpoints ? BinanceStreamEndpoints.RouteOf(_options.Market, stream) : BinanceStreamRoute.None;
                    if (!byRoute.TryGetValue(route, out var list))
                    {
                        byRoute[route] = list = [];
                    }

                    list.Add(stream);
                }
            }

            foreach (var (route, pending) in byRoute)
            {
                var next = 0;
                while (next < pending.Count)
                {
                    var member = FindRoom(route) ?? Open(route);
                    var room = _options.MaxStreamsPerConnection - member.Connection.TopicCount;
                    var chunk = pending.GetRange(next, Math.Min(room, pending.Count - next));
                    next += chunk.Count;
                    await member.Connection.SubscribeAsync(chunk, cancellationToken).ConfigureAwait(false);
                    lock (_members)
                    {
                        foreach (var stream in chunk)
                        {
                            _owners[stream] = member;
                        }
                    }

                    if (!member.Started)
                    {
                        member.Started = true;
                        await member.Connection.StartAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Unsubscribes streams; a connection left without streams is closed.</summary>
    public async Task UnsubscribeAsync(IEnumerable<string> streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var byMember = new Dictionary<Member, List<string>>();
            lock (_members)
            {
                foreach (var stream in streams.Distinct(StringComparer.Ordinal))
                {
                    if (_owners.Remove(stream, out var member))
                    {
                        if (!byMember.TryGetValue(member, out var list))
                        {
                            byMember[member] = list = [];
                        }

                        list.Add(stream);
                    }
                }
            }

            foreach (var (member, list) in byMember)
            {
                await member.Connection.UnsubscribeAsync(list, cancellationToken).ConfigureAwait(false);
                if (member.Connection.TopicCount == 0)
                {
                    lock (_members)
                    {
                        _members.Remove(member);
                    }

                    await member.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Asks every connected socket for its subscriptions (<c>LIST_SUBSCRIPTIONS</c>) and returns them, per connection name.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListSubscriptionsAsync(CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var connection in Connections)
        {
            if (connection.ActiveSession is { } session)
            {
                result[connection.Name] = await Protocol.ListSubscriptionsAsync(session, cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }

    /// <summary>Closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Member[] members;
        lock (_members)
        {
            members = [.. _members];
            _members.Clear();
            _owners.Clear();
        }

        foreach (var member in members)
        {
            await member.DisposeAsync().ConfigureAwait(false);
        }

        _states.Complete();
        _gate.Dispose();
    }

    private Member? FindRoom(BinanceStreamRoute route)
    {
        lock (_members)
        {
            return _members.FirstOrDefault(m => m.Route == route && m.Connection.TopicCount < _options.MaxStreamsPerConnection);
        }
    }

    private Member Open(BinanceStreamRoute route)
    {
        var number = Interlocked.Increment(ref _connectionNumbers);
        var market = _options.Market.ToCliPrefix();
        var name = route == BinanceStreamRoute.None ? $"{market}#{number}" : $"{market}{BinanceStreamEndpoints.PathPrefix(route)}#{number}";
        var options = new WebSocketConnectionOptions
        {
            Name = name,
            Endpoint = BinanceStreamEndpoints.CombinedStream(_baseUri, route),
            MaxMessagesPerSecond = _options.MaxMessagesPerSecond ?? BinanceStreamLimits.MessagesPerSecond(_options.Market) - 1,
            RotationInterval = BinanceStreamLimits.DefaultRotationInterval,
        };
        options = _options.ConfigureConnection?.Invoke(options) ?? options;
        var connection = new WebSocketConnection(options, Protocol, _handler, _time, _loggers.CreateLogger<WebSocketConnection>());
        var member = new Member(route, connection, connection.StateChanges.Subscribe(new Forwarder(_states)));
        lock (_members)
        {
            _members.Add(member);
        }

        return member;
    }

    private sealed class Member(BinanceStreamRoute route, WebSocketConnection connection, IDisposable forwarding) : IAsyncDisposable
    {
        public BinanceStreamRoute Route { get; } = route;

        public WebSocketConnection Connection { get; } = connection;

        public bool Started { get; set; }

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
            forwarding.Dispose();
        }
    }

    private sealed class Forwarder(EventBroadcaster<ConnectionStateChanged> target) : IObserver<ConnectionStateChanged>
    {
        public void OnCompleted()
        {
            // One connection closing does not end the merged stream.
        }

        public void OnError(Exception error)
        {
            // Connections do not publish errors; faults are states.
        }

        public void OnNext(ConnectionStateChanged value) => target.Publish(value);
    }
}
