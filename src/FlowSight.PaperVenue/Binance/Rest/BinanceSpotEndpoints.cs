using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.Simulator.Orders;
using Microsoft.AspNetCore.Builder;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>
/// Spot's signed endpoints on the paper exchange: <c>/api/v3/order</c> (new with ACK/RESULT/FULL, query, cancel),
/// <c>openOrders</c> (GET, DELETE), <c>allOrders</c>, <c>account</c> (free/locked per asset, commission rates) and
/// <c>myTrades</c>.
/// </summary>
internal sealed class BinanceSpotEndpoints(PaperExchange exchange, BinanceRestPipeline pipeline)
{
    private const BinanceSecurity Signed = BinanceSecurity.Signed;

    public void Map(WebApplication app)
    {
        pipeline.Map(app, "POST", "/api/v3/order", Signed, _ => 1, NewOrderAsync, countsOrder: true);
        pipeline.Map(app, "GET", "/api/v3/order", Signed, _ => 4, QueryOrderAsync);
        pipeline.Map(app, "DELETE", "/api/v3/order", Signed, _ => 1, CancelOrderAsync);
        pipeline.Map(app, "GET", "/api/v3/openOrders", Signed, q => q.Get("symbol") is null ? 80 : 6, OpenOrdersAsync);
        pipeline.Map(app, "DELETE", "/api/v3/openOrders", Signed, _ => 1, CancelAllAsync);
        pipeline.Map(app, "GET", "/api/v3/allOrders", Signed, _ => 20, AllOrdersAsync);
        pipeline.Map(app, "GET", "/api/v3/account", Signed, _ => 20, AccountAsync);
        pipeline.Map(app, "GET", "/api/v3/myTrades", Signed, _ => 20, MyTradesAsync);
    }

    private Task<byte[]> NewOrderAsync(BinanceRestCall call)
    {
        var input = BinanceOrderInput.Spot(exchange, call.Parameters, call.AccountId);
        return exchange.InvokeAsync(() =>
        {
            var events = exchange.Submit(input.Resolve());
            var instrument = input.Market.Instrument;
            if (events.Count == 0 || events[0].ExecutionType == ExecutionType.Rejected || events[0].OrderId == 0)
            {
                throw BinanceOrderLookup.SpotReject(events.Count == 0 ? RejectReason.InvalidOrderType : events[0].RejectReason, instrument);
            }

            var accepted = events[0];
            foreach (var e in events)
            {
                if (e.OrderId == accepted.OrderId && e.ExecutionType == ExecutionType.Expired && e.RejectReason == RejectReason.PostOnlyWouldTake)
                {
                    throw BinanceOrderLookup.SpotReject(e.RejectReason, instrument);
                }
            }

            if (!exchange.Orders.TryGet(input.Request.AccountId, accepted.OrderId, out var order))
            {
                throw new BinanceApiException();
            }

            return BinanceRestPipeline.Json(json => BinanceOrderWriter.SpotNew(json, input.Market, order, input.ResponseType, events, input.QuoteQuantity));
        });
    }

