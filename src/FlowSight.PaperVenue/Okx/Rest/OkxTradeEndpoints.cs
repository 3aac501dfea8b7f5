using System.Globalization;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Okx.Trading;
using FlowSight.Simulator.Accounts;
using Microsoft.AspNetCore.Builder;

namespace FlowSight.PaperVenue.Okx.Rest;

/// <summary>
/// OKX's private REST: <c>trade/order</c> (POST and GET), <c>batch-orders</c>, <c>cancel-order</c>,
/// <c>cancel-batch-orders</c>, <c>amend-order</c>, <c>amend-batch-orders</c>, <c>orders-pending</c>, <c>orders-history</c>, <c>fills</c>, <c>fills-history</c>;
/// <c>account/balance</c>, <c>positions</c>, <c>config</c>, <c>set-leverage</c>, <c>leverage-info</c>,
/// <c>set-position-mode</c>; <c>asset/currencies</c>. Another account's order ids are simply not found.
/// </summary>
internal sealed class OkxTradeEndpoints(OkxRestPipeline pipeline, OkxOrderEntry entry)
{
    private readonly PaperExchange _exchange = pipeline.Exchange;

    /// <summary>Maps the routes.</summary>
    public void Map(WebApplication app)
    {
        pipeline.Private(app, "POST", "/api/v5/trade/order", 60, call => PlaceAsync(call, batch: false), perFamily: true);
        pipeline.Private(app, "POST", "/api/v5/trade/batch-orders", 300, call => PlaceAsync(call, batch: true));
        pipeline.Private(app, "POST", "/api/v5/trade/cancel-order", 60, call => CancelAsync(call, batch: false), perFamily: true);
        pipeline.Private(app, "POST", "/api/v5/trade/cancel-batch-orders", 300, call => CancelAsync(call, batch: true));
        pipeline.Private(app, "POST", "/api/v5/trade/amend-order", 60, call => AmendAsync(call, batch: false), perFamily: true);
        pipeline.Private(app, "POST", "/api/v5/trade/amend-batch-orders", 300, call => AmendAsync(call, batch: true));
        pipeline.Private(app, "GET", "/api/v5/trade/order", 60, GetOrder);
        pipeline.Private(app, "GET", "/api/v5/trade/orders-pending", 60, call => Orders(call, open: true));
        pipeline.Private(app, "GET", "/api/v5/trade/orders-history", 40, call => Orders(call, open: false));
        pipeline.Private(app, "GET", "/api/v5/trade/fills", 60, call => Fills(call, history: false));
        pipeline.Private(app, "GET", "/api/v5/trade/fills-history", 10, call => Fills(call, history: true));
        pipeline.Private(app, "GET", "/api/v5/account/balance", 10, Balance);
        pipeline.Private(app, "GET", "/api/v5/account/positions", 10, Positions);
        pipeline.Private(app, "GET", "/api/v5/account/config", 5, Config);
        pipeline.Private(app, "POST", "/api/v5/account/set-leverage", 20, SetLeverage);
        pipeline.Private(app, "GET", "/api/v5/account/leverage-info", 20, LeverageInfo);
        pipeline.Private(app, "POST", "/api/v5/account/set-position-mode", 5, SetPositionMode);
        pipeline.Private(app, "GET", "/api/v5/asset/currencies", 6, Currencies);
    }

    private static List<OkxParameters> Items(OkxCall call, bool batch, int max)
    {
        if (!batch)
        {
            return call.Body.ValueKind == JsonValueKind.Object ? [call.Parameters] : throw new OkxApiException("50002", "Json data format error", 400);
        }

        if (call.Body.ValueKind != JsonValueKind.Array)
        {
            throw new OkxApiException("50002", "Json data format error", 400);
        }

        var items = call.Body.EnumerateArray().Select(OkxParameters.FromObject).ToList();
        return items.Count == 0 ? throw new OkxApiException("50000", "Body for POST request cannot be empty.", 400)
            : items.Count > max ? throw new OkxApiException("51000", "Parameter batch size error", 400)
            : items;
    }

    private async Task<byte[]> PlaceAsync(OkxCall call, bool batch)
    {
        var inTime = Microseconds();
        var items = Items(call, batch, 20);
        var account = call.AccountId;
        var results = await _exchange.InvokeAsync(() => items.Select(p => entry.Place(account, p)).ToList()).ConfigureAwait(false);
        return Results(results, inTime, Microseconds());
    }

    private async Task<byte[]> CancelAsync(OkxCall call, bool batch)
    {
        var inTime = Microseconds();
        var items = Items(call, batch, 20);
        var account = call.AccountId;
        var results = await _exchange.InvokeAsync(() => items.Select(p => entry.Cancel(account, p)).ToList()).ConfigureAwait(false);
        return Results(results, inTime, Microseconds());
    }

