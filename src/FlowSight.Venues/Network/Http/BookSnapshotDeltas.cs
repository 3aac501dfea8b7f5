using FlowSight.Core;

namespace FlowSight.Venues.Network.Http;

/// <summary>Turns a REST <see cref="BookSnapshot"/> into the <see cref="BookDeltas"/> batch a book applies (a clear, then every level).</summary>
public static class BookSnapshotDeltas
{
    /// <summary>
    /// Refills <paramref name="into"/> with <paramref name="snapshot"/>: one <see cref="BookAction.Clear"/>, then a
    /// <see cref="BookAction.Set"/> per bid and ask, all flagged <see cref="BookDeltaFlags.Snapshot"/> with the
    /// snapshot's update id as sequence, the final one flagged last.
    /// </summary>
    public static BookDeltas CopyTo(BookSnapshot snapshot, BookDeltas into)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        into.Instrument = snapshot.Instrument;
        into.IsSnapshot = true;
        into.FirstUpdateId = snapshot.LastUpdateId;
        into.LastUpdateId = snapshot.LastUpdateId;
        into.EventTime = snapshot.EventTime;
        into.ReceiveTime = snapshot.ReceiveTime;
        into.Add(new BookDelta(snapshot.Instrument, BookAction.Clear, OrderSide.Buy, default, default, snapshot.LastUpdateId, BookDeltaFlags.Snapshot, snapshot.EventTime, snapshot.ReceiveTime));
        foreach (var level in snapshot.Bids)
        {
            into.Add(new BookDelta(snapshot.Instrument, BookAction.Set, OrderSide.Buy, level.Price, level.Size, snapshot.LastUpdateId, BookDeltaFlags.Snapshot, snapshot.EventTime, snapshot.ReceiveTime));
        }

        foreach (var level in snapshot.Asks)
        {
            into.Add(new BookDelta(snapshot.Instrument, BookAction.Set, OrderSide.Sell, level.Price, level.Size, snapshot.LastUpdateId, BookDeltaFlags.Snapshot, snapshot.EventTime, snapshot.ReceiveTime));
        }

        into.MarkLast();
        return into;
    }
}
