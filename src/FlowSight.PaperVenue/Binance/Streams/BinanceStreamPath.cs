namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// The path a stream connection came in on. USDⓈ-M routes streams by path since 2026-03 ("Important WebSocket
/// Change Notice"): <c>/public</c> carries depth, book tickers and trades, <c>/market</c> everything else,
/// <c>/private</c> user data. The paper venue also serves the unrouted paths with every stream (the behaviour before
/// the split, and spot's).
/// </summary>
internal enum BinanceStreamPath : byte
{
    /// <summary><c>/ws</c>, <c>/stream</c>: every stream.</summary>
    Root = 0,

    /// <summary><c>/public/...</c>: high-frequency public streams only.</summary>
    Public,

    /// <summary><c>/market/...</c>: regular market streams only.</summary>
    Market,

    /// <summary><c>/private/...</c>: user data only.</summary>
    Private,
}
