namespace FlowSight.Venues.Data;

/// <summary>A market-data client's health: frames, parse problems, and every instrument's book feed.</summary>
/// <param name="Client">The client's name (<see cref="IMarketDataClient.Name"/>).</param>
/// <param name="Frames">Data frames received.</param>
/// <param name="Malformed">Frames that could not be parsed (skipped; the connection is kept).</param>
/// <param name="Unknown">Frames of a kind the client does not handle.</param>
/// <param name="LastMalformedSample">The start of the last malformed frame, for the log.</param>
/// <param name="Books">Per-instrument book feeds.</param>
public sealed record MarketDataHealth(
    string Client,
    long Frames,
    long Malformed,
    long Unknown,
    string? LastMalformedSample,
    IReadOnlyList<BookFeedHealth> Books);
