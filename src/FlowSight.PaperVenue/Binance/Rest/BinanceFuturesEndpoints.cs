using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Orders;
using Microsoft.AspNetCore.Builder;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>
/// USDⓈ-M's signed endpoints on the paper exchange: orders (new, query, cancel, modify, open, all, cancel-all),
/// fills, account and balance (v2 and v3), positions (v2 and v3), leverage, margin type, position mode, leverage
/// brackets and commission rate. Every read and change runs on the exchange thread; the answer is formatted there
/// from the same state, so it is what the fills made it.
/// </summary>
internal sealed class BinanceFuturesEndpoints(PaperExchange exchange, BinanceRestPipeline pipeline)
{
    private const BinanceSecurity Signed = BinanceSecurity.Signed;

    // Post-only and FOK orders refused with -5022/-5021 are "not recorded in the order history" (exchange thread only).
    private readonly HashSet<long> _unrecorded = [];

    // Conditional orders placed through the algo service: not regular orders until they trigger (exchange thread only).
    private readonly BinanceAlgoOrders _algo = BinanceAlgoOrders.Of(exchange);

    public void Map(WebApplication app)
    {
        pipeline.Map(app, "POST", "/fapi/v1/order", Signed, _ => 0, NewOrderAsync, countsOrder: true);
        pipeline.Map(app, "POST", "/fapi/v1/batchOrders", Signed, _ => 5, BatchOrdersAsync, countsOrder: true);
        pipeline.Map(app, "GET", "/fapi/v1/order", Signed, _ => 1, QueryOrderAsync);
        pipeline.Map(app, "DELETE", "/fapi/v1/order", Signed, _ => 1, CancelOrderAsync);
        pipeline.Map(app, "PUT", "/fapi/v1/order", Signed, _ => 1, ModifyOrderAsync, countsOrder: true);
        pipeline.Map(app, "GET", "/fapi/v1/openOrder", Signed, _ => 1, OpenOrderAsync);
        pipeline.Map(app, "GET", "/fapi/v1/openOrders", Signed, q => q.Get("symbol") is null ? 40 : 1, OpenOrdersAsync);
        pipeline.Map(app, "DELETE", "/fapi/v1/allOpenOrders", Signed, _ => 1, CancelAllAsync);
        pipeline.Map(app, "GET", "/fapi/v1/allOrders", Signed, _ => 5, AllOrdersAsync);
        pipeline.Map(app, "GET", "/fapi/v1/userTrades", Signed, _ => 5, UserTradesAsync);
        pipeline.Map(app, "GET", "/fapi/v2/account", Signed, _ => 5, call => AccountAsync(call, v3: false));
        pipeline.Map(app, "GET", "/fapi/v3/account", Signed, _ => 5, call => AccountAsync(call, v3: true));
        pipeline.Map(app, "GET", "/fapi/v2/balance", Signed, _ => 5, BalanceAsync);
        pipeline.Map(app, "GET", "/fapi/v3/balance", Signed, _ => 5, BalanceAsync);
        pipeline.Map(app, "GET", "/fapi/v2/positionRisk", Signed, _ => 5, call => PositionRiskAsync(call, v3: false));
        pipeline.Map(app, "GET", "/fapi/v3/positionRisk", Signed, _ => 5, call => PositionRiskAsync(call, v3: true));
        pipeline.Map(app, "POST", "/fapi/v1/leverage", Signed, _ => 1, LeverageAsync);
        pipeline.Map(app, "POST", "/fapi/v1/marginType", Signed, _ => 1, MarginTypeAsync);
        pipeline.Map(app, "GET", "/fapi/v1/positionSide/dual", Signed, _ => 30, GetPositionModeAsync);
        pipeline.Map(app, "POST", "/fapi/v1/positionSide/dual", Signed, _ => 1, SetPositionModeAsync);
        pipeline.Map(app, "GET", "/fapi/v1/leverageBracket", Signed, _ => 1, LeverageBracketAsync);
        pipeline.Map(app, "GET", "/fapi/v1/commissionRate", Signed, _ => 20, CommissionRateAsync);
        pipeline.Map(app, "GET", "/fapi/v1/symbolConfig", Signed, _ => 5, SymbolConfigAsync);
        new BinanceAlgoOrderEndpoints(exchange, pipeline, _algo).Map(app);
    }

