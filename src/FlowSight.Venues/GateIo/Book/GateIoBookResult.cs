namespace FlowSight.Venues.GateIo.Book;

/// <summary>What <see cref="GateIoBookSynchronizer"/> did with one update or snapshot.</summary>
public enum GateIoBookResult : byte
{
    /// <summary>Kept for later: no snapshot yet (or the book is out of sync).</summary>
    Buffered = 1,

    /// <summary>Applied to the book (a snapshot: applied, and the buffered updates replayed).</summary>
    Applied = 2,

    /// <summary>Dropped: the book already covers it.</summary>
    Dropped = 3,

    /// <summary>It revealed a gap, a crossed book or an invalid message: the book is out of sync and a snapshot was requested.</summary>
    OutOfSync = 4,

    /// <summary>A snapshot nobody needed (already synced, or older than the book).</summary>
    Ignored = 5,
}