    private async Task<byte[]> AmendAsync(OkxCall call, bool batch)
    {
        var inTime = Microseconds();
        var items = Items(call, batch, 20);
        var account = call.AccountId;
        var results = await _exchange.InvokeAsync(() => items.Select(p => entry.Amend(account, p)).ToList()).ConfigureAwait(false);
        return Results(results, inTime, Microseconds());
    }

    /// <summary>OKX's answer to a place, cancel or amend: code 0 all succeeded, 1 all failed, 2 some did.</summary>
    public static byte[] Results(IReadOnlyList<OkxOrderResult> results, long inTimeUs, long outTimeUs)
    {
        var failed = results.Count(r => !r.Succeeded);
        var (code, msg) = failed == 0 ? ("0", string.Empty)
            : failed == results.Count ? ("1", "All operations failed")
            : ("2", "Bulk operation partially succeeded");
        return OkxJson.Data(json =>
        {
            foreach (var r in results)
            {
                WriteResult(json, r);
            }
        }, code, msg, inTimeUs, outTimeUs);
    }

    /// <summary>One <c>data</c> item of a place, cancel or amend answer.</summary>
    public static void WriteResult(Utf8JsonWriter json, in OkxOrderResult r)
    {
        json.WriteStartObject();
        if (r.ReqId is { } reqId)
        {
            OkxWriterFields.Strings(json,
                ("clOrdId", r.ClOrdId),
                ("ordId", r.OrdId),
                ("ts", OkxText.Int(r.Ts)),
                ("reqId", reqId),
                ("sCode", r.SCode),
                ("sMsg", r.SMsg));
            json.WriteEndObject();
            return;
        }

        OkxWriterFields.Strings(json,
            ("clOrdId", r.ClOrdId),
            ("ordId", r.OrdId),
            ("tag", r.Tag),
            ("ts", OkxText.Int(r.Ts)),
            ("sCode", r.SCode),
            ("sMsg", r.SMsg));
        json.WriteEndObject();
    }

    private long Microseconds() => _exchange.Time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;

    private InstrumentId? Instrument(OkxParameters p, bool required)
    {
        var instId = required ? p.Required("instId") : p.Get("instId");
        if (instId is null)
        {
            return null;
        }

        return _exchange.TryGetMarket(instId, out var market) ? market.Instrument.Id : throw OkxApiException.UnknownInstrument();
    }

    private static void CheckInstType(OkxParameters p, bool required)
    {
        var instType = required ? p.Required("instType") : p.Get("instType");
        if (instType is not null and not ("SPOT" or "MARGIN" or "SWAP" or "FUTURES" or "OPTION"))
        {
            throw OkxApiException.Invalid("instType");
        }
    }

    private Task<byte[]> GetOrder(OkxCall call)
    {
        var p = call.Parameters;
        var instrument = Instrument(p, required: true)!.Value;
        var ordIdText = p.Get("ordId");
        var clOrdIdText = p.Get("clOrdId");
        if (ordIdText is null && clOrdIdText is null)
        {
            throw new OkxApiException("51000", "Parameter ordId error", 400);
        }

        long ordId = 0;
        if (ordIdText is not null && !long.TryParse(ordIdText, NumberStyles.None, CultureInfo.InvariantCulture, out ordId))
        {
            throw OkxApiException.Invalid("ordId");
        }

        var account = call.AccountId;
        return _exchange.InvokeAsync(() =>
        {
            PaperOrder? order = null;
            if (ordIdText is not null)
            {
                order = _exchange.Orders.TryGet(account, ordId, out var found) ? found : null;
            }
            else if (ClientOrderId.TryParse(clOrdIdText, out var clOrdId))
            {
                order = _exchange.Orders.TryGet(account, clOrdId, out var found) ? found : null;
            }

            order = entry.RegularOrNull(order, byClientId: ordIdText is null);
            if (order is null || order.Instrument != instrument)
            {
                throw new OkxApiException("51603", "Order does not exist", 200);
            }

            return OkxJson.Data(json => OkxWriters.WriteOrder(json, _exchange, order, entry.Extra(order.OrderId), push: false, algo: entry.Algo(order.OrderId)));
        });
    }

