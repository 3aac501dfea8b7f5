using FlowSight.Engine.Hosting;
using FlowSight.Engine.Trading;
using FlowSight.Server.State;
using FlowSight.Venues.Data;

namespace FlowSight.Server.Hosting;

/// <summary>What the host gives the server: the replica it reads, the trading node it commands, the feeds it reports on.</summary>
public sealed record ServerContext
{
    /// <summary>The engine (for its identity and statistics; the server never runs code on it but through the node).</summary>
    public required EngineLoop Engine { get; init; }

    /// <summary>The read-side copy of the engine's state.</summary>
    public required IStateReplica Replica { get; init; }

    /// <summary>The trading node orders go through (its risk engine); null: a read-only server (trading endpoints answer 503).</summary>
    public TradingNode? Trading { get; init; }

    /// <summary>The market-data clients, for readiness (connections and book sync).</summary>
    public IReadOnlyList<IMarketDataClient> MarketData { get; init; } = [];
}
