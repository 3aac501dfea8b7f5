namespace FlowSight.Venues.GateIo.Data;

/// <summary>Which Gate.io channels a <see cref="GateIoDataClient"/> subscribes per instrument.</summary>
[Flags]
public enum GateIoDataStreams
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary><c>order_book_update</c>, kept in sync with REST snapshots.</summary>
    OrderBook = 1,

    /// <summary><c>trades</c>.</summary>
    Trades = 2,

    /// <summary><c>book_ticker</c>.</summary>
    BookTicker = 4,

    /// <summary><c>tickers</c> (futures: mark, index and funding rate).</summary>
    Tickers = 8,

    /// <summary><c>candlesticks</c> at <see cref="GateIoDataClientOptions.CandleInterval"/>.</summary>
    Candlesticks = 16,

    /// <summary>Books, trades and best bid/offer.</summary>
    Default = OrderBook | Trades | BookTicker,
}
