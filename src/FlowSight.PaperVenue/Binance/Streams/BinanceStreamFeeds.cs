namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>The two Binance feeds of one paper exchange: market streams and user data streams.</summary>
/// <param name="Market">Market streams.</param>
/// <param name="User">User data streams.</param>
public sealed record BinanceStreamFeeds(BinanceMarketStreams Market, BinanceUserDataStreams User);
