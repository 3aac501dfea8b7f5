namespace FlowSight.Venues.Binance;

/// <summary>
/// The Binance market a connection, symbol or request belongs to. The same symbol text names different instruments
/// per market (spot <c>BTCUSDT</c> vs the USDⓈ-M perpetual <c>BTCUSDT</c>), so every lookup is keyed by market too.
/// </summary>
public enum BinanceMarket : byte
{
    /// <summary>Spot (<c>api.binance.com</c>, <c>stream.binance.com</c>): depth diffs carry <c>U</c>/<c>u</c>.</summary>
    Spot = 0,

    /// <summary>USDⓈ-M futures (<c>fapi.binance.com</c>, <c>fstream.binance.com</c>): depth diffs carry <c>U</c>/<c>u</c>/<c>pu</c>.</summary>
    UsdM = 1,

    /// <summary>COIN-M futures (<c>dapi.binance.com</c>, <c>dstream.binance.com</c>): same stream shapes as USDⓈ-M.</summary>
    CoinM = 2,
}
