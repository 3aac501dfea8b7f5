namespace FlowSight.Venues.GateIo.Book;

/// <summary>Why a <see cref="GateIoBookSynchronizer"/> lost (or never reached) sync and asked for a new snapshot.</summary>
public enum GateIoBookSyncFailure : byte
{
    /// <summary>An update did not continue the chain (<c>U &gt; previous u + 1</c>): updates were lost.</summary>
    Gap = 1,

    /// <summary>The first update after the snapshot does not contain <c>id + 1</c> (<c>U &gt; id + 1</c>): the snapshot is older than the buffered stream.</summary>
    SnapshotTooOld = 2,

    /// <summary>The best bid reached the best ask after a complete update.</summary>
    Crossed = 3,

    /// <summary>An update or snapshot held a price or size the book cannot represent exactly, or impossible ids (<c>U &gt; u</c>).</summary>
    InvalidMessage = 4,

    /// <summary>The owner asked for a resync (e.g. after a reconnect, when updates may have been missed).</summary>
    Requested = 5,
}
