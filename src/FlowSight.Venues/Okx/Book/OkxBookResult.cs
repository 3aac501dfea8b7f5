namespace FlowSight.Venues.Okx.Book;

/// <summary>What <see cref="OkxBookSynchronizer.Apply"/> did with one book message.</summary>
public enum OkxBookResult : byte
{
    /// <summary>A snapshot replaced the book and its checksum verified.</summary>
    SnapshotApplied = 0,

    /// <summary>An update was applied and its checksum verified.</summary>
    Applied,

    /// <summary>A <c>seqId == prevSeqId</c> heartbeat: nothing changed.</summary>
    Heartbeat,

    /// <summary>An update arrived before a snapshot (or while out of sync) and was ignored.</summary>
    Ignored,

    /// <summary><c>prevSeqId</c> did not equal the last <c>seqId</c>: messages were lost; out of sync.</summary>
    Gap,

    /// <summary>The book's checksum after the message differs from OKX's; out of sync.</summary>
    ChecksumMismatch,

    /// <summary>The book refused a delta or became crossed; out of sync.</summary>
    Rejected,
}
