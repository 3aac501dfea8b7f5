using FlowSight.Venues.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Venues.Okx.Streams;

/// <summary>
/// OKX public market data over as many connections as needed: one set per endpoint (<c>/ws/v5/public</c>, and
/// <c>/ws/v5/business</c> for candles), at most <see cref="OkxStreamClientOptions.MaxTopicsPerConnection"/> topics
/// (<see cref="OkxTopics"/>) per connection. Each connection is a <see cref="WebSocketConnection"/> (reconnect,
/// breaker, watchdog, resubscribe) speaking <see cref="OkxStreamProtocol"/>, which keeps it alive with the text
/// <c>ping</c>.
/// </summary>
/// <remarks>
/// Frames reach the handler on each connection's receive thread: one connection's calls are sequential and ordered,
/// different connections' may be concurrent (a topic lives on one connection, so each topic's frames stay ordered).
/// </remarks>
public sealed class OkxStreamClient : IAsyncDisposable
{
    private readonly OkxStreamClientOptions _options;
    private readonly WebSocketFrameHandler _handler;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly EventBroadcaster<ConnectionStateChanged> _states = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<Member> _members = [];
    private readonly Dictionary<string, Member> _owners = new(StringComparer.Ordinal);
    private readonly Uri _baseUri;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly MessageRateLimiter _connectRate;
    private int _connectionNumbers;
    private int _disposed;

    /// <summary>Creates the client; connections open on the first <see cref="SubscribeAsync"/>.</summary>
    /// <param name="options">Endpoint and limits.</param>
    /// <param name="handler">Receives every data frame (pushes <c>{"arg":…,"data":[…]}</c>; acks and pongs are consumed).</param>
    /// <param name="time">The clock for every wait; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="loggers">Loggers for the connections.</param>
    public OkxStreamClient(OkxStreamClientOptions options, WebSocketFrameHandler handler, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        _options = options;
        _handler = handler;
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _baseUri = options.BaseUri ?? OkxStreamEndpoints.DefaultBase;
        Protocol = new OkxStreamProtocol(options.Protocol, _time, _loggers.CreateLogger<OkxStreamProtocol>());
        _connectRate = new MessageRateLimiter(options.MaxConnectionsPerSecond, TimeSpan.FromSeconds(1), _time);
    }

    /// <summary>The protocol shared by the connections (its counters: acknowledgements, errors, notices).</summary>
    public OkxStreamProtocol Protocol { get; }

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

    /// <summary>The subscribed topics.</summary>
    public IReadOnlyCollection<string> Topics
    {
        get
        {
            lock (_members)
            {
                return [.. _owners.Keys];
            }
        }
    }

    /// <summary>The name of the connection that carries <paramref name="topic"/>, or null when it is not subscribed.</summary>
    public string? ConnectionNameOf(string topic)
    {
        lock (_members)
        {
            return _owners.TryGetValue(topic, out var member) ? member.Connection.Name : null;
        }
    }

    /// <summary>
    /// Subscribes topics (<see cref="OkxTopics"/>), filling the connections of each topic's endpoint and opening new
    /// ones when full. Returns once every new topic is acknowledged (new connections: once connected and subscribed).
    /// </summary>
    /// <exception cref="WebSocketRequestException">OKX refused a subscription (unknown instId or channel…); those topics are not kept.</exception>
    public async Task SubscribeAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var byRoute = new Dictionary<OkxStreamRoute, List<string>>();
            lock (_members)
            {
                foreach (var topic in topics.Distinct(StringComparer.Ordinal))
                {
                    var (channel, _) = OkxTopics.Parse(topic);
                    if (_owners.ContainsKey(topic))
                    {
                        continue;
                    }

                    var route = OkxStreamEndpoints.RouteOf(channel);
                    if (!byRoute.TryGetValue(route, out var list))
                    {
                        byRoute[route] = list = [];
                    }

                    list.Add(topic);
                }
            }

