namespace FlowSight.Venues.Binance.Rest;

/// <summary>Asks for a derivative's current open interest (<c>openInterest</c>).</summary>
/// <param name="Symbol">Binance's symbol, e.g. <c>BTCUSDT</c> or <c>BTCUSD_PERP</c>.</param>
public sealed record OpenInterestRequest(string Symbol);
