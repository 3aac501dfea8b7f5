using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Binance.Streams;
using FlowSight.PaperVenue.Exchange;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>Binance's JSON for orders and fills: USDⓈ-M (<c>/fapi/v1/order</c>, <c>userTrades</c>) and spot (<c>/api/v3/order</c>, <c>myTrades</c>).</summary>
internal static class BinanceOrderWriter
{
    /// <summary>NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED or EXPIRED_IN_MATCH.</summary>
    public static string Status(in OrderEvent state) =>
        state.Status == OrderStatus.Expired && state.RejectReason == RejectReason.SelfTradePrevented
            ? "EXPIRED_IN_MATCH"
            : BinanceWire.Status(state.Status);

    /// <summary>A USDⓈ-M order as of <paramref name="state"/> (the order's latest event, or its acceptance for an ACK).</summary>
    public static void Futures(Utf8JsonWriter json, PaperMarket market, PaperOrder order, in OrderEvent state)
    {
        var i = market.Instrument;
        var type = BinanceWire.FuturesOrderType(order.Type);
        json.WriteStartObject();
        json.WriteNumber("orderId", order.OrderId);
        json.WriteString("symbol", i.VenueSymbol);
        json.WriteString("status", Status(state));
        json.WriteString("clientOrderId", order.ClientOrderId.ToString());
        BinanceRestFormat.Write(json, "price", state.Price.Raw == 0 ? Price.Zero(i.PricePrecision) : state.Price, false);
        BinanceRestFormat.Write(json, "avgPrice", AveragePrice(state), 8);
        BinanceRestFormat.Write(json, "origQty", state.Quantity, false);
        BinanceRestFormat.Write(json, "executedQty", Filled(state, i.SizePrecision), false);
        BinanceRestFormat.Write(json, "cumQty", Filled(state, i.SizePrecision), false);
        BinanceRestFormat.Write(json, "cumQuote", state.CumulativeQuote.ToDecimal(), 8);
        json.WriteString("timeInForce", BinanceWire.TimeInForce(order.TimeInForce));
        json.WriteString("type", type);
        json.WriteBoolean("reduceOnly", order.ReduceOnly);
        json.WriteBoolean("closePosition", false);
        json.WriteString("side", BinanceWire.Side(order.Side));
        json.WriteString("positionSide", BinanceWire.PositionSide(order.PositionSide));
        BinanceRestFormat.Write(json, "stopPrice", state.TriggerPrice.Raw == 0 ? Price.Zero(i.PricePrecision) : state.TriggerPrice, false);
        json.WriteString("workingType", order.WorkingType == WorkingType.MarkPrice ? "MARK_PRICE" : "CONTRACT_PRICE");
        json.WriteBoolean("priceProtect", false);
        json.WriteString("origType", type);
        json.WriteString("priceMatch", "NONE");
        json.WriteString("selfTradePreventionMode", BinanceWire.SelfTradePrevention(order.SelfTradePrevention));
        json.WriteNumber("goodTillDate", 0);
        json.WriteNumber("time", BinanceRestFormat.Ms(order.CreateTime));
        json.WriteNumber("updateTime", BinanceRestFormat.Ms(state.Timestamp));
        json.WriteEndObject();
    }

    /// <summary>A spot order for <c>GET /api/v3/order</c> and <c>openOrders</c>/<c>allOrders</c>.</summary>
    public static void SpotQuery(Utf8JsonWriter json, PaperMarket market, PaperOrder order)
    {
        var state = order.Last;
        json.WriteStartObject();
        json.WriteString("symbol", market.Symbol);
        json.WriteNumber("orderId", order.OrderId);
        json.WriteNumber("orderListId", -1);
        json.WriteString("clientOrderId", order.ClientOrderId.ToString());
        SpotBody(json, market, order, state);
        BinanceRestFormat.Write(json, "stopPrice", state.TriggerPrice.Raw == 0 ? Price.Zero(market.Instrument.PricePrecision) : state.TriggerPrice, true);
        json.WriteString("icebergQty", "0.00000000");
        json.WriteNumber("time", BinanceRestFormat.Ms(order.CreateTime));
        json.WriteNumber("updateTime", BinanceRestFormat.Ms(state.Timestamp));
        json.WriteBoolean("isWorking", state.Status != OrderStatus.Untriggered);
        json.WriteNumber("workingTime", BinanceRestFormat.Ms(order.CreateTime));
        json.WriteString("origQuoteOrderQty", "0.00000000");
        json.WriteString("selfTradePreventionMode", BinanceWire.SelfTradePrevention(order.SelfTradePrevention));
        json.WriteEndObject();
    }

