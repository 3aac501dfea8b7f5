using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowSight.TestServers.GateIo;

/// <summary>
/// Gate.io v4 public REST on a local server under <c>/api/v4</c>: <c>spot/currency_pairs</c> and
/// <c>futures/usdt/contracts</c> (recorded), <c>spot/order_book</c> and <c>futures/usdt/order_book</c> (recorded
/// snapshots with <c>id</c> when asked <c>with_id=true</c>), <c>spot/candlesticks</c> and
/// <c>futures/usdt/candlesticks</c> (<c>from</c>/<c>to</c> inclusive or <c>limit</c>, at most 1000 points) and
/// <c>futures/usdt/funding_rate</c>. Errors take Gate's shape <c>{"label","message"}</c>: unknown pair
/// <c>INVALID_CURRENCY_PAIR</c> and unknown contract <c>CONTRACT_NOT_FOUND</c> (HTTP 400), bad parameters
/// <c>INVALID_PARAM_VALUE</c> (400), a full window <c>TOO_MANY_REQUESTS</c> (429), an outage <c>SERVER_ERROR</c> (500).
/// </summary>
public static class GateIoRestEndpoints
{
    private static readonly Dictionary<string, long> SpotIntervals = new(StringComparer.Ordinal)
    {
        ["10s"] = 10, ["1m"] = 60, ["5m"] = 300, ["15m"] = 900, ["30m"] = 1_800, ["1h"] = 3_600, ["4h"] = 14_400,
        ["8h"] = 28_800, ["1d"] = 86_400, ["7d"] = 604_800,
    };

    private static readonly Dictionary<string, long> FuturesIntervals = new(SpotIntervals, StringComparer.Ordinal)
    {
        ["2h"] = 7_200, ["6h"] = 21_600, ["12h"] = 43_200,
    };

    /// <summary>Maps the REST routes onto <paramref name="app"/> (the Gate.io test server's host, or any other).</summary>
    public static IEndpointRouteBuilder MapGateIoRest(this IEndpointRouteBuilder app, GateIoRestState state)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(state);
        foreach (var path in new[]
        {
            "/api/v4/spot/currency_pairs", "/api/v4/futures/usdt/contracts", "/api/v4/spot/order_book", "/api/v4/futures/usdt/order_book",
            "/api/v4/spot/candlesticks", "/api/v4/futures/usdt/candlesticks", "/api/v4/futures/usdt/funding_rate", "/api/v4/spot/time",
        })
        {
            app.MapGet(path, (HttpContext context) => HandleAsync(context, state, path));
        }

