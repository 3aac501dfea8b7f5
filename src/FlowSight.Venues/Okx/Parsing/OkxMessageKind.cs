namespace FlowSight.Venues.Okx.Parsing;

/// <summary>What one OKX frame turned out to be, as reported by <see cref="OkxStreamParser.Parse"/>.</summary>
public enum OkxMessageKind : byte
{
    /// <summary>Nothing parsed yet.</summary>
    None = 0,

    /// <summary>Not valid JSON, or a required field was missing or wrong; see <see cref="OkxStreamParser.LastReason"/>.</summary>
    Malformed,

    /// <summary>Valid JSON of a channel or event this parser does not handle.</summary>
    Unknown,

    /// <summary>The text <c>pong</c> answering our <c>ping</c>.</summary>
    Pong,

    /// <summary>A control reply (<c>subscribe</c>, <c>unsubscribe</c>, <c>error</c>, <c>notice</c>…); see <see cref="OkxStreamParser.Control"/>.</summary>
    Control,

    /// <summary>A book push (<c>books</c>, <c>books5</c>, <c>bbo-tbt</c>, <c>books-l2-tbt</c>, <c>books50-l2-tbt</c>) in <see cref="OkxStreamParser.Deltas"/>.</summary>
    Book,

    /// <summary>One or more trades in <see cref="OkxStreamParser.Trades"/>.</summary>
    Trades,

    /// <summary>A ticker: the best bid and ask in <see cref="OkxStreamParser.Quote"/>, the last trade in <see cref="OkxStreamParser.LastPrice"/>.</summary>
    Ticker,

    /// <summary>A candle in <see cref="OkxStreamParser.Candle"/>.</summary>
    Candle,

    /// <summary>A mark price in <see cref="OkxStreamParser.MarkPrice"/>.</summary>
    MarkPrice,

    /// <summary>A funding rate in <see cref="OkxStreamParser.FundingRate"/>.</summary>
    FundingRate,

    /// <summary>Open interest in <see cref="OkxStreamParser.OpenInterest"/>.</summary>
    OpenInterest,
}
