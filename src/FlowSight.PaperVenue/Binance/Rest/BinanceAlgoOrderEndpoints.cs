using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Binance.Streams;
using FlowSight.PaperVenue.Exchange;
using FlowSight.Simulator.Orders;
using Microsoft.AspNetCore.Builder;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>
/// USDⓈ-M's algo service for conditional orders (<c>/fapi/v1/algoOrder</c> POST/GET/DELETE, <c>openAlgoOrders</c>,
/// <c>allAlgoOrders</c>), where Binance moved STOP/TAKE_PROFIT orders and where ccxt sends them: the order waits on
/// the exchange as an untriggered stop numbered by its own <c>algoId</c> (<see cref="BinanceAlgoOrders"/>); once
/// triggered it is a regular order (<c>actualOrderId</c>) that the regular order endpoints and
/// <c>ORDER_TRADE_UPDATE</c> report. The regular <c>POST /fapi/v1/order</c> refuses these types with -4120.
/// </summary>
internal sealed class BinanceAlgoOrderEndpoints(PaperExchange exchange, BinanceRestPipeline pipeline, BinanceAlgoOrders algo)
{
    private const BinanceSecurity Signed = BinanceSecurity.Signed;

    public void Map(WebApplication app)
    {
        pipeline.Map(app, "POST", "/fapi/v1/algoOrder", Signed, _ => 0, NewAsync, countsOrder: true);
        pipeline.Map(app, "GET", "/fapi/v1/algoOrder", Signed, _ => 1, QueryAsync);
        pipeline.Map(app, "DELETE", "/fapi/v1/algoOrder", Signed, _ => 1, CancelAsync);
        pipeline.Map(app, "DELETE", "/fapi/v1/algoOpenOrders", Signed, _ => 1, CancelAllAsync);
        pipeline.Map(app, "GET", "/fapi/v1/openAlgoOrders", Signed, q => q.Get("symbol") is null ? 40 : 1, call => ListAsync(call, openOnly: true));
        pipeline.Map(app, "GET", "/fapi/v1/allAlgoOrders", Signed, _ => 5, call => ListAsync(call, openOnly: false));
    }

    private Task<byte[]> NewAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        if (q.Required("algoType") != "CONDITIONAL")
        {
            throw new BinanceApiException(-1100, "Illegal characters found in parameter 'algoType'; legal range is 'CONDITIONAL'.");
        }

        var input = BinanceOrderInput.Futures(exchange, q, call.AccountId, "triggerPrice", "clientAlgoId", algoService: true);
        if (input.Request.TriggerPrice.Raw == 0)
        {
            throw new BinanceApiException(-1116, "Invalid orderType.");
        }