    private Task<byte[]> Orders(OkxCall call, bool open)
    {
        var p = call.Parameters;
        CheckInstType(p, required: !open);
        var instrument = Instrument(p, required: false);
        var limit = p.Limit(100, 100);
        var after = p.OptionalLong("after");
        var before = p.OptionalLong("before");
        var state = p.Get("state");
        var account = call.AccountId;
        return _exchange.InvokeAsync(() =>
        {
            var orders = _exchange.Orders.Orders(account, instrument)
                .Where(o => o.IsOpen == open && !entry.IsHidden(o))
                .Where(o => state is null || OkxText.State(o.Status) == state)
                .Where(o => (after is null || o.OrderId < after) && (before is null || o.OrderId > before))
                .Reverse().Take(limit).ToList();
            return OkxJson.Data(json =>
            {
                foreach (var order in orders)
                {
                    OkxWriters.WriteOrder(json, _exchange, order, entry.Extra(order.OrderId), push: false, algo: entry.Algo(order.OrderId));
                }
            });
        });
    }

    private Task<byte[]> Fills(OkxCall call, bool history)
    {
        var p = call.Parameters;
        CheckInstType(p, required: history);
        var instrument = Instrument(p, required: false);
        var ordIdText = p.Get("ordId");
        var limit = p.Limit(100, 100);
        var after = p.OptionalLong("after");
        var before = p.OptionalLong("before");
        var begin = p.OptionalLong("begin");
        var end = p.OptionalLong("end");
        var account = call.AccountId;
        return _exchange.InvokeAsync(() =>
        {
            var fills = _exchange.Orders.Fills(account, instrument)
                .Where(f => ordIdText is null || OkxText.Int(f.OrderId) == ordIdText)
                .Where(f => (after is null || OkxWriters.BillId(f) < after) && (before is null || OkxWriters.BillId(f) > before))
                .Where(f => (begin is null || f.Time / 1_000_000L >= begin) && (end is null || f.Time / 1_000_000L <= end))
                .Reverse().Take(limit).ToList();
            return OkxJson.Data(json =>
            {
                foreach (var fill in fills)
                {
                    OkxWriters.WriteFill(json, _exchange, fill, entry.Extra(fill.OrderId), entry.Algo(fill.OrderId));
                }
            });
        });
    }

    // One trading account in USDT: every ccy filter gets the same single detail, as a single-currency account does.
    private Task<byte[]> Balance(OkxCall call)
    {
        var account = call.AccountId;
        return _exchange.InvokeAsync(() => OkxJson.Data(json => OkxWriters.WriteAccount(json, _exchange, account, _exchange.Now)));
    }

    private Task<byte[]> Positions(OkxCall call)
    {
        var p = call.Parameters;
        CheckInstType(p, required: false);
        var instIds = p.Get("instId") is { } list ? new HashSet<string>(list.Split(','), StringComparer.Ordinal) : null;
        var instType = p.Get("instType");
        var account = call.AccountId;
        return _exchange.InvokeAsync(() =>
        {
            var positions = instType is null or "SWAP" ? OkxWriters.Positions(_exchange, account, instIds) : [];
            return OkxJson.Data(json =>
            {
                foreach (var position in positions)
                {
                    OkxWriters.WritePosition(json, _exchange, position, _exchange.Now);
                }
            });
        });
    }

    private Task<byte[]> Config(OkxCall call)
    {
        var account = call.AccountId;
        return _exchange.InvokeAsync(() => OkxJson.Data(json =>
        {
            var hedge = _exchange.Accounts.GetPositionMode(account) == PositionMode.Hedge;
            json.WriteStartObject();
            OkxWriterFields.Strings(json,
                ("acctLv", "2"),
                ("acctStpMode", "cancel_maker"),
                ("autoLoan", "false"),
                ("ctIsoMode", "automatic"),
                ("enableSpotBorrow", "false"),
                ("greeksType", "PA"),
                ("ip", string.Empty),
                ("kycLv", "1"),
                ("label", "paper"),
                ("level", "Lv1"),
                ("levelTmp", string.Empty),
                ("liquidationGear", "-1"),
                ("mainUid", OkxText.Int(account)),
                ("mgnIsoMode", "automatic"),
                ("opAuth", "0"),
                ("perm", "read_only,trade"),
                ("posMode", hedge ? "long_short_mode" : "net_mode"),
                ("roleType", "0"),
                ("spotBorrowAutoRepay", "false"),
                ("spotOffsetType", string.Empty),
                ("spotRoleType", "0"),
                ("type", "0"),
                ("uid", OkxText.Int(account)));
            json.WriteStartArray("traderInsts");
            json.WriteEndArray();
            json.WriteStartArray("spotTraderInsts");
            json.WriteEndArray();
            json.WriteEndObject();
        }));
    }

