namespace FlowSight.Venues.Okx.Parsing;

/// <summary>The OKX v5 public channels the parser knows, from a push's <c>arg.channel</c>.</summary>
public enum OkxChannel : byte
{
    /// <summary>A channel the parser does not handle (or none).</summary>
    Unknown = 0,

    /// <summary><c>books</c>: 400 levels, snapshot then updates, every 100 ms.</summary>
    Books,

    /// <summary><c>books5</c>: the top 5 levels, always a full snapshot.</summary>
    Books5,

    /// <summary><c>bbo-tbt</c>: the best level tick by tick, always a full snapshot.</summary>
    BboTbt,

    /// <summary><c>books-l2-tbt</c>: 400 levels tick by tick (VIP), snapshot then updates.</summary>
    BooksL2Tbt,

    /// <summary><c>books50-l2-tbt</c>: 50 levels tick by tick (VIP), snapshot then updates.</summary>
    Books50L2Tbt,

    /// <summary><c>trades</c>.</summary>
    Trades,

    /// <summary><c>tickers</c>.</summary>
    Tickers,

    /// <summary><c>candle1m</c> … <c>candle1M</c> (and the <c>…utc</c> variants), on <c>/ws/v5/business</c>.</summary>
    Candle,

    /// <summary><c>mark-price</c>.</summary>
    MarkPrice,

    /// <summary><c>funding-rate</c>.</summary>
    FundingRate,

    /// <summary><c>open-interest</c>.</summary>
    OpenInterest,
}
