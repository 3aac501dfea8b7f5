using System.Collections.Concurrent;
using FlowSight.Venues.Data;
using FlowSight.Venues.Network;

namespace FlowSight.Server.Health;

/// <summary>
/// The last state of each market-data client's connections, from the clients' own <see cref="IMarketDataClient.StateChanged"/>
/// events since the server started: a feed that stops or loses its socket while the server runs makes it not ready,
/// even when the client (or the replica) has no later word on it. Connections not seen change since the start are unknown.
/// </summary>
internal sealed class FeedConnectionTracker : IDisposable
{
    private readonly IReadOnlyList<IMarketDataClient> _clients;
    private readonly Action<ConnectionStateChanged>[] _handlers;
    private readonly ConcurrentDictionary<string, ConnectionStateChanged>[] _states;

    public FeedConnectionTracker(IReadOnlyList<IMarketDataClient> clients)
    {
        _clients = clients;
        _states = new ConcurrentDictionary<string, ConnectionStateChanged>[clients.Count];
        _handlers = new Action<ConnectionStateChanged>[clients.Count];
        for (var i = 0; i < clients.Count; i++)
        {
            var states = _states[i] = new ConcurrentDictionary<string, ConnectionStateChanged>(StringComparer.Ordinal);
            _handlers[i] = change => states[change.ConnectionName] = change;
            clients[i].StateChanged += _handlers[i];
        }
    }

    /// <summary>True when a state counts as carrying data.</summary>
    public static bool IsUp(ConnectionState state) => state is ConnectionState.Connected or ConnectionState.Subscribed or ConnectionState.Rotating;

    /// <summary>The last change of each connection of client <paramref name="index"/> seen since the start.</summary>
    public IReadOnlyCollection<ConnectionStateChanged> Connections(int index) => (IReadOnlyCollection<ConnectionStateChanged>)_states[index].Values;

    /// <inheritdoc/>
    public void Dispose()
    {
        for (var i = 0; i < _clients.Count; i++)
        {
            _clients[i].StateChanged -= _handlers[i];
        }
    }
}