    private static byte[] Success() => """{"code":200,"msg":"success"}"""u8.ToArray();

    private Task<byte[]> NewOrderAsync(BinanceRestCall call)
    {
        var input = BinanceOrderInput.Futures(exchange, call.Parameters, call.AccountId);
        return exchange.InvokeAsync(() =>
        {
            var (order, state) = Place(input);
            return BinanceRestPipeline.Json(json => BinanceOrderWriter.Futures(json, input.Market, order, state));
        });
    }

    /// <summary>
    /// <c>POST /fapi/v1/batchOrders</c>: up to 5 orders in <c>batchOrders</c> (a JSON list of parameter objects); each
    /// answers its order or its own <c>{"code","msg"}</c>, in order.
    /// </summary>
    private Task<byte[]> BatchOrdersAsync(BinanceRestCall call)
    {
        var text = call.Parameters.Required("batchOrders");
        List<BinanceParameters> items;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                throw BinanceApiException.Mandatory("batchOrders");
            }

            items = [.. document.RootElement.EnumerateArray().Select(item => item.ValueKind == System.Text.Json.JsonValueKind.Object
                ? BinanceParameters.Parse(string.Join('&', item.EnumerateObject().Select(p =>
                    Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))), string.Empty)
                : throw BinanceApiException.Mandatory("batchOrders"))];
        }
        catch (System.Text.Json.JsonException)
        {
            throw BinanceApiException.Mandatory("batchOrders");
        }

        if (items.Count is 0 or > 5)
        {
            throw new BinanceApiException(-1130, "Data sent for parameter 'batchOrders' is not valid.");
        }

        return exchange.InvokeAsync(() => BinanceRestPipeline.Json(json =>
        {
            json.WriteStartArray();
            foreach (var item in items)
            {
                try
                {
                    var input = BinanceOrderInput.Futures(exchange, item, call.AccountId);
                    var (order, state) = Place(input);
                    BinanceOrderWriter.Futures(json, input.Market, order, state);
                }
                catch (BinanceApiException ex)
                {
                    json.WriteStartObject();
                    json.WriteNumber("code", ex.Code);
                    json.WriteString("msg", ex.Message);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
        }));
    }

    /// <summary>Submits one order (exchange thread); throws Binance's error for a refusal.</summary>
    private (PaperOrder Order, OrderEvent State) Place(BinanceOrderInput input)
    {
        // Binance: "reduceOnly … Cannot be sent in Hedge Mode" — a hedge-mode close is a side on a positionSide.
        if (input.Request.ReduceOnly && exchange.Accounts.GetPositionMode(input.Request.AccountId) == PositionMode.Hedge)
        {
            throw new BinanceApiException(-1106, "Parameter 'reduceOnly' sent when not required.");
        }

        var events = exchange.Submit(input.Request);
        var instrument = input.Market.Instrument;
        if (events.Count == 0 || events[0].ExecutionType == ExecutionType.Rejected || events[0].OrderId == 0)
        {
            throw BinanceOrderLookup.FuturesReject(events.Count == 0 ? RejectReason.InvalidOrderType : events[0].RejectReason, instrument);
        }

        var accepted = events[0];
        foreach (var e in events)
        {
            if (e.OrderId == accepted.OrderId && e.ExecutionType == ExecutionType.Expired
                && e.RejectReason is RejectReason.PostOnlyWouldTake or RejectReason.FillOrKillNotFillable)
            {
                _unrecorded.Add(e.OrderId);
                throw BinanceOrderLookup.FuturesReject(e.RejectReason, instrument);
            }
        }

        if (!exchange.Orders.TryGet(input.Request.AccountId, accepted.OrderId, out var order))
        {
            throw new BinanceApiException();
        }

        return (order, input.ResponseType == "RESULT" ? order.Last : accepted);
    }

    private Task<byte[]> QueryOrderAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var market = BinanceOrderInput.MarketOf(exchange, q);
        BinanceOrderLookup.Validate(q);
        return exchange.InvokeAsync(() =>
        {
            var order = BinanceOrderLookup.Find(exchange, q, call.AccountId, market);
            if (order is null || _unrecorded.Contains(order.OrderId) || _algo.IsHidden(order))
            {
                throw BinanceApiException.OrderDoesNotExist();
            }

            return BinanceRestPipeline.Json(json => BinanceOrderWriter.Futures(json, market, order, order.Last));
        });
    }

    private Task<byte[]> OpenOrderAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var market = BinanceOrderInput.MarketOf(exchange, q);
        BinanceOrderLookup.Validate(q);
        return exchange.InvokeAsync(() =>
        {
            var order = BinanceOrderLookup.Find(exchange, q, call.AccountId, market);
            if (order is null || !order.IsOpen)
            {
                throw new BinanceApiException(-2013, "Order does not exist.");
            }

            return BinanceRestPipeline.Json(json => BinanceOrderWriter.Futures(json, market, order, order.Last));
        });
    }

    private Task<byte[]> CancelOrderAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var market = BinanceOrderInput.MarketOf(exchange, q);
        BinanceOrderLookup.Validate(q);
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

            return BinanceRestPipeline.Json(json => BinanceOrderWriter.Futures(json, market, order, order.Last));
        });
    }

    private Task<byte[]> ModifyOrderAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var market = BinanceOrderInput.MarketOf(exchange, q);
        BinanceOrderLookup.Validate(q);
        var side = q.Required("side");
        if (side is not ("BUY" or "SELL"))
        {
            throw new BinanceApiException(-1117, "Invalid side.");
        }

        var quantity = q.Quantity("quantity") ?? throw BinanceApiException.Mandatory("quantity");
        var price = q.Price("price") ?? throw BinanceApiException.Mandatory("price");
        return exchange.InvokeAsync(() =>
        {
            var order = BinanceOrderLookup.Find(exchange, q, call.AccountId, market);
            if (order is null || !order.IsOpen)
            {
                throw BinanceApiException.OrderDoesNotExist();
            }

            if (order.Type != OrderType.Limit)
            {
                throw new BinanceApiException(-4187, "Only LIMIT orders can be modified.");
            }

            if (BinanceWire(order.Side) != side)
            {
                throw new BinanceApiException(-4080, "Side does not match the order's side.");
            }

            if (order.Last.Price == price && order.Last.Quantity == quantity)
            {
                throw new BinanceApiException(-5027, "No need to modify the order.");
            }

            var events = exchange.Amend(new SimAmendRequest(call.AccountId, market.Instrument.Id, order.OrderId, default, price, quantity));
            if (events.Count > 0 && events[0].ExecutionType == ExecutionType.Rejected)
            {
                throw BinanceOrderLookup.FuturesReject(events[0].RejectReason, market.Instrument);
            }

            return BinanceRestPipeline.Json(json => BinanceOrderWriter.Futures(json, market, order, order.Last));
        });
    }

    private static string BinanceWire(OrderSide side) => Streams.BinanceWire.Side(side);

    private Task<byte[]> OpenOrdersAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        PaperMarket? market = q.Get("symbol") is null ? null : BinanceOrderInput.MarketOf(exchange, q);
        return exchange.InvokeAsync(() =>
        {
            var orders = exchange.Orders.Open(call.AccountId, market?.Instrument.Id)
                .Where(o => !_algo.IsHidden(o));
            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartArray();
                foreach (var order in orders)
                {
                    BinanceOrderWriter.Futures(json, exchange.MarketOf(order.Instrument), order, order.Last);
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
            // Untriggered algo orders stay: the algo service has its own cancel-all (algoOpenOrders).
            foreach (var order in exchange.Orders.Open(call.AccountId, market.Instrument.Id))
            {
                if (!_algo.IsHidden(order))
                {
                    exchange.Cancel(new SimCancelRequest(call.AccountId, order.Instrument, order.OrderId));
                }
            }

            return """{"code":200,"msg":"The operation of cancel all open order is done."}"""u8.ToArray();
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
                .Where(o => !_unrecorded.Contains(o.OrderId) && (fromId is null || o.OrderId >= fromId)
                    && (start is null || BinanceRestFormat.Ms(o.CreateTime) >= start)
                    && (end is null || BinanceRestFormat.Ms(o.CreateTime) <= end))
                .ToList();
            var page = fromId is not null || start is not null ? orders.Take(limit) : orders.Skip(Math.Max(0, orders.Count - limit));
            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartArray();
                foreach (var order in page)
                {
                    BinanceOrderWriter.Futures(json, market, order, order.Last);
                }

                json.WriteEndArray();
            });
        });
    }

    private Task<byte[]> UserTradesAsync(BinanceRestCall call)
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
                    BinanceOrderWriter.FuturesFill(json, market, fill);
                }

                json.WriteEndArray();
            });
        });
    }

    private Task<byte[]> AccountAsync(BinanceRestCall call, bool v3) => exchange.InvokeAsync(() =>
    {
        var view = BinanceFuturesAccountView.Take(exchange, call.AccountId);
        return BinanceRestPipeline.Json(json => view.WriteAccount(json, v3));
    });

    private Task<byte[]> BalanceAsync(BinanceRestCall call) => exchange.InvokeAsync(() =>
    {
        var view = BinanceFuturesAccountView.Take(exchange, call.AccountId);
        return BinanceRestPipeline.Json(view.WriteBalances);
    });

    private Task<byte[]> PositionRiskAsync(BinanceRestCall call, bool v3)
    {
        var q = call.Parameters;
        PaperMarket? market = q.Get("symbol") is null ? null : BinanceOrderInput.MarketOf(exchange, q);
        return exchange.InvokeAsync(() =>
        {
            var view = BinanceFuturesAccountView.Take(exchange, call.AccountId);
            return BinanceRestPipeline.Json(json => view.WritePositionRisk(json, v3, market));
        });
    }

    private Task<byte[]> LeverageAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var market = BinanceOrderInput.MarketOf(exchange, q);
        var leverage = q.Long("leverage") ?? throw BinanceApiException.Mandatory("leverage");
        return exchange.InvokeAsync(() =>
        {
            var instrument = market.Instrument;
            if (leverage < 1 || leverage > (long)instrument.MaxLeverage)
            {
                throw new BinanceApiException(-4028, $"Leverage {leverage} is not valid");
            }

            if (exchange.Accounts.SetLeverage(call.AccountId, instrument.Id, (int)leverage) != RejectReason.None)
            {
                throw new BinanceApiException(-2027, "Exceeded the maximum allowable position at current leverage.");
            }

            var maxNotional = exchange.Accounts.LeverageBrackets(instrument.Id).MaxNotionalAt((int)leverage);
            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartObject();
                json.WriteNumber("leverage", leverage);
                json.WriteString("maxNotionalValue", maxNotional.ToDecimal().ToString("0.########", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("symbol", market.Symbol);
                json.WriteEndObject();
            });
        });
    }

    private Task<byte[]> MarginTypeAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var market = BinanceOrderInput.MarketOf(exchange, q);
        var type = q.Required("marginType").ToUpperInvariant() switch
        {
            "ISOLATED" => MarginType.Isolated,
            "CROSSED" or "CROSS" => MarginType.Cross,
            _ => throw new BinanceApiException(-1100, "Illegal characters found in parameter 'marginType'; legal range is 'ISOLATED, CROSSED'."),
        };
        return exchange.InvokeAsync(() =>
        {
            var id = market.Instrument.Id;
            if (exchange.Accounts.GetMarginType(call.AccountId, id) == type)
            {
                throw new BinanceApiException(-4046, "No need to change margin type.");
            }

            if (exchange.Orders.Open(call.AccountId, id).Count > 0)
            {
                throw new BinanceApiException(-4047, "Margin type cannot be changed if there exists open orders.");
            }

            try
            {
                exchange.Accounts.SetMarginType(call.AccountId, id, type);
            }
            catch (InvalidOperationException)
            {
                throw new BinanceApiException(-4048, "Margin type cannot be changed if there exists position.");
            }

            return Success();
        });
    }

    private Task<byte[]> GetPositionModeAsync(BinanceRestCall call) => exchange.InvokeAsync(() =>
    {
        var hedge = exchange.Accounts.GetPositionMode(call.AccountId) == PositionMode.Hedge;
        return hedge ? """{"dualSidePosition":true}"""u8.ToArray() : """{"dualSidePosition":false}"""u8.ToArray();
    });

    private Task<byte[]> SetPositionModeAsync(BinanceRestCall call)
    {
        var dual = call.Parameters.Bool("dualSidePosition") ?? throw BinanceApiException.Mandatory("dualSidePosition");
        var mode = dual ? PositionMode.Hedge : PositionMode.OneWay;
        return exchange.InvokeAsync(() =>
        {
            if (exchange.Accounts.GetPositionMode(call.AccountId) == mode)
            {
                throw new BinanceApiException(-4059, "No need to change position side.");
            }

            if (exchange.Orders.Open(call.AccountId).Count > 0)
            {
                throw new BinanceApiException(-4067, "Position side cannot be changed if there exists open orders.");
            }

            try
            {
                exchange.Accounts.SetPositionMode(call.AccountId, mode);
            }
            catch (InvalidOperationException)
            {
                throw new BinanceApiException(-4068, "Position side cannot be changed if there exists position.");
            }

            return Success();
        });
    }

    private Task<byte[]> LeverageBracketAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var single = q.Get("symbol") is not null;
        IReadOnlyList<PaperMarket> markets = single ? [BinanceOrderInput.MarketOf(exchange, q)] : exchange.Markets;
        return exchange.InvokeAsync(() => BinanceRestPipeline.Json(json =>
        {
            if (!single)
            {
                json.WriteStartArray();
            }

            foreach (var market in markets)
            {
                json.WriteStartObject();
                json.WriteString("symbol", market.Symbol);
                json.WritePropertyName("brackets");
                json.WriteStartArray();
                foreach (var bracket in exchange.Accounts.LeverageBrackets(market.Instrument.Id).Brackets)
                {
                    json.WriteStartObject();
                    json.WriteNumber("bracket", bracket.Bracket);
                    json.WriteNumber("initialLeverage", bracket.MaxLeverage);
                    json.WriteNumber("notionalCap", bracket.NotionalCap.ToDecimal());
                    json.WriteNumber("notionalFloor", bracket.NotionalFloor.ToDecimal());
                    json.WriteNumber("maintMarginRatio", bracket.MaintenanceMarginRate);
                    json.WriteNumber("cum", bracket.MaintenanceAmount.ToDecimal());
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            if (!single)
            {
                json.WriteEndArray();
            }
        }));
    }

    private Task<byte[]> SymbolConfigAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        IReadOnlyList<PaperMarket> markets = q.Get("symbol") is null ? exchange.Markets : [BinanceOrderInput.MarketOf(exchange, q)];
        return exchange.InvokeAsync(() => BinanceRestPipeline.Json(json =>
        {
            json.WriteStartArray();
            foreach (var market in markets)
            {
                var id = market.Instrument.Id;
                var leverage = exchange.Accounts.GetLeverage(call.AccountId, id);
                json.WriteStartObject();
                json.WriteString("symbol", market.Symbol);
                json.WriteString("marginType", exchange.Accounts.GetMarginType(call.AccountId, id) == MarginType.Isolated ? "ISOLATED" : "CROSSED");
                json.WriteString("isAutoAddMargin", "false");
                json.WriteNumber("leverage", leverage);
                json.WriteString("maxNotionalValue", exchange.Accounts.LeverageBrackets(id).MaxNotionalAt(leverage).ToDecimal().ToString("0.########", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }));
    }

    private Task<byte[]> CommissionRateAsync(BinanceRestCall call)
    {
        var market = BinanceOrderInput.MarketOf(exchange, call.Parameters);
        return Task.FromResult(BinanceRestPipeline.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("symbol", market.Symbol);
            json.WriteString("makerCommissionRate", market.Instrument.MakerFee.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("takerCommissionRate", market.Instrument.TakerFee.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }));
    }
}
