namespace FlowSight.Core;

/// <summary>
/// One change to one price level of an L2 book. A venue depth message becomes a run of deltas sharing the same
/// <see cref="Sequence"/>, the last one flagged <see cref="BookDeltaFlags.Last"/>, so the run can travel through
/// the engine's ring buffer slot by slot without allocating.
/// </summary>
/// <param name="Instrument">The instrument's book.</param>
/// <param name="Action">Set, delete or clear.</param>
/// <param name="Side">Bid (<see cref="OrderSide.Buy"/>) or ask (<see cref="OrderSide.Sell"/>).</param>
/// <param name="Price">The level's price.</param>
/// <param name="Size">The level's new total quantity (zero for a delete).</param>
/// <param name="Sequence">The venue's update id of the message (Binance <c>u</c>, OKX <c>seqId</c>, Gate.io <c>u</c>).</param>
/// <param name="Flags">Last-in-message and snapshot flags.</param>
/// <param name="EventTime">The venue's event time, Unix nanoseconds.</param>
/// <param name="ReceiveTime">When we received it, Unix nanoseconds.</param>
public readonly record struct BookDelta(
    InstrumentId Instrument,
    BookAction Action,
    OrderSide Side,
    Price Price,
    Quantity Size,
    long Sequence,
    BookDeltaFlags Flags,
    long EventTime,
    long ReceiveTime) : IInstrumentEvent
{
    /// <summary>True when this delta closes its message.</summary>
    public bool IsLast => (Flags & BookDeltaFlags.Last) != 0;
}
