namespace FlowSight.Venues.Tests.Conformance;

/// <summary>A venue's book in venue-neutral terms: its sequence and its levels, best first.</summary>
/// <param name="Sequence">Binance <c>lastUpdateId</c>, OKX <c>seqId</c>, Gate.io <c>id</c>/<c>u</c>.</param>
/// <param name="Bids">Bid levels (price, size), best first.</param>
/// <param name="Asks">Ask levels (price, size), best first.</param>
internal sealed record ConformanceBook(long Sequence, IReadOnlyList<(decimal Price, decimal Size)> Bids, IReadOnlyList<(decimal Price, decimal Size)> Asks);
