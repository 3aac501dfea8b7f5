using FlowSight.Core;

namespace FlowSight.Venues.Data;

/// <summary>
/// What every venue's book feed that chains its stream to a REST snapshot (Binance, Gate.io) shares: the lock that
/// serialises the receive thread with the snapshot task, the in-flight flag, and the last snapshot failure.
/// </summary>
internal abstract class SnapshotBookFeed(InstrumentId instrument)
{
    /// <summary>Serialises updates, snapshots and resync requests of this instrument.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The instrument.</summary>
    public InstrumentId Instrument { get; } = instrument;

    /// <summary>Why the last snapshot request failed, until one succeeds.</summary>
    public string? LastSnapshotError { get; set; }

    /// <summary>1 while a snapshot request is in flight, so repeated gaps don't stack requests.</summary>
    public int SnapshotInFlight;
}
