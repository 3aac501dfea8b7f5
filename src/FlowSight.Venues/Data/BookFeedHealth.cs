using FlowSight.Core;

namespace FlowSight.Venues.Data;

/// <summary>One instrument's book feed, in terms every venue shares.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Synced">True when the local book follows the venue's sequence.</param>
/// <param name="LastSequence">The venue's last applied sequence (Binance <c>u</c>, OKX <c>seqId</c>, Gate.io <c>u</c>).</param>
/// <param name="UpdatesApplied">Updates applied to the book.</param>
/// <param name="Gaps">Breaks in the venue's sequence.</param>
/// <param name="Resyncs">Times the book was rebuilt from a new snapshot.</param>
/// <param name="ChecksumsChecked">Checksums verified (venues that send them: OKX).</param>
/// <param name="ChecksumMismatches">Checksums that did not match the local book.</param>
/// <param name="LastError">Why the last snapshot or resubscription failed, until one succeeds.</param>
public sealed record BookFeedHealth(
    InstrumentId Instrument,
    bool Synced,
    long LastSequence,
    long UpdatesApplied,
    long Gaps,
    long Resyncs,
    long ChecksumsChecked,
    long ChecksumMismatches,
    string? LastError);
