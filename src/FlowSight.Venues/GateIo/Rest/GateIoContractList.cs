using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>The answer of <c>futures/usdt/contracts</c>: the contracts FlowSight represents, and the ones it had to leave out.</summary>
/// <param name="Contracts">The contracts, in Gate's order.</param>
/// <param name="Unsupported">Listings left out, with the reason (a price step finer than 9 decimals).</param>
public sealed record GateIoContractList(IReadOnlyList<GateIoContract> Contracts, IReadOnlyList<UnsupportedInstrument> Unsupported);
