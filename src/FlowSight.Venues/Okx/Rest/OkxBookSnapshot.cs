using FlowSight.Core;

namespace FlowSight.Venues.Okx.Rest;

/// <summary>An order-book snapshot from <c>market/books</c>.</summary>
/// <param name="Book">The levels (contracts for derivatives, base units for spot), with OKX's <c>seqId</c> as <see cref="BookSnapshot.LastUpdateId"/> when it sends one (0 otherwise) and <c>ts</c> as the event time.</param>
/// <param name="Json">The response body exactly as received, for recordings.</param>
public sealed record OkxBookSnapshot(BookSnapshot Book, ReadOnlyMemory<byte> Json)
{
    /// <summary>The snapshot as a delta batch (clear, then every level) for a book or the engine.</summary>
    public BookDeltas ToDeltas(BookDeltas into) => Network.Http.BookSnapshotDeltas.CopyTo(Book, into);
}
