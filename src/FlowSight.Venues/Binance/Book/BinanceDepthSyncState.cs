namespace FlowSight.Venues.Binance.Book;

/// <summary>Where a <see cref="BinanceDepthSynchronizer"/> is in Binance's snapshot + diff procedure.</summary>
public enum BinanceDepthSyncState : byte
{
    /// <summary>No usable snapshot: diffs are buffered and a snapshot has been requested.</summary>
    AwaitingSnapshot = 0,

    /// <summary>The snapshot is in the book; waiting for the first diff that straddles its <c>lastUpdateId</c>.</summary>
    AwaitingFirstDiff = 1,

    /// <summary>The book follows the stream: every applied diff continued the update-id chain.</summary>
    Synced = 2,
}
