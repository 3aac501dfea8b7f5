using FlowSight.Core;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>The specs of both Gate.io markets (spot pairs, then USDT perpetuals) and the listings left out.</summary>
/// <param name="Specs">Spot pairs, then USDT perpetuals.</param>
/// <param name="Unsupported">Listings left out of either market, with the reason.</param>
public sealed record GateIoInstrumentList(IReadOnlyList<Instrument> Specs, IReadOnlyList<UnsupportedInstrument> Unsupported);
