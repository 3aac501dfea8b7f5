namespace FlowSight.Core;

/// <summary>
/// One venue depth message as a batch of <see cref="BookDelta"/>s with the update-id chain that book-building
/// rules check (Binance <c>U</c>/<c>u</c>/<c>pu</c>, OKX <c>prevSeqId</c>/<c>seqId</c>, Gate.io <c>U</c>/<c>u</c>).
/// A parser owns one instance and refills it per message, so steady-state parsing allocates nothing; consumers must
/// copy what they keep before the next message.
/// </summary>
public sealed class BookDeltas
{
    private BookDelta[] _deltas;
    private int _count;

    /// <summary>Creates an empty batch with room for <paramref name="capacity"/> deltas (it grows if needed).</summary>
    public BookDeltas(int capacity = 256) => _deltas = new BookDelta[Math.Max(capacity, 1)];

    /// <summary>The instrument of every delta in the batch.</summary>
    public InstrumentId Instrument { get; set; }

    /// <summary>The first update id covered (Binance <c>U</c>); equals <see cref="LastUpdateId"/> where venues send one id.</summary>
    public long FirstUpdateId { get; set; }

    /// <summary>The last update id covered (Binance <c>u</c>, OKX <c>seqId</c>).</summary>
    public long LastUpdateId { get; set; }

    /// <summary>The previous message's last update id when the venue sends it (Binance futures <c>pu</c>, OKX <c>prevSeqId</c>); -1 otherwise.</summary>
    public long PreviousUpdateId { get; set; } = -1;

    /// <summary>The venue's checksum of the book after this message (OKX CRC32), or null.</summary>
    public int? Checksum { get; set; }

    /// <summary>True when the batch is a full snapshot that replaces the book.</summary>
    public bool IsSnapshot { get; set; }

    /// <summary>The venue's event time, Unix nanoseconds.</summary>
    public long EventTime { get; set; }

    /// <summary>When we received the message, Unix nanoseconds.</summary>
    public long ReceiveTime { get; set; }

    /// <summary>The deltas, in the venue's order (bids first, then asks, for most venues).</summary>
    public ReadOnlySpan<BookDelta> Deltas => _deltas.AsSpan(0, _count);

    /// <summary>How many deltas the batch holds.</summary>
    public int Count => _count;

    /// <summary>Empties the batch and resets its header, keeping the buffer.</summary>
    public void Clear()
    {
        _count = 0;
        Instrument = default;
        FirstUpdateId = 0;
        LastUpdateId = 0;
        PreviousUpdateId = -1;
        Checksum = null;
        IsSnapshot = false;
        EventTime = 0;
        ReceiveTime = 0;
    }

    /// <summary>Appends a delta; the buffer doubles when full (amortised: steady state does not allocate).</summary>
    public void Add(in BookDelta delta)
    {
        if (_count == _deltas.Length)
        {
            Array.Resize(ref _deltas, _deltas.Length * 2);
        }

        _deltas[_count++] = delta;
    }

    /// <summary>Marks the final delta with <see cref="BookDeltaFlags.Last"/> (call once the message is parsed).</summary>
    public void MarkLast()
    {
        if (_count > 0)
        {
            ref var last = ref _deltas[_count - 1];
            last = last with { Flags = last.Flags | BookDeltaFlags.Last };
        }
    }
}
