namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>The market streams the paper venue publishes.</summary>
internal enum BinanceStreamKind : byte
{
    /// <summary><c>&lt;symbol&gt;@depth[@100ms|@500ms]</c>: diffs with <c>U</c>/<c>u</c>(/<c>pu</c>).</summary>
    DiffDepth = 1,

    /// <summary><c>&lt;symbol&gt;@depth5|10|20[@100ms|@500ms]</c>: the top levels.</summary>
    PartialDepth,

    /// <summary><c>&lt;symbol&gt;@trade</c>.</summary>
    Trade,

    /// <summary><c>&lt;symbol&gt;@aggTrade</c>.</summary>
    AggTrade,

    /// <summary><c>&lt;symbol&gt;@bookTicker</c>.</summary>
    BookTicker,

    /// <summary><c>&lt;symbol&gt;@kline_&lt;interval&gt;</c>.</summary>
    Kline,

    /// <summary><c>&lt;symbol&gt;@markPrice[@1s]</c> (futures).</summary>
    MarkPrice,

    /// <summary><c>!bookTicker</c> (futures).</summary>
    AllBookTickers,

    /// <summary><c>!markPrice@arr[@1s]</c> (futures).</summary>
    AllMarkPrices,

    /// <summary>A listen key's user data stream.</summary>
    UserData,
}
