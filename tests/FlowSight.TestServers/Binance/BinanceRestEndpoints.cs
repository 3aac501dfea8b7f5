using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowSight.TestServers.Binance;

/// <summary>
/// Binance's public REST market data on a local server: <c>/api/v3</c>, <c>/fapi/v1</c> and <c>/dapi/v1</c>
/// <c>time</c>, <c>exchangeInfo</c>, <c>depth</c>, <c>klines</c>, plus the futures' <c>fundingRate</c>,
/// <c>openInterest</c>, <c>premiumIndex</c> and <c>/futures/data/openInterestHist</c>. Every answer carries
/// <c>X-MBX-USED-WEIGHT-1M</c> like Binance's; the documented weights are charged per market in 1-minute windows and a
/// request that would exceed the limit gets Binance's 429. Faults from <see cref="BinanceRestState"/> are injected
/// before the normal answer.
/// </summary>
public static class BinanceRestEndpoints
{
    private const long Day = 86_400_000;

    /// <summary>Maps the REST routes onto <paramref name="app"/> (add them to any host, e.g. the shared Binance test server).</summary>
    public static IEndpointRouteBuilder MapBinanceRest(this IEndpointRouteBuilder app, BinanceRestState state)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(state);
        app.MapGet("/api/v3/{endpoint}", (HttpContext context, string endpoint) => HandleAsync(context, state, BinanceServerMarket.Spot, endpoint));
        app.MapGet("/fapi/v1/{endpoint}", (HttpContext context, string endpoint) => HandleAsync(context, state, BinanceServerMarket.UsdM, endpoint));
        app.MapGet("/dapi/v1/{endpoint}", (HttpContext context, string endpoint) => HandleAsync(context, state, BinanceServerMarket.CoinM, endpoint));
        app.MapGet("/futures/data/openInterestHist", (HttpContext context) => HandleAsync(
            context,
            state,
            context.Request.Query.ContainsKey("pair") ? BinanceServerMarket.CoinM : BinanceServerMarket.UsdM,
            "openInterestHist"));
        return app;
    }

    private static async Task HandleAsync(HttpContext context, BinanceRestState state, BinanceServerMarket market, string endpoint)
    {
        var query = context.Request.Query;
        var arrived = state.Time.GetUtcNow();
        var weight = Weight(market, endpoint, query);
        var fault = state.TakeFault(market, endpoint);
        var response = context.Response;
        var used = state.UsedWeight(market);

        if (fault is { Kind: BinanceRestFaultKind.RateLimited or BinanceRestFaultKind.Banned })
        {
            var ban = fault.Kind == BinanceRestFaultKind.Banned;
            SetUsedWeight(response, market, used);
            if (fault.RetryAfterSeconds is { } seconds)
            {
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            var until = state.ServerNow.AddSeconds(fault.RetryAfterSeconds ?? 120).ToUnixTimeMilliseconds();
            Record(state, arrived, market, endpoint, context, 0, used, fault.Kind, ban ? 418 : 429);
            await WriteErrorAsync(context, ban ? 418 : 429, -1003, ban
                ? $"Way too much request weight used; IP banned until {until}. Please use WebSocket Streams for live updates to avoid bans."
                : "Too many requests; current limit of IP(127.0.0.1) is exceeded. Please use WebSocket Streams for live updates to avoid polling the API.").ConfigureAwait(false);
            return;
        }

        if (!state.TryCharge(market, weight, out used, out var retryAfter))
        {
            SetUsedWeight(response, market, used);
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            Record(state, arrived, market, endpoint, context, 0, used, null, 429);
            await WriteErrorAsync(context, 429, -1003, $"Too many requests; current limit of IP(127.0.0.1) is {state.WeightLimit(market)} requests per minute. Please use the websocket for live updates to avoid polling the API.").ConfigureAwait(false);
            return;
        }

        SetUsedWeight(response, market, used);
        switch (fault?.Kind)
        {
            case BinanceRestFaultKind.ServerError:
                var serverError = fault.Status is >= 500 ? fault.Status : 500;
                Record(state, arrived, market, endpoint, context, weight, used, fault.Kind, serverError);
                await WriteErrorAsync(context, serverError, -1001, "Internal error; unable to process your request. Please try again.").ConfigureAwait(false);
                return;
            case BinanceRestFaultKind.ErrorBody:
                Record(state, arrived, market, endpoint, context, weight, used, fault.Kind, fault.Status);
                await WriteErrorAsync(context, fault.Status, fault.Code, fault.Message).ConfigureAwait(false);
                return;
            case BinanceRestFaultKind.MalformedJson:
                Record(state, arrived, market, endpoint, context, weight, used, fault.Kind, 200);
                response.ContentType = "application/json";
                await response.WriteAsync("{\"lastUpdateId\":1027024,\"bids\":[[\"4.00000000\",\"431.0000", context.RequestAborted).ConfigureAwait(false);
                return;
            case BinanceRestFaultKind.Stall:
                Record(state, arrived, market, endpoint, context, weight, used, fault.Kind, 200);
                state.OnStalled();
                using (var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, state.StallReleaseToken))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, either.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                if (context.RequestAborted.IsCancellationRequested)
                {
                    return;
                }

                break;
        }

        var (status, body) = Answer(state, market, endpoint, query);
        if (fault?.Kind != BinanceRestFaultKind.Stall)
        {
            Record(state, arrived, market, endpoint, context, weight, used, null, status);
        }

        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The documented request weight of the call.</summary>
    private static int Weight(BinanceServerMarket market, string endpoint, IQueryCollection query)
    {
        var spot = market == BinanceServerMarket.Spot;
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? l : -1;
        return endpoint switch
        {
            "time" or "ping" => 1,
            "exchangeInfo" => spot ? 20 : 1,
            "depth" when spot => (limit < 0 ? 100 : limit) switch { <= 100 => 5, <= 500 => 25, <= 1000 => 50, _ => 250 },
            "depth" => (limit < 0 ? 500 : limit) switch { <= 50 => 2, <= 100 => 5, <= 500 => 10, _ => 20 },
            "klines" when spot => 2,
            "klines" => (limit < 0 ? 500 : limit) switch { < 100 => 1, < 500 => 2, <= 1000 => 5, _ => 10 },
            "fundingRate" => market == BinanceServerMarket.CoinM ? 1 : 0,
            "openInterest" => 1,
            "premiumIndex" => market == BinanceServerMarket.CoinM ? 10 : query.ContainsKey("symbol") ? 1 : 10,
            "openInterestHist" => market == BinanceServerMarket.CoinM ? 1 : 0,
            _ => 1,
        };
    }

    private static (int Status, byte[] Body) Answer(BinanceRestState state, BinanceServerMarket market, string endpoint, IQueryCollection query)
    {
        try
        {
            return endpoint switch
            {
                "time" => (200, Utf8($"{{\"serverTime\":{state.ServerNow.ToUnixTimeMilliseconds()}}}")),
                "ping" => (200, "{}"u8.ToArray()),
                "exchangeInfo" => (200, ExchangeInfo(state, market, query)),
                "depth" => (200, Depth(state, market, query)),
                "klines" => (200, Klines(state, market, query)),
                "fundingRate" when market != BinanceServerMarket.Spot => (200, FundingRates(state, market, query)),
                "openInterest" when market != BinanceServerMarket.Spot => (200, OpenInterest(state, market, query)),
                "premiumIndex" when market != BinanceServerMarket.Spot => (200, PremiumIndex(state, market, query)),
                "openInterestHist" => (200, OpenInterestHistory(state, market, query)),
                _ => (404, ErrorBody(-1000, $"Unknown endpoint {endpoint}.")),
            };
        }
        catch (BinanceErrorException error)
        {
            return (400, ErrorBody(error.Code, error.Message));
        }
    }

    private static byte[] ExchangeInfo(BinanceRestState state, BinanceServerMarket market, IQueryCollection query)
    {
        var body = state.Data.ExchangeInfo(market) ?? throw new BinanceErrorException(-1000, "No exchangeInfo recorded for this market.");
        var wanted = new List<string>();
        if (query["symbol"] is { Count: > 0 } one)
        {
            wanted.Add(one.ToString());
        }
        else if (query["symbols"] is { Count: > 0 } many)
        {
            wanted.AddRange(JsonSerializer.Deserialize<string[]>(many.ToString()) ?? []);
        }

        var limit = state.WeightLimitOverride(market);
        if (wanted.Count == 0 && limit is null)
        {
            return body;
        }

        var root = JsonNode.Parse(body)!.AsObject();
        if (limit is { } weightLimit)
        {
            foreach (var rule in root["rateLimits"]!.AsArray())
            {
                if ((string?)rule!["rateLimitType"] == "REQUEST_WEIGHT")
                {
                    rule["limit"] = weightLimit;
                }
            }
        }

        if (wanted.Count > 0)
        {
            var symbols = root["symbols"]!.AsArray();
            var kept = new JsonArray();
            foreach (var name in wanted)
            {
                var match = symbols.FirstOrDefault(s => (string?)s!["symbol"] == name) ?? throw new BinanceErrorException(-1121, "Invalid symbol.");
                kept.Add(match.DeepClone());
            }

            root["symbols"] = kept;
        }

        return Utf8(root.ToJsonString());
    }

    private static byte[] Depth(BinanceRestState state, BinanceServerMarket market, IQueryCollection query)
    {
        var symbol = RequiredSymbol(state, market, query);
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? l : market == BinanceServerMarket.Spot ? 100 : 500;
        if (market == BinanceServerMarket.Spot ? limit < 1 : Array.IndexOf([5, 10, 20, 50, 100, 500, 1000], limit) < 0)
        {
            throw new BinanceErrorException(-1130, "Data sent for parameter 'limit' is not valid.");
        }

        limit = Math.Min(limit, 5000);
        if (state.Data.RecordedDepth(market, symbol.Symbol) is { } recorded)
        {
            using var document = JsonDocument.Parse(recorded);
            if (document.RootElement.GetProperty("bids").GetArrayLength() <= limit && document.RootElement.GetProperty("asks").GetArrayLength() <= limit)
            {
                return recorded;
            }

            var root = JsonNode.Parse(recorded)!.AsObject();
            foreach (var side in (ReadOnlySpan<string>)["bids", "asks"])
            {
                var levels = root[side]!.AsArray();
                while (levels.Count > limit)
                {
                    levels.RemoveAt(levels.Count - 1);
                }
            }

            return Utf8(root.ToJsonString());
        }

        var now = state.ServerNow.ToUnixTimeMilliseconds();
        var mid = state.Synthetic.PriceAt(symbol, now);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{{\"lastUpdateId\":{now * 10}");
        if (market != BinanceServerMarket.Spot)
        {
            text.Append(CultureInfo.InvariantCulture, $",\"E\":{now},\"T\":{now - 2}");
        }

        if (market == BinanceServerMarket.CoinM)
        {
            text.Append(CultureInfo.InvariantCulture, $",\"symbol\":\"{symbol.Symbol}\",\"pair\":\"{symbol.Pair}\"");
        }

        foreach (var (side, sign) in (ReadOnlySpan<(string, int)>)[("bids", -1), ("asks", 1)])
        {
            text.Append(CultureInfo.InvariantCulture, $",\"{side}\":[");
            for (var i = 0; i < limit; i++)
            {
                var price = mid + (sign * (i + 1) * symbol.TickSize);
                if (price <= 0)
                {
                    break;
                }

                var size = 1m + (i % 7);
                text.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"[\"{BinanceSyntheticMarketData.P(symbol, price)}\",\"{BinanceSyntheticMarketData.Q(symbol, size)}\"]");
            }

            text.Append(']');
        }

        return Utf8(text.Append('}').ToString());
    }

    private static byte[] Klines(BinanceRestState state, BinanceServerMarket market, IQueryCollection query)
    {
        var symbol = RequiredSymbol(state, market, query);
        var interval = query["interval"].ToString();
        if (BinanceSyntheticMarketData.IntervalMs(interval) < 0)
        {
            throw new BinanceErrorException(-1120, "Invalid interval.");
        }

        var max = market == BinanceServerMarket.Spot ? 1000 : 1500;
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 500;
        if (limit < 1 || limit > max)
        {
            throw new BinanceErrorException(-1130, "Data sent for parameter 'limit' is not valid.");
        }

        var now = state.ServerNow.ToUnixTimeMilliseconds();
        long? start = long.TryParse(query["startTime"], CultureInfo.InvariantCulture, out var s) ? s : null;
        long? end = long.TryParse(query["endTime"], CultureInfo.InvariantCulture, out var e) ? e : null;
        var listing = state.ListingTime.ToUnixTimeMilliseconds();
        var opens = new List<long>();
        if (market == BinanceServerMarket.CoinM)
        {
            // COIN-M: the newest `limit` klines between startTime and endTime, at most 200 days apart.
            if (start is { } a && end is { } b && b - a > 200 * Day)
            {
                throw new BinanceErrorException(-1127, "More than 200 days between startTime and endTime.");
            }

            var to = Math.Min(end ?? (start is { } from ? from + (200 * Day) : now), now);
            var lowest = Math.Max(start ?? to - (200 * Day), listing);
            Backward(state, market, symbol, interval, lowest, to, limit, opens);
        }
        else if (start is { } from)
        {
            for (var open = BinanceSyntheticMarketData.AlignUp(interval, Math.Max(from, listing)); open <= Math.Min(end ?? now, now) && opens.Count < limit; open = BinanceSyntheticMarketData.Next(interval, open))
            {
                if (!state.IsKlineRemoved(market, symbol.Symbol, open))
                {
                    opens.Add(open);
                }
            }
        }
        else
        {
            Backward(state, market, symbol, interval, listing, Math.Min(end ?? now, now), limit, opens);
        }

        var text = new StringBuilder("[");
        for (var i = 0; i < opens.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(state.Synthetic.Kline(symbol, interval, opens[i], now));
        }

        return Utf8(text.Append(']').ToString());
    }

    /// <summary>The newest <paramref name="limit"/> open times in [<paramref name="lowest"/>, <paramref name="to"/>], ascending.</summary>
    private static void Backward(BinanceRestState state, BinanceServerMarket market, BinanceRestSymbol symbol, string interval, long lowest, long to, int limit, List<long> opens)
    {
        var aligned = BinanceSyntheticMarketData.AlignUp(interval, to);
        var open = aligned > to ? BinanceSyntheticMarketData.Previous(interval, aligned) : aligned;
        for (; open >= lowest && opens.Count < limit; open = BinanceSyntheticMarketData.Previous(interval, open))
        {
            if (!state.IsKlineRemoved(market, symbol.Symbol, open))
            {
                opens.Add(open);
            }
        }

        opens.Reverse();
    }

    private static byte[] FundingRates(BinanceRestState state, BinanceServerMarket market, IQueryCollection query)
    {
        var symbol = RequiredSymbol(state, market, query);
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 100;
        if (limit is < 1 or > 1000)
        {
            throw new BinanceErrorException(-1130, "Data sent for parameter 'limit' is not valid.");
        }

        if (!symbol.IsPerpetual)
        {
            return "[]"u8.ToArray(); // delivery contracts have no funding
        }

        var now = state.ServerNow.ToUnixTimeMilliseconds();
        long? start = long.TryParse(query["startTime"], CultureInfo.InvariantCulture, out var s) ? s : null;
        var end = Math.Min(long.TryParse(query["endTime"], CultureInfo.InvariantCulture, out var e) ? e : now, now);
        var listing = state.ListingTime.ToUnixTimeMilliseconds();
        var times = start is { } from
            ? state.Synthetic.FundingTimes(symbol, Math.Max(from, listing), end).Take(limit).ToList()
            : state.Synthetic.FundingTimes(symbol, Math.Max(listing, end - (limit * 8 * 3_600_000L) - 3_600_000), end).TakeLast(limit).ToList();
        var text = new StringBuilder("[");
        for (var i = 0; i < times.Count; i++)
        {
            var rate = state.Synthetic.FundingRate(symbol, times[i]).ToString("F8", CultureInfo.InvariantCulture);
            text.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"{{\"symbol\":\"{symbol.Symbol}\",\"fundingTime\":{times[i]},\"fundingRate\":\"{rate}\"");
            if (market == BinanceServerMarket.UsdM)
            {
                text.Append(CultureInfo.InvariantCulture, $",\"markPrice\":\"{state.Synthetic.PriceAt(symbol, times[i]).ToString("F8", CultureInfo.InvariantCulture)}\"");
            }

            text.Append('}');
        }

        return Utf8(text.Append(']').ToString());
    }

    private static byte[] OpenInterest(BinanceRestState state, BinanceServerMarket market, IQueryCollection query)
    {
        var symbol = RequiredSymbol(state, market, query);
        var now = state.ServerNow.ToUnixTimeMilliseconds();
        var quantity = BinanceSyntheticMarketData.Q(symbol, state.Synthetic.OpenInterest(symbol, now));
        return Utf8(market == BinanceServerMarket.CoinM
            ? $"{{\"symbol\":\"{symbol.Symbol}\",\"pair\":\"{symbol.Pair}\",\"openInterest\":\"{quantity}\",\"contractType\":\"{symbol.ContractType}\",\"time\":{now}}}"
            : $"{{\"openInterest\":\"{quantity}\",\"symbol\":\"{symbol.Symbol}\",\"time\":{now}}}");
    }

    private static byte[] PremiumIndex(BinanceRestState state, BinanceServerMarket market, IQueryCollection query)
    {
        var symbol = RequiredSymbol(state, market, query);
        var now = state.ServerNow.ToUnixTimeMilliseconds();
        var mark = state.Synthetic.PriceAt(symbol, now);
        var index = mark - symbol.TickSize;
        var nextFunding = symbol.IsPerpetual ? BinanceSyntheticMarketData.AlignUp("8h", now + 1) : 0;
        var rate = symbol.IsPerpetual ? state.Synthetic.FundingRate(symbol, nextFunding).ToString("F8", CultureInfo.InvariantCulture) : string.Empty;
        var interest = symbol.IsPerpetual ? "0.00010000" : string.Empty;
        var entry = string.Create(CultureInfo.InvariantCulture, $"{{\"symbol\":\"{symbol.Symbol}\",{(market == BinanceServerMarket.CoinM ? $"\"pair\":\"{symbol.Pair}\"," : string.Empty)}\"markPrice\":\"{mark.ToString("F8", CultureInfo.InvariantCulture)}\",\"indexPrice\":\"{index.ToString("F8", CultureInfo.InvariantCulture)}\",\"estimatedSettlePrice\":\"{index.ToString("F8", CultureInfo.InvariantCulture)}\",\"lastFundingRate\":\"{rate}\",\"interestRate\":\"{interest}\",\"nextFundingTime\":{nextFunding},\"time\":{now}}}");
        return Utf8(market == BinanceServerMarket.CoinM ? $"[{entry}]" : entry);
    }

    private static byte[] OpenInterestHistory(BinanceRestState state, BinanceServerMarket market, IQueryCollection query)
    {
        BinanceRestSymbol symbol;
        if (market == BinanceServerMarket.CoinM)
        {
            var pair = query["pair"].ToString();
            var type = query["contractType"].ToString();
            symbol = state.Data.ExchangeInfo(market) is null
                ? throw new BinanceErrorException(-1121, "Invalid symbol.")
                : FindCoinM(state, pair, type);
        }
        else
        {
            symbol = RequiredSymbol(state, market, query);
        }

        var period = query["period"].ToString();
        var length = BinanceSyntheticMarketData.IntervalMs(period);
        if (length <= 0 || length < 300_000 || length > Day)
        {
            throw new BinanceErrorException(-1130, "Data sent for parameter 'period' is not valid.");
        }

        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 30;
        var now = state.ServerNow.ToUnixTimeMilliseconds();
        var oldest = now - (30 * Day);
        long? start = long.TryParse(query["startTime"], CultureInfo.InvariantCulture, out var s) ? s : null;
        var end = Math.Min(long.TryParse(query["endTime"], CultureInfo.InvariantCulture, out var e) ? e : now, now);
        var times = new List<long>();
        if (start is { } from)
        {
            for (var t = BinanceSyntheticMarketData.AlignUp(period, Math.Max(from, oldest)); t <= end && times.Count < limit; t += length)
            {
                times.Add(t);
            }
        }
        else
        {
            for (var t = end - (end % length); t >= oldest && times.Count < limit; t -= length)
            {
                times.Add(t);
            }

            times.Reverse();
        }

        var text = new StringBuilder("[");
        for (var i = 0; i < times.Count; i++)
        {
            var quantity = state.Synthetic.OpenInterest(symbol, times[i]);
            var value = Math.Round(quantity * state.Synthetic.PriceAt(symbol, times[i]), 8).ToString("F8", CultureInfo.InvariantCulture);
            var head = market == BinanceServerMarket.CoinM
                ? $"\"pair\":\"{symbol.Pair}\",\"contractType\":\"{symbol.ContractType}\""
                : $"\"symbol\":\"{symbol.Symbol}\"";
            text.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"{{{head},\"sumOpenInterest\":\"{BinanceSyntheticMarketData.Q(symbol, quantity)}\",\"sumOpenInterestValue\":\"{value}\",\"timestamp\":{times[i]}}}");
        }

        return Utf8(text.Append(']').ToString());
    }

    private static BinanceRestSymbol FindCoinM(BinanceRestState state, string pair, string contractType)
    {
        foreach (var name in new[] { pair + "_PERP" })
        {
            if (state.Data.Symbol(BinanceServerMarket.CoinM, name) is { } symbol && symbol.ContractType == contractType)
            {
                return symbol;
            }
        }

        throw new BinanceErrorException(-1121, "Invalid symbol.");
    }

    private static BinanceRestSymbol RequiredSymbol(BinanceRestState state, BinanceServerMarket market, IQueryCollection query)
    {
        var name = query["symbol"].ToString();
        if (string.IsNullOrEmpty(name))
        {
            throw new BinanceErrorException(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
        }

        return state.Data.Symbol(market, name) ?? throw new BinanceErrorException(-1121, "Invalid symbol.");
    }

    private static void SetUsedWeight(HttpResponse response, BinanceServerMarket market, int used)
    {
        var text = used.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-MBX-USED-WEIGHT-1M"] = text;
        if (market == BinanceServerMarket.Spot)
        {
            response.Headers["X-MBX-USED-WEIGHT"] = text; // spot also sends the legacy header without an interval
        }
    }

    private static Task WriteErrorAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(ErrorBody(code, message), context.RequestAborted).AsTask();
    }

    private static byte[] ErrorBody(int code, string message) =>
        Utf8($"{{\"code\":{code.ToString(CultureInfo.InvariantCulture)},\"msg\":{JsonSerializer.Serialize(message)}}}");

    private static void Record(BinanceRestState state, DateTimeOffset arrived, BinanceServerMarket market, string endpoint, HttpContext context, int weight, int used, BinanceRestFaultKind? fault, int status) =>
        state.Record(new BinanceRestRequestRecord(0, arrived, market, endpoint, context.Request.QueryString.Value ?? string.Empty, weight, used, status, fault));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A request Binance would refuse with a 400 and this code.</summary>
    private sealed class BinanceErrorException(int code, string message) : Exception(message)
    {
        public int Code { get; } = code;
    }
}
