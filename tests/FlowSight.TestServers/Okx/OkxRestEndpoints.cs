using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowSight.TestServers.Okx;

/// <summary>
/// OKX v5 public REST on a local server: <c>public/instruments</c> (recorded), <c>market/books</c>,
/// <c>market/candles</c> and <c>market/history-candles</c> (newest first, <c>after</c>/<c>before</c>/<c>limit</c>),
/// <c>public/funding-rate-history</c>, <c>public/open-interest</c> and <c>public/time</c>, in OKX's envelope. Errors
/// take OKX's real shapes: unknown instruments <c>51001</c> (HTTP 200), a missing parameter <c>50014</c> (HTTP 400),
/// a full rate-limit window <c>50011</c> (HTTP 429), an outage <c>50001</c> (HTTP 503). Faults from
/// <see cref="OkxRestState"/> come first.
/// </summary>
public static class OkxRestEndpoints
{
    private static readonly Dictionary<string, long> BarLengths = new(StringComparer.Ordinal)
    {
        ["1s"] = 1_000, ["1m"] = 60_000, ["3m"] = 180_000, ["5m"] = 300_000, ["15m"] = 900_000, ["30m"] = 1_800_000,
        ["1H"] = 3_600_000, ["2H"] = 7_200_000, ["4H"] = 14_400_000, ["6Hutc"] = 21_600_000, ["12Hutc"] = 43_200_000,
        ["1Dutc"] = 86_400_000, ["3Dutc"] = 259_200_000, ["1Wutc"] = 604_800_000,
    };

    /// <summary>Maps the REST routes onto <paramref name="app"/> (the OKX test server's host, or any other).</summary>
    public static IEndpointRouteBuilder MapOkxRest(this IEndpointRouteBuilder app, OkxRestState state)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(state);
        foreach (var path in new[]
        {
            "/api/v5/public/instruments", "/api/v5/market/books", "/api/v5/market/candles", "/api/v5/market/history-candles",
            "/api/v5/public/funding-rate-history", "/api/v5/public/open-interest", "/api/v5/public/time",
        })
        {
            app.MapGet(path, (HttpContext context) => HandleAsync(context, state, path));
        }

