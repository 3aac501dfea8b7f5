namespace FlowSight.Venues.Okx.Data;

/// <summary>An <see cref="OkxDataClient"/>'s counters.</summary>
/// <param name="Frames">Data frames received.</param>
/// <param name="Malformed">Frames that could not be parsed (skipped; the connection is kept).</param>
/// <param name="Unknown">Frames of a channel or event the client does not handle.</param>
/// <param name="LastMalformedSample">The start of the last malformed frame, for the log.</param>
/// <param name="ErrorReplies"><c>error</c> replies from OKX (refused requests).</param>
/// <param name="Books">Per-instrument <c>books</c> feeds.</param>
public sealed record OkxDataClientStatistics(
    long Frames,
    long Malformed,
    long Unknown,
    string? LastMalformedSample,
    long ErrorReplies,
    IReadOnlyList<OkxBookFeedStatistics> Books)
{
    /// <summary>Checksums verified over every book.</summary>
    public long ChecksumChecked => Books.Sum(b => b.ChecksumChecked);

    /// <summary>Checksum mismatches over every book.</summary>
    public long ChecksumMismatched => Books.Sum(b => b.ChecksumMismatched);

    /// <summary>Completed resubscriptions over every book.</summary>
    public long Resubscribes => Books.Sum(b => b.Resubscribes);
}
