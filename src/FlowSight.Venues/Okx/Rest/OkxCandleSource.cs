namespace FlowSight.Venues.Okx.Rest;

/// <summary>Which OKX candle endpoint to read.</summary>
public enum OkxCandleSource : byte
{
    /// <summary><c>market/candles</c>: the latest 1,440 candles, 40 requests per 2 s, up to 300 per page.</summary>
    Recent = 1,

    /// <summary><c>market/history-candles</c>: candles from recent years, 20 requests per 2 s, up to 300 per page.</summary>
    History = 2,
}
