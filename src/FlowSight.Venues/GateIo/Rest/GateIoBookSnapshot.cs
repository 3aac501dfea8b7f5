using FlowSight.Core;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>An order-book snapshot from <c>order_book?with_id=true</c>.</summary>
/// <param name="Book">The levels (futures sizes in contracts) with Gate's <c>id</c> as <see cref="BookSnapshot.LastUpdateId"/>: the stream's first kept update satisfies <c>U ≤ id + 1 ≤ u</c>.</param>
/// <param name="UpdateTime">Gate's <c>update</c> (when the book last changed), Unix nanoseconds; 0 when Gate sent none.</param>
/// <param name="TruncatedLevels">Levels whose size had a genuine tenth decimal, cut to FlowSight's nine (as the stream parser does).</param>
/// <param name="Json">The response body exactly as received, for recordings.</param>
public sealed record GateIoBookSnapshot(BookSnapshot Book, long UpdateTime, int TruncatedLevels, ReadOnlyMemory<byte> Json)
{
    /// <summary>The snapshot as a delta batch (clear, then every level) for a book or the engine.</summary>
    public BookDeltas ToDeltas(BookDeltas into) => BookSnapshotDeltas.CopyTo(Book, into);
}
