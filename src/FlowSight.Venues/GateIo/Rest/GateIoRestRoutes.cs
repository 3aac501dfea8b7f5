namespace FlowSight.Venues.GateIo.Rest;

/// <summary>Gate.io v4 public REST paths, relative to the API root (<c>https://api.gateio.ws/api/v4</c>).</summary>
public static class GateIoRestRoutes
{
    /// <summary>Gate.io's API root.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.gateio.ws/api/v4");

    /// <summary><c>GET /spot/currency_pairs</c>.</summary>
    public const string CurrencyPairs = "/spot/currency_pairs";

    /// <summary><c>GET /futures/usdt/contracts</c>.</summary>
    public const string Contracts = "/futures/usdt/contracts";

    /// <summary><c>GET /spot/order_book</c>.</summary>
    public const string SpotOrderBook = "/spot/order_book";

    /// <summary><c>GET /futures/usdt/order_book</c>.</summary>
    public const string FuturesOrderBook = "/futures/usdt/order_book";

    /// <summary><c>GET /spot/candlesticks</c>.</summary>
    public const string SpotCandlesticks = "/spot/candlesticks";

    /// <summary><c>GET /futures/usdt/candlesticks</c>.</summary>
    public const string FuturesCandlesticks = "/futures/usdt/candlesticks";

    /// <summary><c>GET /spot/time</c>: the server's clock (<c>{"server_time": ms}</c>).</summary>
    public const string ServerTime = "/spot/time";

    /// <summary><c>GET /futures/usdt/funding_rate</c>: settled funding rate history.</summary>
    public const string FundingRate = "/futures/usdt/funding_rate";

    /// <summary>The order-book path of <paramref name="market"/>.</summary>
    public static string OrderBook(GateIoMarket market) => market == GateIoMarket.Spot ? SpotOrderBook : FuturesOrderBook;

    /// <summary>The candlesticks path of <paramref name="market"/>.</summary>
    public static string Candlesticks(GateIoMarket market) => market == GateIoMarket.Spot ? SpotCandlesticks : FuturesCandlesticks;
}
