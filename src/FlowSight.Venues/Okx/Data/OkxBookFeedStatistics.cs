namespace FlowSight.Venues.Okx.Data;

/// <summary>One instrument's <c>books</c> feed.</summary>
/// <param name="Instrument">The instrument id.</param>
/// <param name="Synced">True when the local book follows OKX's sequence and checksum.</param>
/// <param name="LastSeqId">The last applied <c>seqId</c> (-1 when none).</param>
/// <param name="Snapshots">Snapshots applied.</param>
/// <param name="UpdatesApplied">Updates applied.</param>
/// <param name="UpdatesFused">Of those, updates parsed straight into the book (the fused path) rather than through a <c>BookDeltas</c> batch.</param>
/// <param name="Heartbeats"><c>seqId == prevSeqId</c> messages.</param>
/// <param name="Gaps">Breaks in the <c>prevSeqId</c> chain.</param>
/// <param name="ChecksumChecked">Checksums verified.</param>
/// <param name="ChecksumMismatched">Checksums that did not match the local book.</param>
/// <param name="Rejected">Messages the book refused (or after which it was crossed).</param>
/// <param name="ResubscribesRequested">Times the book lost sync and asked for a new snapshot.</param>
/// <param name="Resubscribes">Resubscriptions completed (unsubscribe + subscribe acknowledged).</param>
/// <param name="LastError">Why the last resubscription failed, until one succeeds.</param>
public sealed record OkxBookFeedStatistics(
    string Instrument,
    bool Synced,
    long LastSeqId,
    long Snapshots,
    long UpdatesApplied,
    long UpdatesFused,
    long Heartbeats,
    long Gaps,
    long ChecksumChecked,
    long ChecksumMismatched,
    long Rejected,
    long ResubscribesRequested,
    long Resubscribes,
    string? LastError);
