namespace FlowSight.Server.State;

/// <summary>What a replica version counts changes of (and what a WebSocket client subscribes to).</summary>
public enum ReplicaTopic
{
    /// <summary>An instrument's book.</summary>
    Book,
    /// <summary>An instrument's trades.</summary>
    Trades,
    /// <summary>An instrument's candles (any interval).</summary>
    Candles,
    /// <summary>Our orders and fills.</summary>
    Orders,
    /// <summary>Positions.</summary>
    Positions,
    /// <summary>The account.</summary>
    Account,
    /// <summary>The risk engine's state.</summary>
    Risk,
    /// <summary>Engine statistics, connections, GC.</summary>
    Engine,
}
