namespace FlowSight.Venues.Okx.Streams;

/// <summary>Which OKX v5 WebSocket endpoint serves a channel.</summary>
public enum OkxStreamRoute : byte
{
    /// <summary><c>/ws/v5/public</c>: books, trades, tickers, mark price, funding rate, open interest…</summary>
    Public = 0,

    /// <summary><c>/ws/v5/business</c>: the candlestick channels (moved there by OKX in 2023).</summary>
    Business,
}
