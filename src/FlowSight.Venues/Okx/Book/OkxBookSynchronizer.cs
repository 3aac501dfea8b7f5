using FlowSight.Core;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Venues.Okx.Book;

/// <summary>
/// OKX's book rules as pure logic feeding one <see cref="L2OrderBook"/>: a <c>snapshot</c> replaces the book; an
/// <c>update</c> applies only when its <c>prevSeqId</c> equals the last <c>seqId</c> (when OKX sends sequence ids);
/// a <c>seqId == prevSeqId</c> message is a heartbeat; a <c>seqId</c> below <c>prevSeqId</c> is OKX resetting its
/// sequence and still applies, since the chain through <c>prevSeqId</c> holds. After every message the CRC32 checksum
/// of the top 25 levels is verified. A gap, a mismatch or a refused update marks the book out of sync and raises
/// <see cref="ResubscribeRequested"/>: OKX has no REST snapshot for this, a resubscription brings a new one.
/// </summary>
/// <remarks>One synchronizer per instrument, used by one thread. Allocates nothing per message.</remarks>
public sealed class OkxBookSynchronizer
{
    private readonly OkxBookChecksum _checksum;
    private long _lastSeqId = -1;

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
        State = OkxBookSyncState.AwaitingSnapshot;
    }

    private OkxBookResult Verify(BookDeltas message, OkxBookResult success)
    {
        if (!VerifyChecksum || message.Checksum is not { } expected)
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
