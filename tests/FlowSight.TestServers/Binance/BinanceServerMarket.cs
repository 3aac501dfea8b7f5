namespace FlowSight.TestServers.Binance;

/// <summary>
/// Which Binance market the test server imitates (its message-rate limit, and for REST its paths). The test servers
/// deliberately do not reference the client code they test, so this mirrors <c>FlowSight.Venues.Binance.BinanceMarket</c>.
/// </summary>
public enum BinanceServerMarket
{
    /// <summary>Spot (<c>stream.binance.com</c>, <c>/api/v3</c>): 5 incoming messages per second.</summary>
    Spot,

    /// <summary>USDⓈ-M futures (<c>fstream.binance.com</c>, <c>/fapi/v1</c>): 10 incoming messages per second.</summary>
    UsdM,

    /// <summary>COIN-M futures (<c>dstream.binance.com</c>, <c>/dapi/v1</c>): 10 incoming messages per second.</summary>
    CoinM,
}