    private Task<byte[]> QueryOrderAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var market = BinanceOrderInput.MarketOf(exchange, q);
        BinanceOrderLookup.Validate(q);
        return exchange.InvokeAsync(() =>
        {
            var order = BinanceOrderLookup.Find(exchange, q, call.AccountId, market) ?? throw BinanceApiException.OrderDoesNotExist();
            return BinanceRestPipeline.Json(json => BinanceOrderWriter.SpotQuery(json, market, order));
        });
    }

    private Task<byte[]> CancelOrderAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var market = BinanceOrderInput.MarketOf(exchange, q);
        BinanceOrderLookup.Validate(q);
        var cancelId = BinanceOrderInput.ClientId(q, "newClientOrderId").ToString();
        return exchange.InvokeAsync(() =>
        {
            var order = BinanceOrderLookup.Find(exchange, q, call.AccountId, market);
            if (order is null || !order.IsOpen)
            {
                throw BinanceApiException.UnknownOrder();
            }

            var events = exchange.Cancel(new SimCancelRequest(call.AccountId, market.Instrument.Id, order.OrderId));
            if (events.Count > 0 && events[0].ExecutionType == ExecutionType.Rejected)
            {
                throw BinanceApiException.UnknownOrder();
            }

            return BinanceRestPipeline.Json(json => BinanceOrderWriter.SpotCanceled(json, market, order, cancelId, exchange.Now));
        });
    }

    private Task<byte[]> OpenOrdersAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        PaperMarket? market = q.Get("symbol") is null ? null : BinanceOrderInput.MarketOf(exchange, q);
        return exchange.InvokeAsync(() =>
        {
            var orders = exchange.Orders.Open(call.AccountId, market?.Instrument.Id);
            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartArray();
                foreach (var order in orders)
                {
                    BinanceOrderWriter.SpotQuery(json, exchange.MarketOf(order.Instrument), order);
                }

                json.WriteEndArray();
            });
        });
    }

    private Task<byte[]> CancelAllAsync(BinanceRestCall call)
    {
        var market = BinanceOrderInput.MarketOf(exchange, call.Parameters);
        return exchange.InvokeAsync(() =>
        {
            var open = exchange.Orders.Open(call.AccountId, market.Instrument.Id);
            if (open.Count == 0)
            {
                throw BinanceApiException.UnknownOrder();
            }

            exchange.CancelAll(call.AccountId, market.Instrument.Id);
            var now = exchange.Now;
            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartArray();
                foreach (var order in open)
                {
                    BinanceOrderWriter.SpotCanceled(json, market, order, BinanceOrderInput.NewClientId().ToString(), now);
                }

                json.WriteEndArray();
            });
        });
    }

    private Task<byte[]> AllOrdersAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var market = BinanceOrderInput.MarketOf(exchange, q);
        var fromId = q.Long("orderId");
        var start = q.Long("startTime");
        var end = q.Long("endTime");
        var limit = q.Int("limit", 1, 1000) ?? 500;
        return exchange.InvokeAsync(() =>
        {
            var orders = exchange.Orders.Orders(call.AccountId, market.Instrument.Id)
                .Where(o => (fromId is null || o.OrderId >= fromId)
                    && (start is null || BinanceRestFormat.Ms(o.CreateTime) >= start)
                    && (end is null || BinanceRestFormat.Ms(o.CreateTime) <= end))
                .ToList();
            var page = fromId is not null || start is not null ? orders.Take(limit) : orders.Skip(Math.Max(0, orders.Count - limit));
            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartArray();
                foreach (var order in page)
                {
                    BinanceOrderWriter.SpotQuery(json, market, order);
                }

                json.WriteEndArray();
            });
        });
    }

    private Task<byte[]> AccountAsync(BinanceRestCall call)
    {
        var omitZero = call.Parameters.Bool("omitZeroBalances") ?? false;
        return exchange.InvokeAsync(() =>
        {
            var balances = exchange.Accounts.Assets
                .Select(asset => (Asset: asset, Balance: exchange.Accounts.GetSpotBalance(call.AccountId, asset)))
                .Where(b => !omitZero || b.Balance.Total.Raw != 0)
                .ToList();
            var maker = exchange.Instruments.Count > 0 ? exchange.Instruments[0].MakerFee : 0.001m;
            var taker = exchange.Instruments.Count > 0 ? exchange.Instruments[0].TakerFee : 0.001m;
            var lastFill = exchange.Orders.Fills(call.AccountId).LastOrDefault();
            var updateMs = lastFill.OrderId == 0 ? exchange.WallClockMs : BinanceRestFormat.Ms(lastFill.Time);
            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartObject();
                json.WriteNumber("makerCommission", (int)(maker * 10_000m));
                json.WriteNumber("takerCommission", (int)(taker * 10_000m));
                json.WriteNumber("buyerCommission", 0);
                json.WriteNumber("sellerCommission", 0);
                json.WritePropertyName("commissionRates");
                json.WriteStartObject();
                BinanceRestFormat.Write(json, "maker", maker);
                BinanceRestFormat.Write(json, "taker", taker);
                BinanceRestFormat.Write(json, "buyer", 0m);
                BinanceRestFormat.Write(json, "seller", 0m);
                json.WriteEndObject();
                json.WriteBoolean("canTrade", true);
                json.WriteBoolean("canWithdraw", true);
                json.WriteBoolean("canDeposit", true);
                json.WriteBoolean("brokered", false);
                json.WriteBoolean("requireSelfTradePrevention", false);
                json.WriteBoolean("preventSor", false);
                json.WriteNumber("updateTime", updateMs);
                json.WriteString("accountType", "SPOT");
                json.WritePropertyName("balances");
                json.WriteStartArray();
                foreach (var (asset, balance) in balances)
                {
                    json.WriteStartObject();
                    json.WriteString("asset", asset);
                    BinanceRestFormat.Write(json, "free", balance.Free.ToDecimal());
                    BinanceRestFormat.Write(json, "locked", balance.Locked.ToDecimal());
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WritePropertyName("permissions");
                json.WriteStartArray();
                json.WriteStringValue("SPOT");
                json.WriteEndArray();
                json.WriteNumber("uid", call.AccountId);
                json.WriteEndObject();
            });
        });
    }

    private Task<byte[]> MyTradesAsync(BinanceRestCall call)
    {
        var market = BinanceOrderInput.MarketOf(exchange, call.Parameters);
        var query = BinanceFillQuery.Read(call.Parameters);
        return exchange.InvokeAsync(() =>
        {
            var page = query.Page(exchange, call.AccountId, market);
            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartArray();
                foreach (var fill in page)
                {
                    BinanceOrderWriter.SpotFill(json, market, fill);
                }

                json.WriteEndArray();
            });
        });
    }
}
