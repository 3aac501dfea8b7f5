using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Okx.Parsing;

namespace FlowSight.Venues.Okx.Book;

/// <summary>
/// OKX's book rules as pure logic feeding one <see cref="L2OrderBook"/>: a <c>snapshot</c> replaces the book; an
/// <c>update</c> applies only when its <c>prevSeqId</c> equals the last <c>seqId</c> (when OKX sends sequence ids);
/// a <c>seqId == prevSeqId</c> message is a heartbeat; a <c>seqId</c> below <c>prevSeqId</c> is OKX resetting its
/// sequence and still applies, since the chain through <c>prevSeqId</c> holds. After every message the CRC32 checksum
/// of the top 25 levels is verified. A gap, a mismatch or a refused update marks the book out of sync and raises
/// <see cref="ResubscribeRequested"/>: OKX has no REST snapshot for this, a resubscription brings a new one.
/// </summary>
/// <remarks>
/// One synchronizer per instrument, used by one thread. Allocates nothing per message. As an
/// <see cref="IOkxBookSink"/> it takes updates straight from the parser (the fused path, for one instrument; several
/// go through a router that picks the synchronizer by <see cref="OkxUpdateHeader.Instrument"/>): the same checks,
/// counters and results as <see cref="Apply"/>.
/// </remarks>
public sealed class OkxBookSynchronizer : IOkxBookSink
{
    private readonly OkxBookChecksum _checksum;
    private long _lastSeqId = -1;
    private OkxUpdateHeader _taking;
    private bool _isTaking;

    /// <summary>Creates a synchronizer that keeps <paramref name="book"/>.</summary>
    public OkxBookSynchronizer(L2OrderBook book)
        : this(book, new OkxBookChecksum())
    {
    }

    internal OkxBookSynchronizer(L2OrderBook book, OkxBookChecksum checksum)
    {
        ArgumentNullException.ThrowIfNull(book);
        Book = book;
        _checksum = checksum;
    }

    /// <summary>Raised when the book lost sync; the data client resubscribes the channel, then calls <see cref="Reset"/> or just waits for the snapshot.</summary>
    public event Action<OkxResubscribeRequested>? ResubscribeRequested;

    /// <summary>The book kept.</summary>
    public L2OrderBook Book { get; }

    /// <summary>Where the synchronizer stands.</summary>
    public OkxBookSyncState State { get; private set; }

    /// <summary>What it has seen.</summary>
    public OkxBookSyncCounters Counters { get; } = new();

    /// <summary>The last applied <c>seqId</c>, -1 when none (or OKX sent none).</summary>
    public long LastSeqId => _lastSeqId;

    /// <summary>Whether a checksum is verified after each message (on by default; OKX sends one with every book message).</summary>
    public bool VerifyChecksum { get; init; } = true;

    /// <summary>Applies one parsed book message (<see cref="Parsing.OkxStreamParser.Deltas"/>).</summary>
    public OkxBookResult Apply(BookDeltas message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.IsSnapshot)
        {
            if (!Book.Apply(message))
            {
                return Fail(OkxBookResult.Rejected, ref Counters.RejectedField);
            }

            _lastSeqId = message.LastUpdateId;
            State = OkxBookSyncState.Synced;
            OkxBookSyncCounters.Increment(ref Counters.SnapshotsField);
            return Verify(message, OkxBookResult.SnapshotApplied);
        }

        if (State != OkxBookSyncState.Synced)
        {
            OkxBookSyncCounters.Increment(ref Counters.IgnoredField);
            return OkxBookResult.Ignored;
        }

        var prev = message.PreviousUpdateId;
        var seq = message.LastUpdateId;
        if (prev >= 0 && _lastSeqId >= 0)
        {
            if (prev != _lastSeqId)
            {
                return Fail(OkxBookResult.Gap, ref Counters.GapsField);
            }

            if (seq == prev)
            {
                // OKX repeats the last seqId with empty sides when the book has not changed for a while.
                OkxBookSyncCounters.Increment(ref Counters.HeartbeatsField);
                return Verify(message, OkxBookResult.Heartbeat);
            }

            if (seq < prev)
            {
                OkxBookSyncCounters.Increment(ref Counters.SequenceResetsField);
            }
        }

        if (!Book.Apply(message) || Book.IsCrossed)
        {
            return Fail(OkxBookResult.Rejected, ref Counters.RejectedField);
        }

