namespace FlowSight.Venues.Okx.Book;

/// <summary>What an <see cref="OkxBookSynchronizer"/> has seen. Written by its thread; readable from any thread.</summary>
public sealed class OkxBookSyncCounters
{
    internal long SnapshotsField;
    internal long UpdatesAppliedField;
    internal long UpdatesFusedField;
    internal long HeartbeatsField;
    internal long IgnoredField;
    internal long SequenceResetsField;
    internal long ChecksumCheckedField;
    internal long ChecksumMismatchedField;
    internal long GapsField;
    internal long RejectedField;
    internal long ResyncsField;

    /// <summary>Snapshots applied.</summary>
    public long Snapshots => Volatile.Read(ref SnapshotsField);

    /// <summary>Updates applied.</summary>
    public long UpdatesApplied => Volatile.Read(ref UpdatesAppliedField);

    /// <summary>Of <see cref="UpdatesApplied"/>, those parsed straight into the book (the fused path, <see cref="Parsing.IOkxBookSink"/>) rather than through a <c>BookDeltas</c> batch.</summary>
    public long UpdatesFused => Volatile.Read(ref UpdatesFusedField);

    /// <summary><c>seqId == prevSeqId</c> heartbeats.</summary>
    public long Heartbeats => Volatile.Read(ref HeartbeatsField);

    /// <summary>Updates ignored while awaiting a snapshot.</summary>
    public long Ignored => Volatile.Read(ref IgnoredField);

    /// <summary>Updates whose <c>seqId</c> went below <c>prevSeqId</c> (an OKX sequence reset), applied since the chain held.</summary>
    public long SequenceResets => Volatile.Read(ref SequenceResetsField);

    /// <summary>Messages whose checksum was verified.</summary>
    public long ChecksumChecked => Volatile.Read(ref ChecksumCheckedField);

    /// <summary>Messages whose checksum did not match the book.</summary>
    public long ChecksumMismatched => Volatile.Read(ref ChecksumMismatchedField);

    /// <summary>Updates whose <c>prevSeqId</c> did not continue the chain.</summary>
    public long Gaps => Volatile.Read(ref GapsField);

    /// <summary>Messages the book refused, or after which it was crossed.</summary>
    public long Rejected => Volatile.Read(ref RejectedField);

    /// <summary>Resubscriptions requested.</summary>
    public long Resyncs => Volatile.Read(ref ResyncsField);

    internal static void Increment(ref long field) => Volatile.Write(ref field, field + 1);
}
