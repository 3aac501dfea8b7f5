namespace FlowSight.Venues.Binance.Book;

/// <summary>Why a <see cref="BinanceDepthSynchronizer"/> lost (or never reached) sync and asked for a new snapshot.</summary>
public enum BinanceDepthSyncFailure : byte
{
    /// <summary>A diff did not continue the chain (spot <c>U &gt; previous u + 1</c>; futures <c>pu != previous u</c>): messages were lost.</summary>
    Gap = 1,

    /// <summary>The first diff after the snapshot does not straddle its <c>lastUpdateId</c>: the snapshot is older than the buffered stream.</summary>
    SnapshotTooOld = 2,

    /// <summary>The best bid reached the best ask after a complete diff.</summary>
    Crossed = 3,

    /// <summary>A diff or snapshot held a price or size the book cannot represent exactly, or impossible update ids (<c>U &gt; u</c>).</summary>
    InvalidMessage = 4,

    /// <summary>The owner asked for a resync (e.g. after a reconnect, when diffs may have been missed).</summary>
    Requested = 5,
}
