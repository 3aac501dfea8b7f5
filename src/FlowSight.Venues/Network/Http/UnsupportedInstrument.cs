namespace FlowSight.Venues.Network.Http;

/// <summary>
/// An instrument a venue lists that FlowSight cannot represent (e.g. a tick of 10^-12, beyond the 9 decimals of
/// <see cref="Core.Price"/>): left out of the specs, with the reason, so one such listing never costs the others.
/// </summary>
/// <param name="VenueSymbol">The venue's symbol, e.g. <c>BABYDOGE-USDT</c>.</param>
/// <param name="Reason">Why it was left out.</param>
public sealed record UnsupportedInstrument(string VenueSymbol, string Reason);
