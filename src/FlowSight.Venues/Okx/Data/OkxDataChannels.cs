namespace FlowSight.Venues.Okx.Data;

/// <summary>Which OKX channels an <see cref="OkxDataClient"/> subscribes per instrument.</summary>
[Flags]
public enum OkxDataChannels
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary><c>books</c>: 400 levels kept as a local book, checksum verified after every message.</summary>
    Books = 1,

    /// <summary><c>books5</c>: the top 5 levels (published as replacing snapshots when <see cref="Books"/> is off).</summary>
    Books5 = 2,

    /// <summary><c>bbo-tbt</c>: the best level tick by tick (published like <see cref="Books5"/>).</summary>
    BboTbt = 4,

    /// <summary><c>trades</c>.</summary>
    Trades = 8,

    /// <summary><c>tickers</c>: best bid/offer as quotes.</summary>
    Tickers = 16,

    /// <summary><c>candle{bar}</c> on the business endpoint, at <see cref="OkxDataClientOptions.CandleBar"/>.</summary>
    Candles = 32,

    /// <summary><c>mark-price</c> (derivatives).</summary>
    MarkPrice = 64,

    /// <summary><c>funding-rate</c> (swaps).</summary>
    FundingRate = 128,

    /// <summary><c>open-interest</c> (derivatives).</summary>
    OpenInterest = 256,

    /// <summary>What a trader's screen needs: book, trades and tickers.</summary>
    Default = Books | Trades | Tickers,
}
