using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Okx.Trading;

/// <summary>
/// OKX v5 private REST paths and their documented limits ("Rate Limit: n requests per 2 seconds"; the rule is
/// "User ID + Instrument ID" for single-order entry and lookup, "User ID" otherwise). The client counts each in its
/// own pool, per account and, where OKX scopes it, per instrument; WebSocket order entry shares OKX's order limits.
/// </summary>
public static class OkxTradingRoutes
{
    /// <summary><c>POST /api/v5/trade/order</c> (60 per 2 s per instrument).</summary>
    public const string PlaceOrder = "/api/v5/trade/order";

    /// <summary><c>GET /api/v5/trade/order</c> (60 per 2 s per instrument).</summary>
    public const string GetOrder = "/api/v5/trade/order#get";

    /// <summary><c>POST /api/v5/trade/cancel-order</c> (60 per 2 s per instrument).</summary>
    public const string CancelOrder = "/api/v5/trade/cancel-order";

    /// <summary><c>POST /api/v5/trade/amend-order</c> (60 per 2 s per instrument).</summary>
    public const string AmendOrder = "/api/v5/trade/amend-order";

    /// <summary><c>POST /api/v5/trade/cancel-batch-orders</c> (300 orders per 2 s; up to 20 per request).</summary>
    public const string CancelBatchOrders = "/api/v5/trade/cancel-batch-orders";

    /// <summary><c>GET /api/v5/trade/orders-pending</c> (60 per 2 s).</summary>
    public const string OrdersPending = "/api/v5/trade/orders-pending";

    /// <summary><c>GET /api/v5/trade/fills</c>, the last 3 days (60 per 2 s).</summary>
    public const string Fills = "/api/v5/trade/fills";

    /// <summary><c>GET /api/v5/trade/fills-history</c>, the last 3 months (10 per 2 s).</summary>
    public const string FillsHistory = "/api/v5/trade/fills-history";

    /// <summary><c>GET /api/v5/account/balance</c> (10 per 2 s).</summary>
    public const string Balance = "/api/v5/account/balance";

    /// <summary><c>GET /api/v5/account/positions</c> (10 per 2 s).</summary>
    public const string Positions = "/api/v5/account/positions";

    /// <summary><c>POST /api/v5/trade/order-algo</c>: conditional orders (20 per 2 s per instrument).</summary>
    public const string PlaceAlgo = "/api/v5/trade/order-algo";

    /// <summary><c>GET /api/v5/trade/order-algo</c>: one algo order by <c>algoId</c> or <c>algoClOrdId</c> (20 per 2 s).</summary>
    public const string GetAlgo = "/api/v5/trade/order-algo#get";

    /// <summary><c>POST /api/v5/trade/cancel-algos</c> (20 per 2 s; up to 10 orders per request).</summary>
    public const string CancelAlgos = "/api/v5/trade/cancel-algos";

    /// <summary><c>GET /api/v5/trade/orders-algo-pending</c>: the untriggered algo orders (20 per 2 s).</summary>
    public const string AlgoPending = "/api/v5/trade/orders-algo-pending";

    /// <summary>Orders a batch cancel may carry.</summary>
    public const int MaxBatch = 20;

    /// <summary>Algo orders a <c>cancel-algos</c> request may carry.</summary>
    public const int MaxAlgoBatch = 10;

    /// <summary>The documented limit per 2 seconds of <paramref name="route"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a route of this client.</exception>
    public static int LimitOf(string route) => route switch
    {
        PlaceOrder or GetOrder or CancelOrder or AmendOrder or OrdersPending or Fills => 60,
        CancelBatchOrders => 300,
        FillsHistory or Balance or Positions => 10,
        PlaceAlgo or GetAlgo or CancelAlgos or AlgoPending => 20,
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, "No OKX limit is known for this route."),
    };

    /// <summary>The HTTP path of <paramref name="route"/> (the GET of an order or algo order shares its path with the POST).</summary>
    public static string PathOf(string route) => route switch
    {
        GetOrder => PlaceOrder,
        GetAlgo => PlaceAlgo,
        _ => route,
    };

    /// <summary>The pool of <paramref name="route"/> for <paramref name="account"/>, per instrument where OKX counts per instrument.</summary>
    public static RateLimitRule Rule(string route, string account, string? instId) =>
        new(instId is null ? $"{route}|{account}" : $"{route}|{account}|{instId}", Rest.OkxRateLimits.Window, LimitOf(route));

    /// <summary>True when OKX counts <paramref name="route"/> per instrument.</summary>
    public static bool IsPerInstrument(string route) => route is PlaceOrder or GetOrder or CancelOrder or AmendOrder or PlaceAlgo;
}
