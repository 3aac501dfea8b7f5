namespace FlowSight.Venues.Binance.Rest;

/// <summary>Asks for a futures symbol's mark price, index price and funding (<c>premiumIndex</c>).</summary>
/// <param name="Symbol">Binance's symbol, e.g. <c>BTCUSDT</c> or <c>BTCUSD_PERP</c>.</param>
public sealed record MarkPriceRequest(string Symbol);
