namespace FlowSight.Venues.GateIo.Parsing;

/// <summary>The Gate.io v4 public channels the parser knows, from a frame's <c>channel</c> without its <c>spot.</c>/<c>futures.</c> prefix.</summary>
public enum GateIoChannel : byte
{
    /// <summary>A channel the parser does not handle (or none).</summary>
    Unknown = 0,

    /// <summary><c>order_book_update</c>: changed levels with <c>U</c>/<c>u</c>, chained to a REST snapshot.</summary>
    OrderBookUpdate,

    /// <summary><c>order_book</c>: a limited-level snapshot (spot <c>update</c>, futures <c>all</c>).</summary>
    OrderBook,

    /// <summary><c>book_ticker</c>: the best bid and ask in real time.</summary>
    BookTicker,

    /// <summary><c>trades</c>: public trades (the taker side).</summary>
    Trades,

    /// <summary><c>tickers</c>: last price and 24 h figures; on futures also mark, index and funding rate.</summary>
    Tickers,

    /// <summary><c>candlesticks</c>: OHLCV, named <c>&lt;interval&gt;_&lt;name&gt;</c>.</summary>
    Candlesticks,

    /// <summary><c>ping</c>: our application-level ping (never received).</summary>
    Ping,

    /// <summary><c>pong</c>: the answer to <c>spot.ping</c>/<c>futures.ping</c>.</summary>
    Pong,
}
