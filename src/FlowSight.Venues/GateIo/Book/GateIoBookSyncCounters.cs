namespace FlowSight.Venues.GateIo.Book;

/// <summary>What a <see cref="GateIoBookSynchronizer"/> has done since it was created.</summary>
public sealed class GateIoBookSyncCounters
{
    /// <summary>Order book updates received.</summary>
    public long Updates { get; internal set; }

    /// <summary>Updates applied to the book.</summary>
    public long UpdatesApplied { get; internal set; }

    /// <summary>Updates dropped because the book already covered them (<c>u &lt; id + 1</c>, or replays of applied ids).</summary>
    public long UpdatesDropped { get; internal set; }

    /// <summary>Breaks in the <c>U</c>/<c>u</c> chain, including a snapshot no update could bridge.</summary>
    public long Gaps { get; internal set; }

    /// <summary>Times a book that had been synced (or had a snapshot) went out of sync and asked for a new snapshot.</summary>
    public long Resyncs { get; internal set; }

    /// <summary>Crossed books after a complete update.</summary>
    public long Crossed { get; internal set; }

    /// <summary>Updates or snapshots refused as invalid (unrepresentable values, <c>U &gt; u</c>).</summary>
    public long Invalid { get; internal set; }

    /// <summary>Snapshots received.</summary>
    public long Snapshots { get; internal set; }

    /// <summary>Snapshots ignored because none was needed (already synced) or they were older than the book.</summary>
    public long SnapshotsIgnored { get; internal set; }

    /// <summary>Snapshot requests raised (the first one included).</summary>
    public long SnapshotRequests { get; internal set; }

    /// <summary>Buffered updates discarded, oldest first, because the buffer was full while waiting for a snapshot.</summary>
    public long BufferOverflows { get; internal set; }
}
