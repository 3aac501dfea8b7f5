namespace FlowSight.Venues.Okx.Replay;

/// <summary>What replaying one OKX book found.</summary>
/// <param name="Frames">Book messages for the instrument.</param>
/// <param name="Snapshots">Snapshots applied.</param>
/// <param name="UpdatesApplied">Updates applied.</param>
/// <param name="Ignored">Updates ignored before a snapshot or while out of sync.</param>
/// <param name="Gaps">Broken <c>prevSeqId</c> chains.</param>
/// <param name="Resyncs">Times the book lost sync (live, each would resubscribe).</param>
/// <param name="ChecksumChecked">Messages whose checksum was verified.</param>
/// <param name="ChecksumMismatched">Messages whose checksum did not match the rebuilt book.</param>
/// <param name="Malformed">Frames of the whole replay that could not be parsed.</param>
/// <param name="UpdatesFused">Of <paramref name="UpdatesApplied"/>, those parsed straight into the book (the fused path).</param>
public readonly record struct OkxReplayStatistics(
    long Frames,
    long Snapshots,
    long UpdatesApplied,
    long Ignored,
    long Gaps,
    long Resyncs,
    long ChecksumChecked,
    long ChecksumMismatched,
    long Malformed,
    long UpdatesFused = 0);