    /// <summary>A spot <c>POST /api/v3/order</c> answer: ACK, RESULT or FULL (with this call's fills).</summary>
    public static void SpotNew(Utf8JsonWriter json, PaperMarket market, PaperOrder order, string responseType, List<OrderEvent> events, decimal? quoteQuantity = null)
    {
        json.WriteStartObject();
        json.WriteString("symbol", market.Symbol);
        json.WriteNumber("orderId", order.OrderId);
        json.WriteNumber("orderListId", -1);
        json.WriteString("clientOrderId", order.ClientOrderId.ToString());
        json.WriteNumber("transactTime", BinanceRestFormat.Ms(order.CreateTime));
        if (responseType != "ACK")
        {
            SpotBody(json, market, order, order.Last);
            json.WriteNumber("workingTime", BinanceRestFormat.Ms(order.CreateTime));
            BinanceRestFormat.Write(json, "origQuoteOrderQty", quoteQuantity ?? 0m);
            json.WriteString("selfTradePreventionMode", BinanceWire.SelfTradePrevention(order.SelfTradePrevention));
        }

        if (responseType == "FULL")
        {
            json.WritePropertyName("fills");
            json.WriteStartArray();
            foreach (var e in events)
            {
                if (e.OrderId != order.OrderId || e.LastQuantity.Raw == 0)
                {
                    continue;
                }

                json.WriteStartObject();
                BinanceRestFormat.Write(json, "price", e.LastPrice, true);
                BinanceRestFormat.Write(json, "qty", e.LastQuantity, true);
                BinanceRestFormat.Write(json, "commission", e.Commission.ToDecimal());
                json.WriteString("commissionAsset", e.CommissionAsset ?? market.Instrument.QuoteAsset);
                json.WriteNumber("tradeId", e.TradeId);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>A spot <c>DELETE /api/v3/order</c> answer.</summary>
    public static void SpotCanceled(Utf8JsonWriter json, PaperMarket market, PaperOrder order, string cancelClientId, long transactNs)
    {
        json.WriteStartObject();
        json.WriteString("symbol", market.Symbol);
        json.WriteString("origClientOrderId", order.ClientOrderId.ToString());
        json.WriteNumber("orderId", order.OrderId);
        json.WriteNumber("orderListId", -1);
        json.WriteString("clientOrderId", cancelClientId);
        json.WriteNumber("transactTime", BinanceRestFormat.Ms(transactNs));
        SpotBody(json, market, order, order.Last);
        json.WriteString("selfTradePreventionMode", BinanceWire.SelfTradePrevention(order.SelfTradePrevention));
        json.WriteEndObject();
    }

    /// <summary>One fill for USDⓈ-M <c>userTrades</c>.</summary>
    public static void FuturesFill(Utf8JsonWriter json, PaperMarket market, in PaperFill fill)
    {
        json.WriteStartObject();
        json.WriteString("symbol", market.Symbol);
        json.WriteNumber("id", fill.TradeId);
        json.WriteNumber("orderId", fill.OrderId);
        json.WriteString("side", BinanceWire.Side(fill.Side));
        BinanceRestFormat.Write(json, "price", fill.Price, false);
        BinanceRestFormat.Write(json, "qty", fill.Quantity, false);
        BinanceRestFormat.Write(json, "realizedPnl", fill.RealizedPnl.ToDecimal());
        BinanceRestFormat.Write(json, "quoteQty", fill.Price.ToDecimal() * fill.Quantity.ToDecimal() * market.Instrument.ContractMultiplier);
        BinanceRestFormat.Write(json, "commission", fill.Commission.ToDecimal());
        json.WriteString("commissionAsset", fill.CommissionAsset ?? market.Instrument.SettleAsset);
        json.WriteNumber("time", BinanceRestFormat.Ms(fill.Time));
        json.WriteString("positionSide", BinanceWire.PositionSide(fill.PositionSide));
        json.WriteBoolean("buyer", fill.Side == OrderSide.Buy);
        json.WriteBoolean("maker", fill.Liquidity == LiquiditySide.Maker);
        json.WriteEndObject();
    }

    /// <summary>One fill for spot <c>myTrades</c>.</summary>
    public static void SpotFill(Utf8JsonWriter json, PaperMarket market, in PaperFill fill)
    {
        json.WriteStartObject();
        json.WriteString("symbol", market.Symbol);
        json.WriteNumber("id", fill.TradeId);
        json.WriteNumber("orderId", fill.OrderId);
        json.WriteNumber("orderListId", -1);
        BinanceRestFormat.Write(json, "price", fill.Price, true);
        BinanceRestFormat.Write(json, "qty", fill.Quantity, true);
        BinanceRestFormat.Write(json, "quoteQty", fill.Price.ToDecimal() * fill.Quantity.ToDecimal());
        BinanceRestFormat.Write(json, "commission", fill.Commission.ToDecimal());
        json.WriteString("commissionAsset", fill.CommissionAsset ?? market.Instrument.QuoteAsset);
        json.WriteNumber("time", BinanceRestFormat.Ms(fill.Time));
        json.WriteBoolean("isBuyer", fill.Side == OrderSide.Buy);
        json.WriteBoolean("isMaker", fill.Liquidity == LiquiditySide.Maker);
        json.WriteBoolean("isBestMatch", true);
        json.WriteEndObject();
    }

    private static void SpotBody(Utf8JsonWriter json, PaperMarket market, PaperOrder order, in OrderEvent state)
    {
        var i = market.Instrument;
        BinanceRestFormat.Write(json, "price", state.Price.Raw == 0 ? Price.Zero(i.PricePrecision) : state.Price, true);
        BinanceRestFormat.Write(json, "origQty", state.Quantity, true);
        BinanceRestFormat.Write(json, "executedQty", Filled(state, i.SizePrecision), true);
        BinanceRestFormat.Write(json, "cummulativeQuoteQty", state.CumulativeQuote.ToDecimal());
        json.WriteString("status", Status(state));
        json.WriteString("timeInForce", BinanceWire.TimeInForce(order.TimeInForce == TimeInForce.Gtx ? TimeInForce.Gtc : order.TimeInForce));
        json.WriteString("type", BinanceWire.SpotOrderType(order.Type, order.TimeInForce));
        json.WriteString("side", BinanceWire.Side(order.Side));
    }

    private static decimal AveragePrice(in OrderEvent state) =>
        state.CumulativeQuantity.Raw == 0 ? 0m : state.CumulativeQuote.ToDecimal() / state.CumulativeQuantity.ToDecimal();

    private static Quantity Filled(in OrderEvent state, byte precision) =>
        state.CumulativeQuantity.Raw == 0 ? Quantity.FromRaw(0, precision) : state.CumulativeQuantity;
}
