using FlowSight.Core;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Venues.GateIo.Book;

/// <summary>Configures one <see cref="GateIoBookSynchronizer"/> (one instrument).</summary>
public sealed class GateIoBookSynchronizerOptions
{
    /// <summary>The instrument whose book is kept.</summary>
    public required InstrumentId Instrument { get; init; }

    /// <summary>
    /// The book to keep in sync. When null, the synchronizer creates one at the first snapshot, with
    /// <see cref="PricePrecision"/>/<see cref="SizePrecision"/> when given, else the precisions of the snapshot's first level.
    /// </summary>
    public L2OrderBook? Book { get; init; }

    /// <summary>Price decimals for a book the synchronizer creates (the instrument's tick precision), or null to take the snapshot's.</summary>
    public byte? PricePrecision { get; init; }

    /// <summary>Size decimals for a book the synchronizer creates (the instrument's lot precision), or null to take the snapshot's.</summary>
    public byte? SizePrecision { get; init; }

    /// <summary>Levels per side pre-allocated in a book the synchronizer creates.</summary>
    public int BookCapacity { get; init; } = 1024;

    /// <summary>
    /// Most updates kept while waiting for a snapshot. When full, the oldest is discarded and counted in
    /// <see cref="GateIoBookSyncCounters.BufferOverflows"/>: a snapshot taken later supersedes it anyway, and one
    /// taken earlier fails the bridging check and is requested again.
    /// </summary>
    public int MaxBufferedUpdates { get; init; } = 2_000;

    /// <summary>Most price levels (summed over buffered updates) kept while waiting for a snapshot; same policy as <see cref="MaxBufferedUpdates"/>.</summary>
    public int MaxBufferedLevels { get; init; } = 200_000;
}
