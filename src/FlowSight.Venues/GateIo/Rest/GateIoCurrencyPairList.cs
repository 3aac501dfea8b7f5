using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>The answer of <c>spot/currency_pairs</c>: the pairs FlowSight represents, and the ones it had to leave out.</summary>
/// <param name="Pairs">The pairs, in Gate's order.</param>
/// <param name="Unsupported">Listings left out, with the reason (precision above 9 decimals).</param>
public sealed record GateIoCurrencyPairList(IReadOnlyList<GateIoCurrencyPair> Pairs, IReadOnlyList<UnsupportedInstrument> Unsupported);