        _lastSeqId = seq;
        OkxBookSyncCounters.Increment(ref Counters.UpdatesAppliedField);
        return Verify(message, OkxBookResult.Applied);
    }

    /// <summary>Forgets the book and waits for a snapshot (e.g. after a reconnect).</summary>
    public void Reset()
    {
        Book.Clear();
        _lastSeqId = -1;
        _isTaking = false;
        State = OkxBookSyncState.AwaitingSnapshot;
    }

    /// <inheritdoc/>
    L2OrderBook? IOkxBookSink.BeginUpdate(in OkxUpdateHeader header, out bool keepLevels)
    {
        keepLevels = false;
        return BeginUpdate(header);
    }

    /// <inheritdoc/>
    void IOkxBookSink.EndUpdate(BookDeltas update, bool levelsValid) => EndUpdate(update, levelsValid);

    /// <inheritdoc/>
    void IOkxBookSink.AbortUpdate() => AbortUpdate();

    /// <inheritdoc/>
    OkxBookChecksum? IOkxBookSink.LevelTextChecksum => TakingChecksum;

    /// <summary>While an update is taken: the checksum memory its levels' texts can go into (null when checksums are off).</summary>
    internal OkxBookChecksum? TakingChecksum => _isTaking && VerifyChecksum ? _checksum : null;

    /// <summary>
    /// The fused path's <see cref="IOkxBookSink.BeginUpdate"/>: the book when the update continues the chain and
    /// would be applied; null for anything <see cref="Apply"/> treats otherwise (not synced, a gap, a heartbeat,
    /// another instrument), which is then parsed into <see cref="BookDeltas"/> and applied as usual.
    /// </summary>
    internal L2OrderBook? BeginUpdate(in OkxUpdateHeader header)
    {
        _isTaking = false;
        if (State != OkxBookSyncState.Synced || header.Instrument != Book.Instrument)
        {
            return null;
        }

        var prev = header.PrevSeqId;
        if (prev >= 0 && _lastSeqId >= 0 && (prev != _lastSeqId || header.SeqId == prev))
        {
            return null;
        }

        _isTaking = true;
        _taking = header;
        return Book;
    }

    /// <summary>
    /// The levels of the update <see cref="BeginUpdate"/> took are in the book: what <see cref="Apply"/> does after
    /// <see cref="L2OrderBook.Apply(BookDeltas)"/> (crossed or refused → resubscribe; the checksum verified).
    /// </summary>
    internal OkxBookResult EndUpdate(BookDeltas update, bool levelsValid)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!_isTaking)
        {
            throw new InvalidOperationException("EndUpdate without an update begun.");
        }

        _isTaking = false;
        var header = _taking;
        Book.LastUpdateId = header.SeqId;
        Book.LastEventTime = header.EventTime;
        if (header.PrevSeqId >= 0 && _lastSeqId >= 0 && header.SeqId < header.PrevSeqId)
        {
            OkxBookSyncCounters.Increment(ref Counters.SequenceResetsField);
        }

        if (!levelsValid || Book.IsCrossed)
        {
            return Fail(OkxBookResult.Rejected, ref Counters.RejectedField);
        }

        _lastSeqId = header.SeqId;
        OkxBookSyncCounters.Increment(ref Counters.UpdatesAppliedField);
        OkxBookSyncCounters.Increment(ref Counters.UpdatesFusedField);
        return Verify(header.Checksum, OkxBookResult.Applied);
    }

    /// <summary>The update <see cref="BeginUpdate"/> took turned out malformed after some of its levels went in: the book cannot be trusted.</summary>
    internal OkxBookResult AbortUpdate()
    {
        if (!_isTaking)
        {
            return OkxBookResult.Ignored;
        }

        _isTaking = false;
        return Fail(OkxBookResult.Rejected, ref Counters.RejectedField);
    }

    private OkxBookResult Verify(BookDeltas message, OkxBookResult success) => Verify(message.Checksum, success);

    private OkxBookResult Verify(int? checksum, OkxBookResult success)
    {
        if (!VerifyChecksum || checksum is not { } expected)
        {
            return success;
        }

        OkxBookSyncCounters.Increment(ref Counters.ChecksumCheckedField);
        return _checksum.Compute(Book) == expected
            ? success
            : Fail(OkxBookResult.ChecksumMismatch, ref Counters.ChecksumMismatchedField);
    }

    private OkxBookResult Fail(OkxBookResult reason, ref long counter)
    {
        OkxBookSyncCounters.Increment(ref counter);
        OkxBookSyncCounters.Increment(ref Counters.ResyncsField);
        State = OkxBookSyncState.OutOfSync;
        ResubscribeRequested?.Invoke(new OkxResubscribeRequested(Book.Instrument, reason, _lastSeqId));
        return reason;
    }
}
