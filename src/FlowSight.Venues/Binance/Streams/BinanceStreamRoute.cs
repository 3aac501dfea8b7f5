namespace FlowSight.Venues.Binance.Streams;

/// <summary>
/// The USDⓈ-M futures WebSocket path a stream must be requested on. Binance split <c>fstream.binance.com</c> into
/// routed paths ("Important WebSocket Change Notice — Base URL Split &amp; Migration", USDⓈ-M futures docs, 2026-03;
/// the unrouted URLs were retired 2026-04-23 and silently stop delivering streams of the other path). Spot and
/// COIN-M have no routes.
/// </summary>
public enum BinanceStreamRoute : byte
{
    /// <summary>No routed path (spot, COIN-M, or a local server that serves everything at the root).</summary>
    None = 0,

    /// <summary><c>/public</c>: high-frequency public market data (diff and partial depth, book tickers, trades).</summary>
    Public,

    /// <summary><c>/market</c>: regular market data (aggregate trades, mark price, klines, liquidations, tickers).</summary>
    Market,
}
