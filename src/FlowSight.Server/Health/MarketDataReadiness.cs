namespace FlowSight.Server.Health;

/// <summary>One market-data client in <c>/health/ready</c>.</summary>
/// <param name="Client">The client's name, e.g. <c>binance-usdm</c>.</param>
/// <param name="Venue">The venue.</param>
/// <param name="Connected">True when at least one of its connections is up (null: the replica has not seen one yet).</param>
/// <param name="Frames">Data frames received.</param>
/// <param name="Malformed">Frames it could not parse.</param>
/// <param name="Books">Each instrument's book feed.</param>
public sealed record MarketDataReadiness(string Client, string Venue, bool? Connected, long Frames, long Malformed, IReadOnlyList<BookReadiness> Books);
