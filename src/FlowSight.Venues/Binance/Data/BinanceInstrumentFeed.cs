using FlowSight.Core;
using FlowSight.Venues.Binance.Book;
using FlowSight.Venues.Binance.Parsing;

namespace FlowSight.Venues.Binance.Data;

/// <summary>
/// One instrument's depth pipeline: its synchronizer (book + sequencing rules) and the parser its REST snapshots go
/// through. The lock serialises the receive thread (diffs) with the snapshot task and resync requests.
/// </summary>
internal sealed class BinanceInstrumentFeed(string symbol, InstrumentId instrument, BinanceDepthSynchronizer synchronizer, BinanceStreamParser snapshotParser)
{
    public Lock Gate { get; } = new();

    public string Symbol { get; } = symbol;

    public InstrumentId Instrument { get; } = instrument;

    public BinanceDepthSynchronizer Synchronizer { get; } = synchronizer;

    public BinanceStreamParser SnapshotParser { get; } = snapshotParser;

    /// <summary>Why the last snapshot request failed, until one succeeds.</summary>
    public string? LastSnapshotError { get; set; }

    /// <summary>1 while a snapshot request is in flight, so repeated gaps don't stack requests.</summary>
    public int SnapshotInFlight;
}