        return exchange.InvokeAsync(() =>
        {
            algo.BeginSubmit(call.AccountId, input.Request.ClientOrderId);
            List<OrderEvent> events;
            try
            {
                events = exchange.Submit(input.Request);
            }
            finally
            {
                algo.EndSubmit(0);
            }

            if (events.Count == 0 || events[0].ExecutionType == ExecutionType.Rejected || events[0].OrderId == 0)
            {
                throw BinanceOrderLookup.FuturesReject(events.Count == 0 ? RejectReason.InvalidOrderType : events[0].RejectReason, input.Market.Instrument);
            }

            if (!exchange.Orders.TryGet(call.AccountId, events[0].OrderId, out var order))
            {
                throw new BinanceApiException();
            }

            var algoId = algo.EndSubmit(order.OrderId);
            return BinanceRestPipeline.Json(json => Write(json, input.Market, order, algoId));
        });
    }

    private Task<byte[]> QueryAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        Validate(q);
        return exchange.InvokeAsync(() =>
        {
            var (order, algoId) = Find(q, call.AccountId);
            if (order is null)
            {
                throw BinanceApiException.OrderDoesNotExist();
            }

            return BinanceRestPipeline.Json(json => Write(json, exchange.MarketOf(order.Instrument), order, algoId));
        });
    }

    private Task<byte[]> CancelAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        Validate(q);
        return exchange.InvokeAsync(() =>
        {
            var (order, algoId) = Find(q, call.AccountId);
            if (order is null || order.Status != OrderStatus.Untriggered)
            {
                throw BinanceApiException.UnknownOrder();
            }

            var events = exchange.Cancel(new SimCancelRequest(call.AccountId, order.Instrument, order.OrderId));
            if (events.Count > 0 && events[0].ExecutionType == ExecutionType.Rejected)
            {
                throw BinanceApiException.UnknownOrder();
            }

            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartObject();
                json.WriteNumber("algoId", algoId);
                json.WriteString("clientAlgoId", order.ClientOrderId.ToString());
                json.WriteString("code", "200");
                json.WriteString("msg", "success");
                json.WriteEndObject();
            });
        });
    }

    private Task<byte[]> CancelAllAsync(BinanceRestCall call)
    {
        var market = BinanceOrderInput.MarketOf(exchange, call.Parameters);
        return exchange.InvokeAsync(() =>
        {
            foreach (var order in exchange.Orders.Open(call.AccountId, market.Instrument.Id))
            {
                if (algo.IsHidden(order) && order.Status == OrderStatus.Untriggered)
                {
                    exchange.Cancel(new SimCancelRequest(call.AccountId, order.Instrument, order.OrderId));
                }
            }

            return """{"code":200,"msg":"The operation of cancel all open order is done."}"""u8.ToArray();
        });
    }

    private Task<byte[]> ListAsync(BinanceRestCall call, bool openOnly)
    {
        var q = call.Parameters;
        PaperMarket? market = q.Get("symbol") is null && openOnly ? null : BinanceOrderInput.MarketOf(exchange, q);
        var limit = q.Int("limit", 1, 1000) ?? 500;
        var fromAlgoId = q.Long("algoId");
        return exchange.InvokeAsync(() =>
        {
            // Open: waiting for the trigger (NEW). Binance lists a triggered one among the regular open orders instead.
            var orders = exchange.Orders.Orders(call.AccountId, market?.Instrument.Id)
                .Where(o => algo.Contains(o.OrderId) && (!openOnly || o.Status == OrderStatus.Untriggered))
                .Select(o => (Order: o, AlgoId: algo.TryGetAlgoId(o.OrderId, out var id) ? id : 0))
                .Where(o => openOnly ? fromAlgoId is null || o.AlgoId == fromAlgoId : fromAlgoId is null || o.AlgoId >= fromAlgoId)
                .ToList();
            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartArray();
                foreach (var (order, algoId) in openOnly || fromAlgoId is null ? orders.Skip(Math.Max(0, orders.Count - limit)) : orders.Take(limit))
                {
                    Write(json, exchange.MarketOf(order.Instrument), order, algoId);
                }

                json.WriteEndArray();
            });
        });
    }

    private static void Validate(BinanceParameters q)
    {
        if (q.Long("algoId") is null && q.Get("clientAlgoId") is null)
        {
            throw new BinanceApiException(-1102, "Param 'clientAlgoId' or 'algoId' must be sent, but both were empty/null!");
        }
    }

    private (PaperOrder? Order, long AlgoId) Find(BinanceParameters q, int accountId)
    {
        PaperOrder? order = null;
        if (q.Long("algoId") is { } id)
        {
            order = algo.TryGetOrderId(id, out var orderId) && exchange.Orders.TryGet(accountId, orderId, out var found) ? found : null;
        }
        else if (ClientOrderId.TryParse(q.Get("clientAlgoId"), out var clientId) && exchange.Orders.TryGet(accountId, clientId, out var found))
        {
            order = found;
        }

        return order is not null && algo.TryGetAlgoId(order.OrderId, out var algoId) ? (order, algoId) : (null, 0);
    }

    /// <summary>One algo order as the algo endpoints answer it (the "Query Algo Order" example, field for field).</summary>
    internal static void Write(Utf8JsonWriter json, PaperMarket market, PaperOrder order, long algoId)
    {
        var i = market.Instrument;
        var state = order.Last;
        var triggered = order.TriggerTime != 0;
        json.WriteStartObject();
        json.WriteNumber("algoId", algoId);
        json.WriteString("clientAlgoId", order.ClientOrderId.ToString());
        json.WriteString("algoType", "CONDITIONAL");
        json.WriteString("orderType", BinanceWire.FuturesOrderType(order.Type));
        json.WriteString("symbol", market.Symbol);
        json.WriteString("side", BinanceWire.Side(order.Side));
        json.WriteString("positionSide", BinanceWire.PositionSide(order.PositionSide));
        json.WriteString("timeInForce", BinanceWire.TimeInForce(order.TimeInForce));
        BinanceRestFormat.Write(json, "quantity", state.Quantity, false);
        json.WriteString("algoStatus", BinanceAlgoOrders.Status(order));
        json.WriteString("actualOrderId", triggered ? order.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
        BinanceRestFormat.Write(json, "actualPrice", order.AveragePrice, 8);

        BinanceRestFormat.Write(json, "triggerPrice", state.TriggerPrice, false);
        BinanceRestFormat.Write(json, "price", state.Price.Raw == 0 ? Price.Zero(i.PricePrecision) : state.Price, false);
        json.WriteNull("icebergQuantity");
        json.WriteString("selfTradePreventionMode", BinanceWire.SelfTradePrevention(order.SelfTradePrevention));
        json.WriteString("workingType", order.WorkingType == WorkingType.MarkPrice ? "MARK_PRICE" : "CONTRACT_PRICE");
        json.WriteString("priceMatch", "NONE");
        json.WriteBoolean("closePosition", false);
        json.WriteBoolean("priceProtect", false);
        json.WriteBoolean("reduceOnly", order.ReduceOnly);
        json.WriteNumber("createTime", BinanceRestFormat.Ms(order.CreateTime));
        json.WriteNumber("updateTime", BinanceRestFormat.Ms(state.Timestamp));
        json.WriteNumber("triggerTime", triggered ? BinanceRestFormat.Ms(order.TriggerTime) : 0);
        json.WriteNumber("goodTillDate", 0);
        json.WriteEndObject();
    }
}
