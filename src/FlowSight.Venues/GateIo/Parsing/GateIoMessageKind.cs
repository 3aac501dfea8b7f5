namespace FlowSight.Venues.GateIo.Parsing;

/// <summary>What one Gate.io frame turned out to be, as reported by <see cref="GateIoStreamParser.Parse"/>.</summary>
public enum GateIoMessageKind : byte
{
    /// <summary>Nothing parsed yet.</summary>
    None = 0,

    /// <summary>Not valid JSON, or a required field was missing or wrong; see <see cref="GateIoStreamParser.LastReason"/>.</summary>
    Malformed,

    /// <summary>Valid JSON of a channel or event this parser does not handle.</summary>
    Unknown,

    /// <summary><c>spot.pong</c>/<c>futures.pong</c>, answering our application ping.</summary>
    Pong,

    /// <summary>A reply to a request (<c>subscribe</c>, <c>unsubscribe</c>) or an error; see <see cref="GateIoStreamParser.Control"/>.</summary>
    Control,

    /// <summary>An <c>order_book_update</c> in <see cref="GateIoStreamParser.Deltas"/> (<c>U</c>, <c>u</c> as first and last update ids).</summary>
    BookUpdate,

    /// <summary>An <c>order_book</c> snapshot in <see cref="GateIoStreamParser.Deltas"/> (<see cref="Core.BookDeltas.IsSnapshot"/>).</summary>
    BookSnapshot,

    /// <summary>One or more trades in <see cref="GateIoStreamParser.Trades"/>.</summary>
    Trades,

    /// <summary>A <c>book_ticker</c> in <see cref="GateIoStreamParser.Quote"/>.</summary>
    BookTicker,

    /// <summary>A spot ticker: best bid and ask prices (no sizes) in <see cref="GateIoStreamParser.Quote"/>, the last price in <see cref="GateIoStreamParser.LastPrice"/>.</summary>
    Ticker,

    /// <summary>A futures ticker: <see cref="GateIoStreamParser.MarkPrice"/>, <see cref="GateIoStreamParser.FundingRate"/> and <see cref="GateIoStreamParser.LastPrice"/>.</summary>
    FuturesTicker,

    /// <summary>A candle in <see cref="GateIoStreamParser.Candle"/>.</summary>
    Candle,
}
