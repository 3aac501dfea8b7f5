namespace FlowSight.Venues.GateIo.Book;

/// <summary>Where a <see cref="GateIoBookSynchronizer"/> is in Gate.io's snapshot + update procedure.</summary>
public enum GateIoBookSyncState : byte
{
    /// <summary>No usable snapshot: updates are buffered and a snapshot has been requested.</summary>
    AwaitingSnapshot = 0,

    /// <summary>The snapshot is in the book; waiting for the first update that contains its <c>id + 1</c>.</summary>
    AwaitingFirstUpdate = 1,

    /// <summary>The book follows the stream: every applied update continued the <c>U</c>/<c>u</c> chain.</summary>
    Synced = 2,
}
