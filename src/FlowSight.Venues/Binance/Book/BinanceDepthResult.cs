namespace FlowSight.Venues.Binance.Book;

/// <summary>What <see cref="BinanceDepthSynchronizer"/> did with one diff or snapshot.</summary>
public enum BinanceDepthResult : byte
{
    /// <summary>Kept for later: no snapshot yet (or the book is out of sync).</summary>
    Buffered = 1,

    /// <summary>Applied to the book (a snapshot: applied, and the buffered diffs replayed).</summary>
    Applied = 2,

    /// <summary>Dropped: the book already covers it.</summary>
    Dropped = 3,

    /// <summary>It revealed a gap, a crossed book or an invalid message: the book is out of sync and a snapshot was requested.</summary>
    OutOfSync = 4,

    /// <summary>A snapshot nobody needed (already synced, or older than the book).</summary>
    Ignored = 5,
}