        return app;
    }

    private static async Task HandleAsync(HttpContext context, GateIoRestState state, string path)
    {
        var arrived = state.Time.GetUtcNow();
        var (status, label, body) = Answer(state, path, context.Request.Query, context.Response);
        state.Record(new GateIoRestRequestRecord(arrived, path, context.Request.QueryString.Value ?? string.Empty, status, label));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
    }

    private static (int Status, string? Label, byte[] Body) Answer(GateIoRestState state, string path, IQueryCollection query, HttpResponse response)
    {
        var fault = state.TakeFault(path);
        var counted = state.TryCount(path, out var remaining, out var reset);
        if (fault == GateIoRestFaultKind.RateLimited)
        {
            // An injected 429 says what a full window says: nothing left, and the reset at the window's end.
            remaining = 0;
            reset = ((state.ServerNow.ToUnixTimeMilliseconds() / 10_000) + 1) * 10;
        }

        // Gate documents these on every answer: the endpoint's limit, what is left of the window, and (once exceeded) when it resets.
        response.Headers["X-Gate-RateLimit-Limit"] = state.LimitPerWindow.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Gate-RateLimit-Requests-Remain"] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Gate-RateLimit-Reset-Timestamp"] = reset.ToString(CultureInfo.InvariantCulture);
        if (fault == GateIoRestFaultKind.RateLimited || !counted)
        {
            return Error(429, "TOO_MANY_REQUESTS", "Request Rate limit Exceeded");
        }

        switch (fault)
        {
            case GateIoRestFaultKind.ServerError:
                return Error(500, "SERVER_ERROR", "Internal server error");
            case GateIoRestFaultKind.Malformed:
                return (200, null, "[{\"id\":\"BTC_US"u8.ToArray());
        }

        if (state.TakeCanned(path) is { } canned)
        {
            return (200, null, canned);
        }

        return path switch
        {
            "/api/v4/spot/currency_pairs" => (200, null, state.CurrencyPairs ?? "[]"u8.ToArray()),
            "/api/v4/futures/usdt/contracts" => (200, null, state.Contracts ?? "[]"u8.ToArray()),
            "/api/v4/spot/order_book" => Book(state, query, spot: true),
            "/api/v4/futures/usdt/order_book" => Book(state, query, spot: false),
            "/api/v4/spot/candlesticks" => Candles(state, query, spot: true),
            "/api/v4/futures/usdt/candlesticks" => Candles(state, query, spot: false),
            "/api/v4/spot/time" => (200, null, Encoding.UTF8.GetBytes($"{{\"server_time\":{state.ServerNow.ToUnixTimeMilliseconds()}}}")),
            _ => Funding(state, query),
        };
    }

    private static (int, string?, byte[])? Unknown(GateIoRestState state, IQueryCollection query, bool spot, out string name)
    {
        var parameter = spot ? "currency_pair" : "contract";
        name = query[parameter].ToString();
        if (string.IsNullOrEmpty(name))
        {
            return Error(400, "MISSING_REQUIRED_PARAM", $"Missing required parameter: {parameter}");
        }

        return state.IsKnown(spot, name) ? null
            : spot ? Error(400, "INVALID_CURRENCY_PAIR", $"Invalid currency pair {name}")
            : Error(400, "CONTRACT_NOT_FOUND", "Contract not found");
    }

    private static (int, string?, byte[]) Book(GateIoRestState state, IQueryCollection query, bool spot)
    {
        if (Unknown(state, query, spot, out var name) is { } error)
        {
            return error;
        }

        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 10;
        var withId = string.Equals(query["with_id"], "true", StringComparison.Ordinal);
        var followed = state.FollowedBook?.Invoke(spot, name);
        if ((followed ?? state.RecordedBook(spot, name)) is { } recorded)
        {
            if (withId && limit == 100 && followed is null)
            {
                return (200, null, recorded); // exactly what Gate answered the recorder (limit=100&with_id=true)
            }

            var book = JsonNode.Parse(recorded)!.AsObject();
            book["asks"] = new JsonArray([.. book["asks"]!.AsArray().Take(limit).Select(x => x!.DeepClone())]);
            book["bids"] = new JsonArray([.. book["bids"]!.AsArray().Take(limit).Select(x => x!.DeepClone())]);
            if (!withId)
            {
                book.Remove("id");
            }

            return (200, null, Encoding.UTF8.GetBytes(book.ToJsonString()));
        }

        var id = withId ? $"\"id\":{1_000 + state.NowSeconds}," : string.Empty;
        var levels = Math.Min(limit, 5);
        string Level(decimal price, int size) => spot ? $"[\"{price.ToString(CultureInfo.InvariantCulture)}\",\"{size}\"]" : $"{{\"p\":\"{price.ToString(CultureInfo.InvariantCulture)}\",\"s\":{size}}}";
        var asks = string.Join(',', Enumerable.Range(0, levels).Select(i => Level(101.5m + i, i + 1)));
        var bids = string.Join(',', Enumerable.Range(0, levels).Select(i => Level(100.5m - i, i + 2)));
        var times = spot ? $"\"current\":{state.ServerNow.ToUnixTimeMilliseconds()},\"update\":{state.ServerNow.ToUnixTimeMilliseconds()}," : $"\"current\":{state.NowSeconds}.0,\"update\":{state.NowSeconds}.0,";
        return (200, null, Encoding.UTF8.GetBytes($"{{{id}{times}\"asks\":[{asks}],\"bids\":[{bids}]}}"));
    }

    private static (int, string?, byte[]) Candles(GateIoRestState state, IQueryCollection query, bool spot)
    {
        if (Unknown(state, query, spot, out var name) is { } error)
        {
            return error;
        }

        var code = string.IsNullOrEmpty(query["interval"]) ? "30m" : query["interval"].ToString();
        if (!(spot ? SpotIntervals : FuturesIntervals).TryGetValue(code, out var length))
        {
            return Error(400, "INVALID_PARAM_VALUE", $"Invalid interval {code}");
        }

        long? from = long.TryParse(query["from"], NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : null;
        long? to = long.TryParse(query["to"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;
        int? limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : null;
        if (limit is not null && (from is not null || to is not null))
        {
            return Error(400, "INVALID_PARAM_VALUE", "limit can not be used with from and to");
        }

        var now = state.NowSeconds;
        var nowOpen = Floor(now, length);
        var last = Math.Min(nowOpen, Floor(to ?? now, length));
        var first = from is { } start ? -Floor(-start, length) : last - (((limit ?? 100) - 1) * length);
        if ((last - first) / length + 1 > 1000)
        {
            return Error(400, "INVALID_PARAM_VALUE", "Too many points requested");
        }

        first = Math.Max(first, -Floor(-state.ListingTime.ToUnixTimeSeconds(), length));
        var rows = new List<string>();
        for (var open = first; open <= last; open += length)
        {
            if (state.IsRemoved(name, open))
            {
                continue;
            }

            var o = 2_000_000 + (long)(state.Noise(name, open) * 10_000);
            var h = o + (long)(state.Noise(name + "h", open) * 100);
            var lo = o - (long)(state.Noise(name + "l", open) * 100);
            var c = lo + (long)((h - lo) * state.Noise(name + "c", open));
            var volume = 1 + (long)(state.Noise(name + "v", open) * 10_000);
            var quote = volume * c / 10_000m;
            rows.Add(spot
                ? $"[\"{open}\",\"{quote.ToString(CultureInfo.InvariantCulture)}\",\"{Price(c)}\",\"{Price(h)}\",\"{Price(lo)}\",\"{Price(o)}\",\"{volume}\",\"{(open == nowOpen ? "false" : "true")}\"]"
                : $"{{\"t\":{open},\"v\":{volume},\"c\":\"{Price(c)}\",\"h\":\"{Price(h)}\",\"l\":\"{Price(lo)}\",\"o\":\"{Price(o)}\",\"sum\":\"{quote.ToString(CultureInfo.InvariantCulture)}\"}}");
        }

        return (200, null, Encoding.UTF8.GetBytes($"[{string.Join(',', rows)}]"));
    }

    private static (int, string?, byte[]) Funding(GateIoRestState state, IQueryCollection query)
    {
        if (Unknown(state, query, spot: false, out var name) is { } error)
        {
            return error;
        }

        const long Interval = 8 * 3_600;
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 100;
        if (limit is < 1 or > 1000)
        {
            return Error(400, "INVALID_PARAM_VALUE", "limit must be between 1 and 1000");
        }

        long? from = long.TryParse(query["from"], NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : null;
        long? to = long.TryParse(query["to"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;
        var top = Floor(Math.Min(to ?? state.NowSeconds, state.NowSeconds), Interval);
        var first = Math.Max(from ?? long.MinValue, -Floor(-state.ListingTime.ToUnixTimeSeconds(), Interval));
        var rows = new List<string>();
        for (var time = top; time >= first && rows.Count < limit; time -= Interval)
        {
            var rate = ((long)(state.Noise(name + "f", time) * 2_000) - 600) / 10_000_000m;
            rows.Add($"{{\"t\":{time},\"r\":\"{rate.ToString(CultureInfo.InvariantCulture)}\"}}");
        }

        return (200, null, Encoding.UTF8.GetBytes($"[{string.Join(',', rows)}]"));
    }

    private static long Floor(long value, long length) => (Math.DivRem(value, length, out var rem) * length) - (rem < 0 ? length : 0);

    private static string Price(long tenThousandths) => (tenThousandths / 10_000m).ToString(CultureInfo.InvariantCulture);

    private static (int, string?, byte[]) Error(int status, string label, string message) =>
        (status, label, Encoding.UTF8.GetBytes($"{{\"label\":\"{label}\",\"message\":\"{message}\"}}"));
}
