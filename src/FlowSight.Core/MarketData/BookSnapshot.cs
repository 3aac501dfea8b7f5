namespace FlowSight.Core;

/// <summary>
/// A full L2 book as a venue's REST snapshot returns it (Binance <c>/depth</c> with <c>lastUpdateId</c>,
/// Gate.io <c>order_book?with_id=true</c>, OKX <c>books</c> snapshot). Bids best (highest) first, asks best
/// (lowest) first.
/// </summary>
public sealed class BookSnapshot : IInstrumentEvent
{
    /// <summary>Creates a snapshot.</summary>
    public BookSnapshot(InstrumentId instrument, long lastUpdateId, IReadOnlyList<BookLevel> bids, IReadOnlyList<BookLevel> asks, long eventTime, long receiveTime)
    {
        Instrument = instrument;
        LastUpdateId = lastUpdateId;
        Bids = bids ?? throw new ArgumentNullException(nameof(bids));
        Asks = asks ?? throw new ArgumentNullException(nameof(asks));
        EventTime = eventTime;
        ReceiveTime = receiveTime;
    }

    /// <summary>The instrument.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>The update id the snapshot is consistent with.</summary>
    public long LastUpdateId { get; }

    /// <summary>Bid levels, highest price first.</summary>
    public IReadOnlyList<BookLevel> Bids { get; }

    /// <summary>Ask levels, lowest price first.</summary>
    public IReadOnlyList<BookLevel> Asks { get; }

    /// <summary>The venue's time for the snapshot (0 when it sends none), Unix nanoseconds.</summary>
    public long EventTime { get; }

    /// <summary>When we received it, Unix nanoseconds.</summary>
    public long ReceiveTime { get; }
}
