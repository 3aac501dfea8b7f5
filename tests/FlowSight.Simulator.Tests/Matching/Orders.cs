using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Tests.Matching;

/// <summary>Request builders for the BTCUSDT test instrument.</summary>
internal static class Orders
{
    public static readonly InstrumentId Btc = MatchingInstruments.BtcUsdtPerp.Id;

    public static SimOrderRequest Limit(int account, OrderSide side, string price, string quantity, TimeInForce tif = TimeInForce.Gtc,
        string? clientId = null, bool reduceOnly = false, SelfTradePrevention stp = SelfTradePrevention.None) =>
        new(account, Btc, clientId is null ? default : ClientOrderId.Parse(clientId), side, OrderType.Limit, tif,
            Quantity.Parse(quantity), Price.Parse(price), ReduceOnly: reduceOnly, SelfTradePrevention: stp);

    public static SimOrderRequest Market(int account, OrderSide side, string quantity, bool reduceOnly = false) =>
        new(account, Btc, default, side, OrderType.Market, TimeInForce.Gtc, Quantity.Parse(quantity), ReduceOnly: reduceOnly);

    public static SimOrderRequest Stop(int account, OrderSide side, OrderType type, string trigger, string quantity, string? price = null,
        WorkingType workingType = WorkingType.ContractPrice, TimeInForce tif = TimeInForce.Gtc) =>
        new(account, Btc, default, side, type, tif, Quantity.Parse(quantity), price is null ? default : Price.Parse(price),
            Price.Parse(trigger), WorkingType: workingType);
}
