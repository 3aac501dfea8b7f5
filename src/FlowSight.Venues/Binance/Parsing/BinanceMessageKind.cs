namespace FlowSight.Venues.Binance.Parsing;

/// <summary>What a frame turned out to be; tells which output of <see cref="BinanceStreamParser"/> was filled.</summary>
public enum BinanceMessageKind : byte
{
    /// <summary>Nothing parsed yet.</summary>
    None = 0,

    /// <summary>
    /// A depth diff (<c>@depth</c>, <c>@depth@100ms</c>, <c>@depth@0ms</c>) in <see cref="BinanceStreamParser.Deltas"/>:
    /// <c>U</c>/<c>u</c> and, on futures, <c>pu</c>.
    /// </summary>
    DepthUpdate,

    /// <summary>
    /// A partial depth stream (<c>@depth5/10/20</c>): a full top-N book in <see cref="BinanceStreamParser.Deltas"/>,
    /// marked as a snapshot (a leading <see cref="Core.BookAction.Clear"/>, then the levels).
    /// </summary>
    PartialDepth,

    /// <summary>
    /// A REST depth snapshot body (<c>{"lastUpdateId":..,"bids":..,"asks":..}</c>) in <see cref="BinanceStreamParser.Deltas"/>,
    /// marked as a snapshot (a leading <see cref="Core.BookAction.Clear"/>, then the levels). Seen in recordings,
    /// where the snapshot sits between the stream frames.
    /// </summary>
    DepthSnapshot,

    /// <summary>A <c>trade</c> in <see cref="BinanceStreamParser.Trade"/> (on futures, only <c>X</c> = <c>MARKET</c>).</summary>
    Trade,

    /// <summary>
    /// A futures <c>trade</c> whose <c>X</c> is not <c>MARKET</c> (insurance fund, ADL, ...), in
    /// <see cref="BinanceStreamParser.Trade"/> with <see cref="BinanceStreamParser.TradeType"/>. Binance advises
    /// leaving these out of bars and last-price logic: their prices can be far from the market.
    /// </summary>
    NonMarketTrade,

    /// <summary>An <c>aggTrade</c> in <see cref="BinanceStreamParser.Trade"/> (the trade id is the aggregate id).</summary>
    AggTrade,

    /// <summary>A <c>bookTicker</c> (also from the all-market <c>!bookTicker</c> stream) in <see cref="BinanceStreamParser.Quote"/>.</summary>
    BookTicker,

    /// <summary>A <c>kline</c> in <see cref="BinanceStreamParser.Candle"/>, open or closed.</summary>
    Kline,

    /// <summary>A <c>markPriceUpdate</c> in <see cref="BinanceStreamParser.MarkPrice"/>.</summary>
    MarkPrice,

    /// <summary>The all-market <c>!markPrice@arr</c> stream in <see cref="BinanceStreamParser.MarkPrices"/>.</summary>
    MarkPriceArray,

    /// <summary>A <c>forceOrder</c> (liquidation) in <see cref="BinanceStreamParser.Liquidation"/>.</summary>
    Liquidation,

    /// <summary>A <c>24hrTicker</c> in <see cref="BinanceStreamParser.Ticker"/>.</summary>
    Ticker,

    /// <summary>The all-market <c>!ticker@arr</c> stream in <see cref="BinanceStreamParser.Tickers"/>.</summary>
    TickerArray,

    /// <summary>A reply to a request (<c>{"result":null,"id":1}</c>, a LIST_SUBSCRIPTIONS list) in <see cref="BinanceStreamParser.Control"/>.</summary>
    Result,

    /// <summary>An error reply (<c>{"error":{"code":..,"msg":..},"id":..}</c> or <c>{"code":..,"msg":..}</c>) in <see cref="BinanceStreamParser.Control"/>.</summary>
    Error,

    /// <summary>A <c>serverShutdown</c> event: the server is about to close the connection; reconnect now.</summary>
    ServerShutdown,

    /// <summary>A user-data event (<c>executionReport</c>, <c>ORDER_TRADE_UPDATE</c>, <c>ACCOUNT_UPDATE</c>, ...): recognised, not handled here.</summary>
    UserData,

    /// <summary>A message naming a symbol the registry refuses (policy <see cref="BinanceUnknownSymbolPolicy.Report"/>, or not a valid id); counted.</summary>
    UnknownSymbol,

    /// <summary>Well-formed JSON that is not a message this parser knows (a new event type, an unhandled stream); counted and sampled.</summary>
    Unknown,

    /// <summary>Not valid JSON, or a known message with a missing or mistyped field; counted and sampled.</summary>
    Malformed,
}
