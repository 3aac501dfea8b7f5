using FlowSight.Core;
using FlowSight.Venues.Binance.Book;
using FlowSight.Venues.Binance.Parsing;
using FlowSight.Venues.Data;

namespace FlowSight.Venues.Binance.Data;

/// <summary>
/// One instrument's depth pipeline: its synchronizer (book + sequencing rules) and the parser its REST snapshots go
/// through. The lock serialises the receive thread (diffs) with the snapshot task and resync requests.
/// </summary>
internal sealed class BinanceInstrumentFeed(string symbol, InstrumentId instrument, BinanceDepthSynchronizer synchronizer, BinanceStreamParser snapshotParser)
    : SnapshotBookFeed(instrument)
{
    public string Symbol { get; } = symbol;

    public BinanceDepthSynchronizer Synchronizer { get; } = synchronizer;

    public BinanceStreamParser SnapshotParser { get; } = snapshotParser;
}
