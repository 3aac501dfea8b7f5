using FlowSight.Core;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.Data;

/// <summary>
/// What every venue's market-data client offers the hosts (the CLI, the server, the dashboard): start, connection
/// state, the instruments it follows, a forced resync, and a venue-neutral health report. Each venue's client
/// (Binance, OKX, Gate.io) keeps its own richer statistics beside this.
/// </summary>
public interface IMarketDataClient : IAsyncDisposable
{
    /// <summary>The venue the client connects to.</summary>
    Venue Venue { get; }

    /// <summary>The client's name in logs and views, e.g. <c>binance-usdm</c>, <c>okx</c>, <c>gate-usdt</c>.</summary>
    string Name { get; }

    /// <summary>Raised for every connection state change, on the connection's thread.</summary>
    event Action<ConnectionStateChanged>? StateChanged;

    /// <summary>The specs of the instruments the client follows, once <see cref="StartAsync"/> loaded them.</summary>
    IReadOnlyList<Instrument> Specs { get; }

    /// <summary>Loads instrument specs, connects, subscribes and starts the books' synchronisation.</summary>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Throws the instrument's local book away and rebuilds it from a fresh snapshot.</summary>
    void Resync(InstrumentId instrument);

    /// <summary>A venue-neutral snapshot of the client's health. Thread-safe.</summary>
    MarketDataHealth GetHealth();
}
