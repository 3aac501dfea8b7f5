using System.Globalization;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Okx.Trading;
using Microsoft.AspNetCore.Builder;

namespace FlowSight.PaperVenue.Okx.Rest;

/// <summary>
/// OKX's algo trading REST for conditional orders: <c>POST trade/order-algo</c> (20 per 2 s per instrument),
/// <c>POST trade/cancel-algos</c> (up to 10 per request), <c>GET trade/orders-algo-pending</c> (the untriggered ones)
/// and <c>GET trade/order-algo</c> (one by <c>algoId</c> or <c>algoClOrdId</c>, in any state), signed like every
/// private endpoint. See <see cref="OkxOrderEntry"/> for what is checked and how the orders behave.
/// </summary>
internal sealed class OkxAlgoEndpoints(OkxRestPipeline pipeline, OkxOrderEntry entry)
{
    private readonly PaperExchange _exchange = pipeline.Exchange;

    /// <summary>Maps the routes.</summary>
    public void Map(WebApplication app)
    {
        pipeline.Private(app, "POST", "/api/v5/trade/order-algo", 20, PlaceAsync, perFamily: true);
        pipeline.Private(app, "POST", "/api/v5/trade/cancel-algos", 20, CancelAsync);
        pipeline.Private(app, "GET", "/api/v5/trade/orders-algo-pending", 20, Pending);
        pipeline.Private(app, "GET", "/api/v5/trade/order-algo", 20, Details);
    }

    private async Task<byte[]> PlaceAsync(OkxCall call)
    {
        if (call.Body.ValueKind != JsonValueKind.Object)
        {
            throw new OkxApiException("50002", "Json data format error", 400);
        }

        var p = call.Parameters;
        var account = call.AccountId;
        var result = await _exchange.InvokeAsync(() => entry.PlaceAlgo(account, p)).ConfigureAwait(false);
        return Results([result], place: true);
    }

    private async Task<byte[]> CancelAsync(OkxCall call)
    {
        if (call.Body.ValueKind != JsonValueKind.Array)
        {
            throw new OkxApiException("50002", "Json data format error", 400);
        }

        var items = call.Body.EnumerateArray().Select(OkxParameters.FromObject).ToList();
        if (items.Count == 0)
        {
            throw new OkxApiException("50000", "Body for POST request cannot be empty.", 400);
        }

        if (items.Count > 10)
        {
            throw new OkxApiException("51000", "Parameter batch size error", 400);
        }

        var account = call.AccountId;
        var results = await _exchange.InvokeAsync(() => items.Select(p => entry.CancelAlgo(account, p)).ToList()).ConfigureAwait(false);
        return Results(results, place: false);
    }

    private Task<byte[]> Pending(OkxCall call)
    {
        var p = call.Parameters;
        var types = OrdTypes(p);
        var (instrument, algoId, algoClOrdId) = Filters(p);
        var limit = p.Limit(100, 100);
        var after = p.OptionalLong("after");
        var before = p.OptionalLong("before");
        var account = call.AccountId;
        return _exchange.InvokeAsync(() =>
        {
            var orders = types.Contains("conditional")
                ? entry.AlgoOrders(account, instrument)
                    .Where(o => o.Order.Status == OrderStatus.Untriggered)
                    .Where(o => (algoId is null || o.Algo.AlgoId == algoId) && (algoClOrdId is null || o.Algo.AlgoClOrdId == algoClOrdId))
                    .Where(o => (after is null || o.Algo.AlgoId < after) && (before is null || o.Algo.AlgoId > before))
                    .Reverse().Take(limit).ToList()
                : [];
            return OkxJson.Data(json =>
            {
                foreach (var (order, algo) in orders)
                {
                    OkxWriters.WriteAlgoOrder(json, _exchange, order, algo, push: false);
                }
            });
        });
    }

    private Task<byte[]> Details(OkxCall call)
    {
        var p = call.Parameters;
        var algoIdText = p.Get("algoId");
        var algoClOrdId = p.Get("algoClOrdId");
        if (algoIdText is null && algoClOrdId is null)
        {
            throw new OkxApiException("51000", "Parameter algoId error", 400);
        }

        long? algoId = algoIdText is null ? null
            : long.TryParse(algoIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw OkxApiException.Invalid("algoId");
        var account = call.AccountId;
        return _exchange.InvokeAsync(() =>
        {
            var found = entry.FindAlgo(account, algoId, algoClOrdId) ?? throw new OkxApiException("51603", "Order does not exist", 200);
            return OkxJson.Data(json => OkxWriters.WriteAlgoOrder(json, _exchange, found.Order, found.Algo, push: false));
        });
    }

    // ordType is required and may list several ("conditional,oco"); the paper venue keeps conditional orders only.
    private static HashSet<string> OrdTypes(OkxParameters p)
    {
        var types = p.Required("ordType").Split(',').ToHashSet(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (type is not ("conditional" or "oco" or "chase" or "trigger" or "move_order_stop" or "iceberg" or "twap"))
            {
                throw OkxApiException.Invalid("ordType");
            }
        }

        return types;
    }

    private (InstrumentId? Instrument, long? AlgoId, string? AlgoClOrdId) Filters(OkxParameters p)
    {
        var instType = p.Get("instType");
        if (instType is not null and not ("SPOT" or "MARGIN" or "SWAP" or "FUTURES" or "OPTION"))
        {
            throw OkxApiException.Invalid("instType");
        }

        InstrumentId? instrument = null;
        if (p.Get("instId") is { } instId)
        {
            instrument = _exchange.TryGetMarket(instId, out var market) ? market.Instrument.Id : throw OkxApiException.UnknownInstrument();
        }

        return (instrument, p.OptionalLong("algoId"), p.Get("algoClOrdId"));
    }

    /// <summary>OKX's answer to a place or cancel of algo orders: code 0 all succeeded, 1 all failed, 2 some did.</summary>
    private static byte[] Results(List<OkxAlgoResult> results, bool place)
    {
        var failed = results.Count(r => !r.Succeeded);
        var (code, msg) = failed == 0 ? ("0", string.Empty)
            : failed == results.Count ? ("1", place ? "Operation failed." : "All operations failed")
            : ("2", "Bulk operation partially succeeded");
        return OkxJson.Data(json =>
        {
            foreach (var r in results)
            {
                json.WriteStartObject();
                if (place)
                {
                    OkxWriterFields.Strings(json,
                        ("algoId", r.AlgoId),
                        ("clOrdId", string.Empty),
                        ("algoClOrdId", r.AlgoClOrdId),
                        ("sCode", r.SCode),
                        ("sMsg", r.SMsg),
                        ("tag", r.Tag));
                }
                else
                {
                    OkxWriterFields.Strings(json,
                        ("algoId", r.AlgoId),
                        ("sCode", r.SCode),
                        ("sMsg", r.SMsg));
                }

                json.WriteEndObject();
            }
        }, code, msg);
    }
}
