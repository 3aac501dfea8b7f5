namespace FlowSight.Venues.Binance.Book;

/// <summary>What a <see cref="BinanceDepthSynchronizer"/> has done since it was created.</summary>
public sealed class BinanceDepthSyncCounters
{
    /// <summary>Depth diffs received.</summary>
    public long Diffs { get; internal set; }

    /// <summary>Diffs applied to the book.</summary>
    public long DiffsApplied { get; internal set; }

    /// <summary>
    /// Diffs the parser wrote straight into the book as its <see cref="Parsing.BinanceStreamParser.DepthSink"/> (the fused
    /// path), each counted in <see cref="Diffs"/> too and, unless the book then failed, in <see cref="DiffsApplied"/>.
    /// </summary>
    public long DiffsFused { get; internal set; }

    /// <summary>Diffs dropped because the book already covered them (older than the snapshot, or replays of applied ids).</summary>
    public long DiffsDropped { get; internal set; }

    /// <summary>Breaks in the update-id chain, including a snapshot no diff could bridge.</summary>
    public long Gaps { get; internal set; }

    /// <summary>Times a book that had been synced (or had a snapshot) went out of sync and asked for a new snapshot.</summary>
    public long Resyncs { get; internal set; }

    /// <summary>Crossed books after a complete diff.</summary>
    public long Crossed { get; internal set; }

    /// <summary>Diffs or snapshots refused as invalid (unrepresentable values, <c>U &gt; u</c>).</summary>
    public long Invalid { get; internal set; }

    /// <summary>Snapshots received.</summary>
    public long Snapshots { get; internal set; }

    /// <summary>Snapshots ignored because none was needed (already synced) or they were older than the book.</summary>
    public long SnapshotsIgnored { get; internal set; }

    /// <summary>Snapshot requests raised (the first one included).</summary>
    public long SnapshotRequests { get; internal set; }

    /// <summary>Buffered diffs discarded, oldest first, because the buffer was full while waiting for a snapshot.</summary>
    public long BufferOverflows { get; internal set; }
}