            foreach (var (route, pending) in byRoute)
            {
                var next = 0;
                while (next < pending.Count)
                {
                    var member = FindRoom(route) ?? Open(route);
                    var room = _options.MaxTopicsPerConnection - member.Connection.TopicCount;
                    var chunk = pending.GetRange(next, Math.Min(room, pending.Count - next));
                    next += chunk.Count;
                    if (!member.Started)
                    {
                        // Open the socket first and subscribe on it, so a refusal reaches the caller instead of being
                        // retried by the connection as a failed connect.
                        member.Started = true;
                        await StartMemberAsync(member, cancellationToken).ConfigureAwait(false);
                    }

                    try
                    {
                        await member.Connection.SubscribeAsync(chunk, cancellationToken).ConfigureAwait(false);
                    }
                    catch (WebSocketRequestException) when (member.Connection.TopicCount == 0)
                    {
                        await ForgetAsync(member).ConfigureAwait(false);
                        throw;
                    }

                    lock (_members)
                    {
                        foreach (var topic in chunk)
                        {
                            _owners[topic] = member;
                        }
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Unsubscribes topics; a connection left without topics is closed.</summary>
    public async Task UnsubscribeAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var byMember = new Dictionary<Member, List<string>>();
            lock (_members)
            {
                foreach (var topic in topics.Distinct(StringComparer.Ordinal))
                {
                    if (_owners.Remove(topic, out var member))
                    {
                        if (!byMember.TryGetValue(member, out var list))
                        {
                            byMember[member] = list = [];
                        }

                        list.Add(topic);
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

    /// <summary>
    /// Unsubscribes and subscribes <paramref name="topic"/> again on its connection, which makes OKX send a new
    /// snapshot (how a <c>books</c> channel that lost sync is rebuilt). The topic stays on the connection: if the socket
    /// is lost meanwhile the reconnect subscribes it anyway.
    /// </summary>
    public async Task ResubscribeAsync(string topic, CancellationToken cancellationToken = default)
    {
        OkxTopics.Parse(topic);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Member? member;
            lock (_members)
            {
                _owners.TryGetValue(topic, out member);
            }

            if (member is null)
            {
                throw new InvalidOperationException($"'{topic}' is not subscribed.");
            }

            await member.Connection.UnsubscribeAsync([topic], cancellationToken).ConfigureAwait(false);
            await member.Connection.SubscribeAsync([topic], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
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
        _connectGate.Dispose();
    }

    private async Task StartMemberAsync(Member member, CancellationToken cancellationToken)
    {
        try
        {
            await member.Connection.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ForgetAsync(member).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes a connection that holds nothing worth keeping and forgets it and its topics.</summary>
    private async Task ForgetAsync(Member member)
    {
        lock (_members)
        {
            _members.Remove(member);
            foreach (var topic in _owners.Where(o => o.Value == member).Select(o => o.Key).ToList())
            {
                _owners.Remove(topic);
            }
        }

        await member.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Keeps this client's connection attempts (first connects, reconnects, replacements) within OKX's per-IP rate.</summary>
    private async ValueTask WaitForConnectSlotAsync(CancellationToken cancellationToken)
    {
        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _connectRate.WaitAndRecordAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private Member? FindRoom(OkxStreamRoute route)
    {
        lock (_members)
        {
            return _members.FirstOrDefault(m => m.Route == route && m.Connection.TopicCount < _options.MaxTopicsPerConnection);
        }
    }

    private Member Open(OkxStreamRoute route)
    {
        var number = Interlocked.Increment(ref _connectionNumbers);
        var options = new WebSocketConnectionOptions
        {
            Name = $"okx/{(route == OkxStreamRoute.Business ? "business" : "public")}#{number}",
            Endpoint = OkxStreamEndpoints.Endpoint(_baseUri, route),
            WatchdogTimeout = _options.WatchdogTimeout,
            RotationInterval = null, // OKX documents no connection lifetime; a notice asks for a replacement instead
            BeforeConnect = WaitForConnectSlotAsync,
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

    private sealed class Member(OkxStreamRoute route, WebSocketConnection connection, IDisposable forwarding) : IAsyncDisposable
    {
        public OkxStreamRoute Route { get; } = route;

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
