using FlowSight.Core;

namespace FlowSight.Server.State;

/// <summary>
/// A read-only copy of the engine's state for the web side, fed by engine events: every member is thread-safe and
/// returns immutable snapshots, so no web request ever touches engine state, and a slow reader never slows the engine.
/// </summary>
public interface IStateReplica
{
    /// <summary>Every instrument the server shows.</summary>
    IReadOnlyList<InstrumentView> Instruments { get; }

    /// <summary>Finds an instrument by FlowSight id (<c>BTCUSDT-PERP.BINANCE</c>), case-insensitive.</summary>
    bool TryGetInstrument(string id, out InstrumentId instrument);

    /// <summary>The book's latest snapshot (up to the replica's depth), or null before the first one.</summary>
    BookView? GetBook(InstrumentId instrument);

    /// <summary>The latest public trades, newest first.</summary>
    IReadOnlyList<TradeView> GetTrades(InstrumentId instrument, int limit);

    /// <summary>The latest candles of <paramref name="interval"/>, oldest first, the open one last.</summary>
    IReadOnlyList<CandleView> GetCandles(InstrumentId instrument, CandleInterval interval, int limit);

    /// <summary>Our orders, newest first; only working ones when <paramref name="openOnly"/>.</summary>
    IReadOnlyList<OrderView> GetOrders(bool openOnly);

    /// <summary>Our fills, newest first.</summary>
    IReadOnlyList<FillView> GetFills(int limit);

    /// <summary>Open positions.</summary>
    IReadOnlyList<PositionView> Positions { get; }

    /// <summary>The account.</summary>
    AccountView Account { get; }

    /// <summary>The risk engine's state and limits.</summary>
    RiskView Risk { get; }

    /// <summary>Engine statistics, connections and GC.</summary>
    EngineView Engine { get; }

    /// <summary>
    /// A number that grows whenever <paramref name="topic"/> changes (for instrument topics, that instrument's);
    /// the WebSocket push compares it to what a client last got, which coalesces any number of changes into one send.
    /// </summary>
    long GetVersion(ReplicaTopic topic, InstrumentId instrument = default);
}
