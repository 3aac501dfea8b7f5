using System.Text.Json;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.PaperVenue.Exchange;
using FlowSight.Venues.Okx.Parsing;
using Microsoft.AspNetCore.Builder;

namespace FlowSight.PaperVenue.Okx.Rest;

/// <summary>
/// OKX's public REST: <c>public/instruments</c>, <c>public/time</c>, <c>market/books</c>, <c>market/ticker(s)</c>,
/// <c>market/candles</c>, <c>market/history-candles</c>, <c>market/trades</c>, <c>public/funding-rate</c>,
/// <c>public/funding-rate-history</c>, <c>public/mark-price</c>. Limits per 2 s per IP as OKX documents them.
/// </summary>
internal sealed class OkxMarketEndpoints(OkxRestPipeline pipeline)
{
    private const long Minute = 60_000_000_000L;
    private const long FundingPeriod = 8 * 60 * Minute;
    private const long MaxMs = long.MaxValue / 1_000_000L;
    private readonly PaperExchange _exchange = pipeline.Exchange;

    /// <summary>Maps the routes.</summary>
    public void Map(WebApplication app)
    {
        pipeline.Public(app, "/api/v5/public/instruments", 20, Instruments);
        pipeline.Public(app, "/api/v5/public/time", 10, _ => Task.FromResult(OkxJson.Data(json =>
        {
            json.WriteStartObject();
            json.WriteString("ts", OkxText.Int(_exchange.WallClockMs));
            json.WriteEndObject();
        })));
        pipeline.Public(app, "/api/v5/market/books", 40, Books);
        pipeline.Public(app, "/api/v5/market/ticker", 20, call => Tickers(call, single: true));
        pipeline.Public(app, "/api/v5/market/tickers", 20, call => Tickers(call, single: false));
        pipeline.Public(app, "/api/v5/market/candles", 40, call => Candles(call, 300));
        pipeline.Public(app, "/api/v5/market/history-candles", 20, call => Candles(call, 100));
        pipeline.Public(app, "/api/v5/market/trades", 100, Trades);
        pipeline.Public(app, "/api/v5/public/funding-rate", 20, FundingRate);
        pipeline.Public(app, "/api/v5/public/funding-rate-history", 10, FundingRateHistory);
        pipeline.Public(app, "/api/v5/public/mark-price", 10, MarkPrice);
    }

    private static void CheckSwapType(string? instType)
    {
        if (instType is not null and not ("SPOT" or "MARGIN" or "SWAP" or "FUTURES" or "OPTION"))
        {
            throw OkxApiException.Invalid("instType");
        }
    }

    private Task<byte[]> Instruments(OkxCall call)
    {
        var p = call.Parameters;
        var instType = p.Required("instType");
        CheckSwapType(instType);
        var instId = p.Get("instId");
        var family = p.Get("instFamily") ?? p.Get("uly");
        var listTime = OkxText.Ms(_exchange.Now - (30L * 24 * 60 * Minute));
        return Task.FromResult(OkxJson.Data(json =>
        {
            if (instType != "SWAP")
            {
                return;
            }

            foreach (var instrument in _exchange.Instruments)
            {
                var uly = OkxText.Underlying(instrument);
                if ((instId is not null && instId != instrument.VenueSymbol) || (family is not null && family != uly))
                {
                    continue;
                }

                json.WriteStartObject();
                Trading.OkxWriterFields.Strings(json,
                    ("alias", string.Empty),
                    ("auctionEndTime", string.Empty),
                    ("baseCcy", string.Empty),
                    ("category", "1"),
                    ("contTdSwTime", listTime),
                    ("ctMult", "1"),
                    ("ctType", "linear"),
                    ("ctVal", OkxText.Num(instrument.ContractMultiplier)),
                    ("ctValCcy", instrument.BaseAsset),
                    ("expTime", string.Empty),
                    ("futureSettlement", "false"),
                    ("instFamily", uly),
                    ("instId", instrument.VenueSymbol),
                    ("instIdCode", OkxText.Int(10_000 + _exchange.MarketOf(instrument.Id).Index)),
                    ("instType", "SWAP"),
                    ("lever", OkxText.Num(instrument.MaxLeverage)),
                    ("listTime", listTime),
                    ("lotSz", OkxText.Sz(instrument.StepSize)),
                    ("maxIcebergSz", OkxText.Num(instrument.MaxQuantity?.ToDecimal() ?? 100_000m)),
                    ("maxLmtAmt", "20000000"),
                    ("maxLmtSz", OkxText.Num(instrument.MaxQuantity?.ToDecimal() ?? 100_000m)),
                    ("maxMktAmt", string.Empty),
                    ("maxMktSz", OkxText.Num(instrument.MaxQuantity?.ToDecimal() ?? 100_000m)),
                    ("maxStopSz", OkxText.Num(instrument.MaxQuantity?.ToDecimal() ?? 100_000m)),
                    ("maxTriggerSz", OkxText.Num(instrument.MaxQuantity?.ToDecimal() ?? 100_000m)),
                    ("maxTwapSz", OkxText.Num(instrument.MaxQuantity?.ToDecimal() ?? 100_000m)),
                    ("minSz", OkxText.Sz(instrument.MinQuantity)),
                    ("openType", string.Empty),
                    ("optType", string.Empty),
                    ("quoteCcy", string.Empty),
                    ("ruleType", "normal"),
                    ("settleCcy", instrument.SettleAsset),
                    ("state", "live"),
                    ("stk", string.Empty),
                    ("tickSz", OkxText.Num(instrument.TickSize.ToDecimal())),
                    ("tradeQuoteCcyList", string.Empty),
                    ("uly", uly));
                json.WriteEndObject();
            }
        }));
    }

