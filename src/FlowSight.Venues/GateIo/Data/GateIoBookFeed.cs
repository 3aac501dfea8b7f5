using FlowSight.Core;
using FlowSight.Venues.GateIo.Book;
using FlowSight.Venues.GateIo.Parsing;
using FlowSight.Venues.Data;

namespace FlowSight.Venues.GateIo.Data;

/// <summary>One instrument's book inside a <see cref="GateIoDataClient"/>: its synchronizer, guarded by <see cref="SnapshotBookFeed.Gate"/>.</summary>
internal sealed class GateIoBookFeed(string name, InstrumentId instrument, GateIoBookSynchronizer synchronizer, GateIoStreamParser snapshotParser)
    : SnapshotBookFeed(instrument)
{
    public string Name { get; } = name;

    public GateIoBookSynchronizer Synchronizer { get; } = synchronizer;

    /// <summary>Parses this instrument's REST snapshots (used under <see cref="SnapshotBookFeed.Gate"/>).</summary>
    public GateIoStreamParser SnapshotParser { get; } = snapshotParser;
}