    private Task<byte[]> SetLeverage(OkxCall call)
    {
        var p = call.Parameters;
        var instrument = Instrument(p, required: true)!.Value;
        var leverText = p.Required("lever");
        var mgnMode = p.Required("mgnMode");
        if (mgnMode is not ("cross" or "isolated"))
        {
            throw OkxApiException.Invalid("mgnMode");
        }

        if (!decimal.TryParse(leverText, NumberStyles.Number, CultureInfo.InvariantCulture, out var lever) || lever < 1 || lever != decimal.Truncate(lever))
        {
            throw OkxApiException.Invalid("lever");
        }

        var posSide = p.Get("posSide") ?? "net";
        if (posSide is not ("net" or "long" or "short"))
        {
            throw OkxApiException.Invalid("posSide");
        }

        var account = call.AccountId;
        return _exchange.InvokeAsync(() =>
        {
            var marginType = mgnMode == "isolated" ? MarginType.Isolated : MarginType.Cross;
            if (_exchange.Accounts.GetMarginType(account, instrument) != marginType)
            {
                try
                {
                    _exchange.Accounts.SetMarginType(account, instrument, marginType);
                }
                catch (InvalidOperationException)
                {
                    throw new OkxApiException("59000", "Settings failed. Close any open positions or orders before modifying settings.", 200);
                }
            }

            if (lever > int.MaxValue || _exchange.Accounts.SetLeverage(account, instrument, (int)lever) != Simulator.Orders.RejectReason.None)
            {
                throw new OkxApiException("59102", "Leverage exceeds the maximum leverage. Adjust the leverage.", 200);
            }

            return OkxJson.Data(json =>
            {
                json.WriteStartObject();
                OkxWriterFields.Strings(json,
                    ("lever", OkxText.Num(lever)),
                    ("mgnMode", mgnMode),
                    ("instId", _exchange.MarketOf(instrument).Symbol),
                    ("posSide", posSide));
                json.WriteEndObject();
            });
        });
    }

    private Task<byte[]> LeverageInfo(OkxCall call)
    {
        var p = call.Parameters;
        var instIds = p.Required("instId").Split(',');
        var mgnMode = p.Required("mgnMode");
        if (mgnMode is not ("cross" or "isolated"))
        {
            throw OkxApiException.Invalid("mgnMode");
        }

        var instruments = instIds.Select(i => _exchange.TryGetMarket(i, out var m) ? m : throw OkxApiException.UnknownInstrument()).ToList();
        var account = call.AccountId;
        return _exchange.InvokeAsync(() => OkxJson.Data(json =>
        {
            foreach (var market in instruments)
            {
                json.WriteStartObject();
                OkxWriterFields.Strings(json,
                    ("ccy", string.Empty),
                    ("instId", market.Symbol),
                    ("mgnMode", mgnMode),
                    ("posSide", "net"),
                    ("lever", OkxText.Int(_exchange.Accounts.GetLeverage(account, market.Instrument.Id))));
                json.WriteEndObject();
            }
        }));
    }

    private Task<byte[]> SetPositionMode(OkxCall call)
    {
        var posMode = call.Parameters.Required("posMode");
        var mode = posMode switch
        {
            "net_mode" => PositionMode.OneWay,
            "long_short_mode" => PositionMode.Hedge,
            _ => throw OkxApiException.Invalid("posMode"),
        };
        var account = call.AccountId;
        return _exchange.InvokeAsync(() =>
        {
            try
            {
                _exchange.Accounts.SetPositionMode(account, mode);
            }
            catch (InvalidOperationException)
            {
                throw new OkxApiException("59000", "Settings failed. Close any open positions or orders before modifying settings.", 200);
            }

            return OkxJson.Data(json =>
            {
                json.WriteStartObject();
                json.WriteString("posMode", posMode);
                json.WriteEndObject();
            });
        });
    }

    private Task<byte[]> Currencies(OkxCall call)
    {
        var wanted = call.Parameters.Get("ccy")?.Split(',');
        return Task.FromResult(OkxJson.Data(json =>
        {
            foreach (var asset in _exchange.Accounts.Assets)
            {
                if (wanted is not null && !wanted.Contains(asset, StringComparer.Ordinal))
                {
                    continue;
                }

                json.WriteStartObject();
                OkxWriterFields.Strings(json,
                    ("ccy", asset),
                    ("name", asset),
                    ("chain", asset + "-Paper"),
                    ("minWd", "0"),
                    ("maxWd", "0"),
                    ("minFee", "0"),
                    ("maxFee", "0"),
                    ("fee", "0"),
                    ("wdTickSz", "8"),
                    ("minDep", "0"),
                    ("logoLink", string.Empty));
                json.WriteBoolean("canDep", false);
                json.WriteBoolean("canWd", false);
                json.WriteBoolean("canInternal", false);
                json.WriteBoolean("mainNet", true);
                json.WriteEndObject();
            }
        }));
    }
}
