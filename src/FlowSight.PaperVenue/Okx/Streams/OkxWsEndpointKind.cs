namespace FlowSight.PaperVenue.Okx.Streams;

/// <summary>Which of OKX's three WebSocket URLs a connection came to.</summary>
public enum OkxWsEndpointKind
{
    /// <summary><c>/ws/v5/public</c>: books, trades, tickers, mark price, funding rate.</summary>
    Public = 1,

    /// <summary><c>/ws/v5/private</c>: login, orders, positions, account, order entry.</summary>
    Private = 2,

    /// <summary><c>/ws/v5/business</c>: candles.</summary>
    Business = 3,
}
