using FlowSight.Core;
using FlowSight.Venues.GateIo.Book;
using FlowSight.Venues.GateIo.Parsing;

namespace FlowSight.Venues.GateIo.Data;

/// <summary>One instrument's book inside a <see cref="GateIoDataClient"/>: its synchronizer, guarded by <see cref="Gate"/>.</summary>
internal sealed class GateIoBookFeed(string name, InstrumentId instrument, GateIoBookSynchronizer synchronizer, GateIoStreamParser snapshotParser)
{
    public Lock Gate { get; } = new();

    public string Name { get; } = name;

    public InstrumentId Instrument { get; } = instrument;

    public GateIoBookSynchronizer Synchronizer { get; } = synchronizer;

    /// <summary>Parses this instrument's REST snapshots (used under <see cref="Gate"/>).</summary>
    public GateIoStreamParser SnapshotParser { get; } = snapshotParser;

    public string? LastSnapshotError { get; set; }

    public int SnapshotInFlight;
}