        return app;
    }

    private static async Task HandleAsync(HttpContext context, OkxRestState state, string path)
    {
        var query = context.Request.Query;
        var arrived = state.Time.GetUtcNow();
        var (status, code, body) = Answer(state, path, query);
        state.Record(new OkxRestRequestRecord(arrived, path, context.Request.QueryString.Value ?? string.Empty, status, code));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
    }

    private static (int Status, string Code, byte[] Body) Answer(OkxRestState state, string path, IQueryCollection query)
    {
        var fault = state.TakeFault(path);
        if (fault == OkxRestFaultKind.RateLimited)
        {
            return Error(429, "50011", "Rate limit reached. Please refer to API documentation and throttle requests accordingly");
        }

        var scope = path switch
        {
            "/api/v5/public/instruments" => query["instType"].ToString(),
            "/api/v5/public/funding-rate-history" or "/api/v5/public/open-interest" => query["instId"].ToString(),
            _ => null,
        };
        if (!state.TryCount(scope is null ? path : $"{path}|{scope}", Limit(path)))
        {
            return Error(429, "50011", "Rate limit reached. Please refer to API documentation and throttle requests accordingly");
        }

        switch (fault)
        {
            case OkxRestFaultKind.ServerError:
                return Error(503, "50001", "Service temporarily unavailable. Please try again later");
            case OkxRestFaultKind.Malformed:
                return (200, "0", "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"ts\":\"17"u8.ToArray());
        }

        if (state.TakeCanned(path) is { } canned)
        {
            return (200, "0", canned);
        }

        return path switch
        {
            "/api/v5/public/instruments" => Instruments(state, query),
            "/api/v5/market/books" => Books(state, query),
            "/api/v5/market/candles" => Candles(state, query, recentOnly: true),
            "/api/v5/market/history-candles" => Candles(state, query, recentOnly: false),
            "/api/v5/public/funding-rate-history" => FundingHistory(state, query),
            "/api/v5/public/open-interest" => OpenInterest(state, query),
            _ => Ok($"[{{\"ts\":\"{OkxRestState.Ms(state.NowMs)}\"}}]"),
        };
    }

    private static int Limit(string path) => path switch
    {
        "/api/v5/public/instruments" => 20,
        "/api/v5/market/books" => 40,
        "/api/v5/market/candles" => 40,
        "/api/v5/market/history-candles" => 20,
        "/api/v5/public/funding-rate-history" => 10,
        "/api/v5/public/open-interest" => 20,
        _ => 10,
    };

    private static (int, string, byte[]) Instruments(OkxRestState state, IQueryCollection query)
    {
        string? type = query["instType"];
        if (string.IsNullOrEmpty(type))
        {
            return Error(400, "50014", "Parameter instType can not be empty");
        }

        var body = state.InstrumentBody(type);
        if (body is null)
        {
            return Ok("[]");
        }

        string? instId = query["instId"];
        if (string.IsNullOrEmpty(instId))
        {
            return (200, "0", body);
        }

        var root = JsonNode.Parse(body)!;
        var match = root["data"]!.AsArray().Where(i => (string?)i!["instId"] == instId).Select(i => i!.ToJsonString()).ToList();
        return match.Count == 0 ? Error(200, "51001", "Instrument ID does not exist") : Ok($"[{string.Join(',', match)}]");
    }

    private static (int, string, byte[])? UnknownInstrument(OkxRestState state, string? instId, out string id)
    {
        id = instId ?? string.Empty;
        if (string.IsNullOrEmpty(instId))
        {
            return Error(400, "50014", "Parameter instId can not be empty");
        }

        return state.InstrumentTypes.Count > 0 && !state.InstrumentTypes.ContainsKey(instId) ? Error(200, "51001", "Instrument ID does not exist") : null;
    }

    private static (int, string, byte[]) Books(OkxRestState state, IQueryCollection query)
    {
        if (UnknownInstrument(state, query["instId"], out var instId) is { } error)
        {
            return error;
        }

        var depth = int.TryParse(query["sz"], NumberStyles.None, CultureInfo.InvariantCulture, out var sz) ? Math.Clamp(sz, 1, 400) : 1;
        List<string> asks, bids;
        string ts;
        if (instId == "BTC-USDT" && state.RecordedBook is { } recorded)
        {
            using var document = JsonDocument.Parse(recorded);
            var book = document.RootElement.GetProperty("data")[0];
            asks = [.. book.GetProperty("asks").EnumerateArray().Take(depth).Select(l => l.GetRawText())];
            bids = [.. book.GetProperty("bids").EnumerateArray().Take(depth).Select(l => l.GetRawText())];
            ts = book.GetProperty("ts").GetString()!;
        }
        else
        {
            asks = [.. Enumerable.Range(0, Math.Min(depth, 5)).Select(i => $"[\"{100 + i + 1}.5\",\"{i + 1}\",\"0\",\"1\"]")];
            bids = [.. Enumerable.Range(0, Math.Min(depth, 5)).Select(i => $"[\"{100 - i}.5\",\"{i + 2}\",\"0\",\"1\"]")];
            ts = OkxRestState.Ms(state.NowMs);
        }

        return Ok($"[{{\"asks\":[{string.Join(',', asks)}],\"bids\":[{string.Join(',', bids)}],\"ts\":\"{ts}\"}}]");
    }

    private static (int, string, byte[]) Candles(OkxRestState state, IQueryCollection query, bool recentOnly)
    {
        if (UnknownInstrument(state, query["instId"], out var instId) is { } error)
        {
            return error;
        }

        var bar = string.IsNullOrEmpty(query["bar"]) ? "1m" : query["bar"].ToString();
        if (!BarLengths.TryGetValue(bar, out var length))
        {
            return Error(200, "51000", "Parameter bar error");
        }

        const int max = 300;
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, max) : 100;
        long? after = long.TryParse(query["after"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null;
        long? before = long.TryParse(query["before"], NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : null;
        var now = state.NowMs;
        var nowOpen = Floor(now, length);
        var first = -Floor(-state.ListingTime.ToUnixTimeMilliseconds(), length);
        if (recentOnly)
        {
            first = Math.Max(first, nowOpen - (1439 * length));
        }

        var top = after is { } upper ? Math.Min(nowOpen, Floor(upper - 1, length)) : nowOpen;
        var rows = new List<string>(limit);
        for (var t = top; t >= first && rows.Count < limit && (before is null || t > before); t -= length)
        {
            if (!state.IsRemoved(instId, t))
            {
                rows.Add(CandleRow(state, instId, t, confirmed: t != nowOpen));
            }
        }

        return Ok($"[{string.Join(',', rows)}]");
    }

    private static string CandleRow(OkxRestState state, string instId, long open, bool confirmed)
    {
        // Prices in tenths, so every candle is consistent (low ≤ open, close ≤ high) and exact.
        var o = 300_000 + (long)(state.Noise(instId, open) * 10_000);
        var h = o + (long)(state.Noise(instId + "h", open) * 100);
        var lo = o - (long)(state.Noise(instId + "l", open) * 100);
        var c = lo + (long)((h - lo) * state.Noise(instId + "c", open));
        var volume = 1 + (long)(state.Noise(instId + "v", open) * 10_000);
        var quote = volume * c / 10;
        return $"[\"{OkxRestState.Ms(open)}\",\"{Tenths(o)}\",\"{Tenths(h)}\",\"{Tenths(lo)}\",\"{Tenths(c)}\",\"{volume}\",\"{volume / 100m}\",\"{quote}\",\"{(confirmed ? 1 : 0)}\"]";
    }

    private static (int, string, byte[]) FundingHistory(OkxRestState state, IQueryCollection query)
    {
        if (UnknownInstrument(state, query["instId"], out var instId) is { } error)
        {
            return error;
        }

        if (state.InstrumentTypes.TryGetValue(instId, out var type) && type != "SWAP")
        {
            return Error(200, "51000", "Parameter instId error");
        }

        const long Interval = 8 * 3_600_000;
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 100) : 100;
        long? after = long.TryParse(query["after"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null;
        long? before = long.TryParse(query["before"], NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : null;
        var latest = Floor(state.NowMs, Interval);
        var first = -Floor(-state.ListingTime.ToUnixTimeMilliseconds(), Interval);
        var top = after is { } upper ? Math.Min(latest, Floor(upper - 1, Interval)) : latest;
        var rows = new List<string>();
        for (var t = top; t >= first && rows.Count < limit && (before is null || t > before); t -= Interval)
        {
            var rate = ((long)(state.Noise(instId + "f", t) * 2_000) - 600) / 10_000_000m;
            var realized = Math.Round(rate, 5);
            rows.Add($"{{\"instType\":\"SWAP\",\"instId\":\"{instId}\",\"fundingRate\":\"{rate.ToString(CultureInfo.InvariantCulture)}\",\"realizedRate\":\"{realized.ToString(CultureInfo.InvariantCulture)}\",\"fundingTime\":\"{OkxRestState.Ms(t)}\",\"method\":\"current_period\"}}");
        }

        return Ok($"[{string.Join(',', rows)}]");
    }

    private static (int, string, byte[]) OpenInterest(OkxRestState state, IQueryCollection query)
    {
        if (UnknownInstrument(state, query["instId"], out var instId) is { } error)
        {
            return error;
        }

        if (string.IsNullOrEmpty(query["instType"]))
        {
            return Error(400, "50014", "Parameter instType can not be empty");
        }

        if (state.InstrumentTypes.TryGetValue(instId, out var type) && type == "SPOT")
        {
            return Error(200, "51000", "Parameter instType error");
        }

        var now = state.NowMs;
        var oi = 1_000 + (long)(state.Noise(instId + "oi", now / 60_000) * 1_000_000);
        return Ok($"[{{\"instType\":\"{query["instType"]}\",\"instId\":\"{instId}\",\"oi\":\"{oi}\",\"oiCcy\":\"{oi / 100m}\",\"oiUsd\":\"{oi * 10}\",\"ts\":\"{OkxRestState.Ms(now)}\"}}]");
    }

    private static long Floor(long value, long length) => Math.DivRem(value, length, out var rem) * length - (rem < 0 ? length : 0);

    private static string Tenths(long tenths) => $"{tenths / 10}.{tenths % 10}";

    private static (int, string, byte[]) Ok(string data) => (200, "0", Encoding.UTF8.GetBytes($"{{\"code\":\"0\",\"msg\":\"\",\"data\":{data}}}"));

    private static (int, string, byte[]) Error(int status, string code, string message) =>
        (status, code, Encoding.UTF8.GetBytes($"{{\"code\":\"{code}\",\"msg\":\"{message}\",\"data\":[]}}"));
}