    private PaperMarket Market(OkxParameters p)
    {
        var instId = p.Required("instId");
        return _exchange.TryGetMarket(instId, out var market) ? market : throw OkxApiException.UnknownInstrument();
    }

    private Task<byte[]> Books(OkxCall call)
    {
        var market = Market(call.Parameters);
        var depth = (int)call.Parameters.Long("sz", 1);
        if (depth < 1)
        {
            throw OkxApiException.Invalid("sz");
        }

        depth = Math.Min(depth, 400);
        return _exchange.InvokeAsync(() => OkxJson.Data(json =>
        {
            var levels = new BookLevel[depth];
            json.WriteStartObject();
            WriteLevels(json, "asks", levels.AsSpan(0, market.Book.Levels.CopyLevels(OrderSide.Sell, levels)));
            WriteLevels(json, "bids", levels.AsSpan(0, market.Book.Levels.CopyLevels(OrderSide.Buy, levels)));
            json.WriteString("ts", OkxText.Ms(_exchange.Now));
            json.WriteEndObject();
        }));
    }

    private static void WriteLevels(Utf8JsonWriter json, string name, ReadOnlySpan<BookLevel> levels)
    {
        json.WriteStartArray(name);
        foreach (var level in levels)
        {
            json.WriteStartArray();
            json.WriteStringValue(OkxText.Px(level.Price));
            json.WriteStringValue(OkxText.Sz(level.Size));
            json.WriteStringValue("0");
            json.WriteStringValue("1");
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    private Task<byte[]> Tickers(OkxCall call, bool single)
    {
        PaperMarket? only = null;
        if (single)
        {
            only = Market(call.Parameters);
        }
        else
        {
            var instType = call.Parameters.Required("instType");
            CheckSwapType(instType);
            if (instType != "SWAP")
            {
                return Task.FromResult(OkxJson.Data(static _ => { }));
            }
        }

        return _exchange.InvokeAsync(() => OkxJson.Data(json =>
        {
            foreach (var market in _exchange.Markets)
            {
                if (only is null || only == market)
                {
                    WriteTicker(json, _exchange, market);
                }
            }
        }));
    }

    /// <summary>One <c>tickers</c> object (REST and the tickers channel; exchange thread).</summary>
    public static void WriteTicker(Utf8JsonWriter json, PaperExchange exchange, PaperMarket market)
    {
        var now = exchange.Now;
        var levels = market.Book.Levels;
        Span<BookLevel> best = stackalloc BookLevel[1];
        var hasBid = levels.CopyLevels(OrderSide.Buy, best) > 0;
        var bid = best[0];
        var hasAsk = levels.CopyLevels(OrderSide.Sell, best) > 0;
        var ask = best[0];
        var day = market.Candles.Query(CandleInterval.OneMinute, now - (1440 * Minute) + Minute, null, 1440, now);
        decimal volume = 0m;
        Price open = default, high = default, low = default;
        foreach (var candle in day)
        {
            if (open.Raw == 0)
            {
                open = candle.Open;
                high = candle.High;
                low = candle.Low;
            }

            high = candle.High > high ? candle.High : high;
            low = candle.Low < low ? candle.Low : low;
            volume += candle.Volume.ToDecimal();
        }

        var hasLast = market.Trades.TryGetLast(out var last);
        var sod = market.Candles.Query(CandleInterval.OneDay, null, null, 1, now);
        json.WriteStartObject();
        Trading.OkxWriterFields.Strings(json,
            ("instType", "SWAP"),
            ("instId", market.Symbol),
            ("last", hasLast ? OkxText.Px(last.Price) : string.Empty),
            ("lastSz", hasLast ? OkxText.Sz(last.Size) : string.Empty),
            ("askPx", hasAsk ? OkxText.Px(ask.Price) : string.Empty),
            ("askSz", hasAsk ? OkxText.Sz(ask.Size) : string.Empty),
            ("bidPx", hasBid ? OkxText.Px(bid.Price) : string.Empty),
            ("bidSz", hasBid ? OkxText.Sz(bid.Size) : string.Empty),
            ("open24h", OkxText.Px(open)),
            ("high24h", OkxText.Px(high)),
            ("low24h", OkxText.Px(low)),
            ("volCcy24h", OkxText.Num(volume * market.Instrument.ContractMultiplier)),
            ("vol24h", OkxText.Num(volume)),
            ("sodUtc0", sod.Count > 0 ? OkxText.Px(sod[0].Open) : string.Empty),
            ("sodUtc8", sod.Count > 0 ? OkxText.Px(sod[0].Open) : string.Empty),
            ("ts", OkxText.Ms(now)));
        json.WriteEndObject();
    }

    private Task<byte[]> Candles(OkxCall call, int maxLimit)
    {
        var p = call.Parameters;
        var market = Market(p);
        var bar = p.Get("bar") ?? "1m";
        if (!OkxCandleIntervals.TryParse(System.Text.Encoding.ASCII.GetBytes(bar), out var interval)
            || interval.ToNanoseconds() < Minute || interval.ToNanoseconds() > 1440 * Minute)
        {
            throw OkxApiException.Invalid("bar");
        }

        var after = p.OptionalLong("after");
        var before = p.OptionalLong("before");
        if (after is < 0 or > MaxMs || before is < 0 or > MaxMs)
        {
            throw OkxApiException.Invalid(after is < 0 or > MaxMs ? "after" : "before");
        }

        var limit = p.Limit(100, maxLimit);
        return _exchange.InvokeAsync(() =>
        {
            var now = _exchange.Now;
            long? end = after is { } a ? (a * 1_000_000L) - 1 : null;
            long? start = before is { } b ? (b * 1_000_000L) + 1 : null;
            // OKX pages backwards: the newest `limit` candles older than `after` (and newer than `before`).
            var candles = market.Candles.Query(interval, null, end, start is null ? limit : 100_000, now);
            if (start is { } s)
            {
                candles.RemoveAll(c => c.OpenTime < s);
                if (candles.Count > limit)
                {
                    candles.RemoveRange(0, candles.Count - limit);
                }
            }

            var contract = market.Instrument.ContractMultiplier;
            return OkxJson.Data(json =>
            {
                for (var i = candles.Count - 1; i >= 0; i--)
                {
                    var c = candles[i];
                    json.WriteStartArray();
                    json.WriteStringValue(OkxText.Ms(c.OpenTime));
                    json.WriteStringValue(OkxText.Px(c.Open));
                    json.WriteStringValue(OkxText.Px(c.High));
                    json.WriteStringValue(OkxText.Px(c.Low));
                    json.WriteStringValue(OkxText.Px(c.Close));
                    json.WriteStringValue(OkxText.Sz(c.Volume));
                    json.WriteStringValue(OkxText.Num(c.Volume.ToDecimal() * contract));
                    json.WriteStringValue(OkxText.Num(decimal.Round(c.QuoteVolume, 8)));
                    json.WriteStringValue(c.IsClosedAt(now) ? "1" : "0");
                    json.WriteEndArray();
                }
            });
        });
    }

    private Task<byte[]> Trades(OkxCall call)
    {
        var market = Market(call.Parameters);
        var limit = call.Parameters.Limit(100, 500);
        return _exchange.InvokeAsync(() =>
        {
            var trades = market.Trades.Recent(limit);
            return OkxJson.Data(json =>
            {
                for (var i = trades.Count - 1; i >= 0; i--)
                {
                    WriteTrade(json, market, trades[i]);
                }
            });
        });
    }

    /// <summary>One public trade (REST and the trades channel).</summary>
    public static void WriteTrade(Utf8JsonWriter json, PaperMarket market, in TradeTick trade)
    {
        json.WriteStartObject();
        Trading.OkxWriterFields.Strings(json,
            ("instId", market.Symbol),
            ("tradeId", OkxText.Int(trade.TradeId)),
            ("px", OkxText.Px(trade.Price)),
            ("sz", OkxText.Sz(trade.Size)),
            ("side", trade.Aggressor == AggressorSide.Buyer ? "buy" : "sell"),
            ("source", "0"),
            ("ts", OkxText.Ms(trade.EventTime)));
        json.WriteEndObject();
    }

    private Task<byte[]> FundingRate(OkxCall call)
    {
        var market = Market(call.Parameters);
        return _exchange.InvokeAsync(() => OkxJson.Data(json => WriteFundingRate(json, _exchange, market)));
    }

    /// <summary>One <c>funding-rate</c> object (REST and the funding-rate channel).</summary>
    public static void WriteFundingRate(Utf8JsonWriter json, PaperExchange exchange, PaperMarket market)
    {
        var now = exchange.Now;
        var next = market.HasMark && market.Mark.NextFundingTime > 0 ? market.Mark.NextFundingTime : ((now / FundingPeriod) + 1) * FundingPeriod;
        var rate = market.HasMark ? market.Mark.FundingRate : exchange.Options.FundingRate;
        json.WriteStartObject();
        Trading.OkxWriterFields.Strings(json,
            ("formulaType", "noRate"),
            ("fundingRate", OkxText.Num(rate)),
            ("fundingTime", OkxText.Ms(next)),
            ("impactValue", string.Empty),
            ("instId", market.Symbol),
            ("instType", "SWAP"),
            ("interestRate", "0"),
            ("maxFundingRate", "0.0075"),
            ("method", "current_period"),
            ("minFundingRate", "-0.0075"),
            ("nextFundingRate", string.Empty),
            ("nextFundingTime", OkxText.Ms(next + FundingPeriod)),
            ("premium", "0"),
            ("settFundingRate", OkxText.Num(market.FundingHistory.Count > 0 ? market.FundingHistory[^1].Rate : rate)),
            ("settState", "settled"),
            ("sign", string.Empty),
            ("ts", OkxText.Ms(now)));
        json.WriteEndObject();
    }

    private Task<byte[]> FundingRateHistory(OkxCall call)
    {
        var p = call.Parameters;
        var market = Market(p);
        var after = p.OptionalLong("after");
        var before = p.OptionalLong("before");
        var limit = p.Limit(100, 400);
        return _exchange.InvokeAsync(() =>
        {
            var periods = market.FundingHistory
                .Where(f => (after is null || f.FundingTime / 1_000_000L < after) && (before is null || f.FundingTime / 1_000_000L > before))
                .Reverse().Take(limit).ToList();
            return OkxJson.Data(json =>
            {
                foreach (var f in periods)
                {
                    json.WriteStartObject();
                    Trading.OkxWriterFields.Strings(json,
                        ("formulaType", "noRate"),
                        ("fundingRate", OkxText.Num(f.Rate)),
                        ("fundingTime", OkxText.Ms(f.FundingTime)),
                        ("instId", market.Symbol),
                        ("instType", "SWAP"),
                        ("method", "current_period"),
                        ("realizedRate", OkxText.Num(f.Rate)));
                    json.WriteEndObject();
                }
            });
        });
    }

    private Task<byte[]> MarkPrice(OkxCall call)
    {
        var p = call.Parameters;
        var instType = p.Required("instType");
        CheckSwapType(instType);
        var instId = p.Get("instId");
        return _exchange.InvokeAsync(() => OkxJson.Data(json =>
        {
            if (instType != "SWAP")
            {
                return;
            }

            foreach (var market in _exchange.Markets)
            {
                if ((instId is null || instId == market.Symbol) && market.HasMark)
                {
                    WriteMarkPrice(json, market);
                }
            }
        }));
    }

    /// <summary>One <c>mark-price</c> object (REST and the mark-price channel).</summary>
    public static void WriteMarkPrice(Utf8JsonWriter json, PaperMarket market)
    {
        json.WriteStartObject();
        Trading.OkxWriterFields.Strings(json,
            ("instType", "SWAP"),
            ("instId", market.Symbol),
            ("markPx", OkxText.Px(market.Mark.Mark)),
            ("ts", OkxText.Ms(market.Mark.EventTime)));
        json.WriteEndObject();
    }
}
