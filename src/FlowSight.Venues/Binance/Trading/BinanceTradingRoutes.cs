using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>The trading endpoints of one market, with their documented weights (per IP) and order counts (per account).</summary>
internal sealed class BinanceTradingRoutes
{
    public BinanceTradingRoutes(BinanceMarket market, string account)
    {
        var futures = market != BinanceMarket.Spot;
        var orders = BinanceOrderLimits.Pool(account);
        Order = futures ? "/fapi/v1/order" : "/api/v3/order";
        OpenOrders = futures ? "/fapi/v1/openOrders" : "/api/v3/openOrders";
        CancelAll = futures ? "/fapi/v1/allOpenOrders" : "/api/v3/openOrders";
        Trades = futures ? "/fapi/v1/userTrades" : "/api/v3/myTrades";
        Account = futures ? "/fapi/v2/account" : "/api/v3/account";
        PositionRisk = "/fapi/v2/positionRisk";
        ListenKey = futures ? "/fapi/v1/listenKey" : "/api/v3/userDataStream";
        AlgoOrder = "/fapi/v1/algoOrder";
        OpenAlgoOrders = "/fapi/v1/openAlgoOrders";
        AlgoCancelAll = "/fapi/v1/algoOpenOrders";

        // USDⓈ-M: a new order weighs 0 on the IP and 1 order; spot: weight 1 and 1 order.
        NewOrderCosts = futures ? [new(orders, 1)] : [Weight(1), new(orders, 1)];
        ModifyCosts = futures ? [Weight(1), new(orders, 1)] : [Weight(1)];
        QueryOrderCosts = [Weight(futures ? 1 : 4)];
        CancelCosts = [Weight(1)];
        OpenOrdersAllCosts = [Weight(futures ? 40 : 80)];
        TradesCosts = [Weight(futures ? 5 : 20)];
        AccountCosts = [Weight(futures ? 5 : 20)];
        PositionRiskCosts = [Weight(5)];
        ListenKeyCosts = [Weight(futures ? 1 : 2)];

        // Algo service: a new algo order weighs 0 on the IP (and counts as an order); query and cancel 1;
        // openAlgoOrders 1 for one symbol, 40 for all.
        AlgoQueryCosts = [Weight(1)];
        OpenAlgoOrdersAllCosts = [Weight(40)];
    }

    /// <summary>USDⓈ-M algo service: new, query and cancel one conditional order.</summary>
    public string AlgoOrder { get; }

    /// <summary>USDⓈ-M algo service: the conditional orders still waiting for their trigger.</summary>
    public string OpenAlgoOrders { get; }

    /// <summary>USDⓈ-M algo service: cancel every open conditional order of a symbol.</summary>
    public string AlgoCancelAll { get; }

    public RateLimitCost[] AlgoQueryCosts { get; }

    public RateLimitCost[] OpenAlgoOrdersAllCosts { get; }

    public string Order { get; }

    public string OpenOrders { get; }

    public string CancelAll { get; }

    public string Trades { get; }

    public string Account { get; }

    public string PositionRisk { get; }

    public string ListenKey { get; }

    public RateLimitCost[] NewOrderCosts { get; }

    public RateLimitCost[] ModifyCosts { get; }

    public RateLimitCost[] QueryOrderCosts { get; }

    public RateLimitCost[] CancelCosts { get; }

    public RateLimitCost[] OpenOrdersAllCosts { get; }

    public RateLimitCost[] TradesCosts { get; }

    public RateLimitCost[] AccountCosts { get; }

    public RateLimitCost[] PositionRiskCosts { get; }

    public RateLimitCost[] ListenKeyCosts { get; }

    private static RateLimitCost Weight(int units) => new(Rest.BinanceRateLimits.RequestWeight, units);
}
