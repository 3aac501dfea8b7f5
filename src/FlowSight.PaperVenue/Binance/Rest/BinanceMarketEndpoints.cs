using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Hosting;
using Microsoft.AspNetCore.Builder;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>
/// Binance's public market data REST endpoints on the paper exchange, USDⓈ-M (<c>/fapi/v1</c>) or spot
/// (<c>/api/v3</c>): ping, time, exchangeInfo, depth, trades, klines, the tickers, and on USDⓈ-M premiumIndex and
/// fundingRate. The depth snapshot's <c>lastUpdateId</c> is the published book's update id, the same sequence the
/// depth diff streams carry, read on the exchange thread together with the levels.
/// </summary>
internal sealed class BinanceMarketEndpoints(PaperExchange exchange, BinanceRestPipeline pipeline)
{
    private const long Day = 86_400_000_000_000L;
    private readonly bool _spot = exchange.Options.Venue == PaperVenueKind.BinanceSpot;

    public void Map(WebApplication app)
    {
        var p = _spot ? "/api/v3" : "/fapi/v1";
        var none = BinanceSecurity.None;
        pipeline.Map(app, "GET", p + "/ping", none, _ => 1, _ => Task.FromResult("{}"u8.ToArray()));
        pipeline.Map(app, "GET", p + "/time", none, _ => 1, _ => Task.FromResult(BinanceRestPipeline.Json(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("serverTime", exchange.WallClockMs);
            json.WriteEndObject();
        })));
        pipeline.Map(app, "GET", p + "/exchangeInfo", none, _ => _spot ? 20 : 1, ExchangeInfoAsync);
        pipeline.Map(app, "GET", p + "/depth", none, DepthWeight, DepthAsync);
        pipeline.Map(app, "GET", p + "/trades", none, _ => _spot ? 25 : 5, TradesAsync);
        pipeline.Map(app, "GET", p + "/aggTrades", none, _ => _spot ? 4 : 20, AggTradesAsync);
        pipeline.Map(app, "GET", p + "/klines", none, KlinesWeight, KlinesAsync);
        pipeline.Map(app, "GET", p + "/ticker/24hr", none, q => q.Get("symbol") is null ? (_spot ? 80 : 40) : (_spot ? 2 : 1), Ticker24hAsync);
        pipeline.Map(app, "GET", p + "/ticker/bookTicker", none, q => q.Get("symbol") is null ? (_spot ? 4 : 5) : 2, BookTickerAsync);
        pipeline.Map(app, "GET", p + "/ticker/price", none, q => q.Get("symbol") is null ? (_spot ? 4 : 2) : (_spot ? 2 : 1), PriceTickerAsync);
        if (_spot)
        {
            pipeline.Map(app, "GET", p + "/avgPrice", none, _ => 2, AveragePriceAsync);
        }
        else
        {
            pipeline.Map(app, "GET", "/fapi/v2/ticker/price", none, q => q.Get("symbol") is null ? 2 : 1, PriceTickerAsync);
            pipeline.Map(app, "GET", p + "/premiumIndex", none, q => q.Get("symbol") is null ? 10 : 1, PremiumIndexAsync);
            pipeline.Map(app, "GET", p + "/fundingRate", none, _ => 1, FundingRateAsync);
            pipeline.Map(app, "GET", p + "/openInterest", none, _ => 1, OpenInterestAsync);
        }
    }

    private int DepthWeight(BinanceParameters q)
    {
        var limit = q.Long("limit") ?? (_spot ? 100 : 500);
        return _spot
            ? limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250
            : limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
    }

    private int KlinesWeight(BinanceParameters q)
    {
        if (_spot)
        {
            return 2;
        }

        var limit = q.Long("limit") ?? 500;
        return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
    }

    private PaperMarket Market(BinanceParameters q) =>
        exchange.TryGetMarket(q.Required("symbol"), out var market) ? market : throw BinanceApiException.InvalidSymbol();

    /// <summary>The markets asked for: one with <c>symbol</c>, or all; null for the single-object answer.</summary>
    private IReadOnlyList<PaperMarket> Markets(BinanceParameters q, out bool single)
    {
        single = q.Get("symbol") is not null;
        return single ? [Market(q)] : exchange.Markets;
    }

    private Task<byte[]> ExchangeInfoAsync(BinanceRestCall call) => Task.FromResult(BinanceRestPipeline.Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("timezone", "UTC");
        json.WriteNumber("serverTime", exchange.WallClockMs);
        json.WritePropertyName("rateLimits");
        json.WriteStartArray();
        RateLimit(json, "REQUEST_WEIGHT", "MINUTE", 1, exchange.Options.RequestWeightPerMinute);
        RateLimit(json, "ORDERS", "MINUTE", 1, exchange.Options.OrdersPerMinute);
        RateLimit(json, "ORDERS", "SECOND", 10, exchange.Options.OrdersPer10Seconds);
        json.WriteEndArray();
        json.WritePropertyName("exchangeFilters");
        json.WriteStartArray();
        json.WriteEndArray();
        if (!_spot)
        {
            json.WritePropertyName("assets");
            json.WriteStartArray();
            foreach (var asset in exchange.Instruments.Select(i => i.SettleAsset).Distinct(StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("asset", asset);
                json.WriteBoolean("marginAvailable", true);
                json.WriteString("autoAssetExchange", "-10000");
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WritePropertyName("symbols");
        json.WriteStartArray();
        foreach (var instrument in exchange.Instruments)
        {
            if (_spot)
            {
                SpotSymbol(json, instrument);
            }
            else
            {
                FuturesSymbol(json, instrument);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }));

    private static void RateLimit(Utf8JsonWriter json, string type, string interval, int number, int limit)
    {
        json.WriteStartObject();
        json.WriteString("rateLimitType", type);
        json.WriteString("interval", interval);
        json.WriteNumber("intervalNum", number);
        json.WriteNumber("limit", limit);
        json.WriteEndObject();
    }

    private static void FuturesSymbol(Utf8JsonWriter json, Instrument i)
    {
        json.WriteStartObject();
        json.WriteString("symbol", i.VenueSymbol);
        json.WriteString("pair", i.VenueSymbol);
        json.WriteString("contractType", "PERPETUAL");
        json.WriteNumber("deliveryDate", 4133404800000L);
        json.WriteNumber("onboardDate", 1569398400000L);
        json.WriteString("status", "TRADING");
        json.WriteString("maintMarginPercent", "2.5000");
        json.WriteString("requiredMarginPercent", "5.0000");
        json.WriteString("baseAsset", i.BaseAsset);
        json.WriteString("quoteAsset", i.QuoteAsset);
        json.WriteString("marginAsset", i.SettleAsset);
        json.WriteNumber("pricePrecision", i.PricePrecision);
        json.WriteNumber("quantityPrecision", i.SizePrecision);
        json.WriteNumber("baseAssetPrecision", 8);
        json.WriteNumber("quotePrecision", 8);
        json.WriteString("underlyingType", "COIN");
        json.WritePropertyName("underlyingSubType");
        json.WriteStartArray();
        json.WriteEndArray();
        json.WriteNumber("settlePlan", 0);
        json.WriteString("triggerProtect", "0.0500");
        json.WriteString("liquidationFee", "0.012500");
        json.WriteString("marketTakeBound", "0.05");
        json.WriteNumber("maxMoveOrderLimit", 10000);
        json.WritePropertyName("filters");
        json.WriteStartArray();
        PriceFilter(json, i, spot: false);
        LotFilter(json, "LOT_SIZE", i, spot: false);
        LotFilter(json, "MARKET_LOT_SIZE", i, spot: false);
        json.WriteStartObject();
        json.WriteString("filterType", "MAX_NUM_ORDERS");
        json.WriteNumber("limit", 200);
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("filterType", "MAX_NUM_ALGO_ORDERS");
        json.WriteNumber("limit", 10);
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("filterType", "MIN_NOTIONAL");
        json.WriteString("notional", MinNotional(i));
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("filterType", "PERCENT_PRICE");
        json.WriteString("multiplierUp", "1.0500");
        json.WriteString("multiplierDown", "0.9500");
        json.WriteString("multiplierDecimal", "4");
        json.WriteEndObject();
        json.WriteEndArray();
        Strings(json, "orderTypes", "LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET");
        Strings(json, "timeInForce", "GTC", "IOC", "FOK", "GTX");
        json.WriteEndObject();
    }

    private static void SpotSymbol(Utf8JsonWriter json, Instrument i)
    {
        json.WriteStartObject();
        json.WriteString("symbol", i.VenueSymbol);
        json.WriteString("status", "TRADING");
        json.WriteString("baseAsset", i.BaseAsset);
        json.WriteNumber("baseAssetPrecision", 8);
        json.WriteString("quoteAsset", i.QuoteAsset);
        json.WriteNumber("quotePrecision", 8);
        json.WriteNumber("quoteAssetPrecision", 8);
        json.WriteNumber("baseCommissionPrecision", 8);
        json.WriteNumber("quoteCommissionPrecision", 8);
        Strings(json, "orderTypes", "LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT");
        json.WriteBoolean("icebergAllowed", false);
        json.WriteBoolean("ocoAllowed", false);
        json.WriteBoolean("otoAllowed", false);
        json.WriteBoolean("quoteOrderQtyMarketAllowed", true);
        json.WriteBoolean("allowTrailingStop", false);
        json.WriteBoolean("cancelReplaceAllowed", false);
        json.WriteBoolean("amendAllowed", false);
        json.WriteBoolean("isSpotTradingAllowed", true);
        json.WriteBoolean("isMarginTradingAllowed", false);
        json.WritePropertyName("filters");
        json.WriteStartArray();
        PriceFilter(json, i, spot: true);
        LotFilter(json, "LOT_SIZE", i, spot: true);
        LotFilter(json, "MARKET_LOT_SIZE", i, spot: true);
        json.WriteStartObject();
        json.WriteString("filterType", "NOTIONAL");
        json.WriteString("minNotional", BinanceRestFormat.Text(i.MinNotional.ToDecimal()));
        json.WriteBoolean("applyMinToMarket", true);
        json.WriteString("maxNotional", "9000000.00000000");
        json.WriteBoolean("applyMaxToMarket", false);
        json.WriteNumber("avgPriceMins", 5);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WritePropertyName("permissions");
        json.WriteStartArray();
        json.WriteEndArray();
        json.WritePropertyName("permissionSets");
        json.WriteStartArray();
        Strings(json, null, "SPOT");
        json.WriteEndArray();
        json.WriteString("defaultSelfTradePreventionMode", "NONE");
        Strings(json, "allowedSelfTradePreventionModes", "NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH");
        json.WriteEndObject();
    }

    private static string MinNotional(Instrument i) => i.MinNotional.ToDecimal().ToString("0.########", System.Globalization.CultureInfo.InvariantCulture);

    private static void PriceFilter(Utf8JsonWriter json, Instrument i, bool spot)
    {
        json.WriteStartObject();
        json.WriteString("filterType", "PRICE_FILTER");
        BinanceRestFormat.Write(json, "minPrice", i.TickSize, spot);
        BinanceRestFormat.Write(json, "maxPrice", Price.FromDecimal(10_000_000m, i.PricePrecision), spot);
        BinanceRestFormat.Write(json, "tickSize", i.TickSize, spot);
        json.WriteEndObject();
    }

    private static void LotFilter(Utf8JsonWriter json, string type, Instrument i, bool spot)
    {
        json.WriteStartObject();
        json.WriteString("filterType", type);
        BinanceRestFormat.Write(json, "minQty", i.MinQuantity, spot);
        BinanceRestFormat.Write(json, "maxQty", i.MaxQuantity ?? Quantity.FromDecimal(1_000_000m, i.SizePrecision), spot);
        BinanceRestFormat.Write(json, "stepSize", i.StepSize, spot);
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string? name, params string[] values)
    {
        if (name is not null)
        {
            json.WritePropertyName(name);
        }

        json.WriteStartArray();
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private Task<byte[]> DepthAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var market = Market(q);
        var limit = q.Int("limit", 1, _spot ? 5000 : 1000) ?? (_spot ? 100 : 500);
        return exchange.InvokeAsync(() =>
        {
            var book = market.Book;
            var bids = new BookLevel[Math.Min(limit, book.Levels.BidCount)];
            var asks = new BookLevel[Math.Min(limit, book.Levels.AskCount)];
            book.Levels.CopyLevels(OrderSide.Buy, bids);
            book.Levels.CopyLevels(OrderSide.Sell, asks);
            var updateId = book.UpdateId;
            var eventMs = exchange.WallClockMs;
            var transactionMs = BinanceRestFormat.Ms(book.LastChangeTime);
            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartObject();
                json.WriteNumber("lastUpdateId", updateId);
                if (!_spot)
                {
                    json.WriteNumber("E", eventMs);
                    json.WriteNumber("T", transactionMs);
                }

                Levels(json, "bids", bids);
                Levels(json, "asks", asks);
                json.WriteEndObject();
            });
        });
    }

    private void Levels(Utf8JsonWriter json, string name, BookLevel[] levels)
    {
        json.WritePropertyName(name);
        json.WriteStartArray();
        foreach (var level in levels)
        {
            json.WriteStartArray();
            BinanceRestFormat.Value(json, level.Price, _spot);
            BinanceRestFormat.Value(json, level.Size, _spot);
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    private Task<byte[]> TradesAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var market = Market(q);
        var limit = q.Int("limit", 1, 1000) ?? 500;
        return exchange.InvokeAsync(() => BinanceRestPipeline.Json(json =>
        {
            json.WriteStartArray();
            foreach (var trade in market.Trades.Recent(limit))
            {
                json.WriteStartObject();
                json.WriteNumber("id", trade.TradeId);
                BinanceRestFormat.Write(json, "price", trade.Price, _spot);
                BinanceRestFormat.Write(json, "qty", trade.Size, _spot);
                BinanceRestFormat.Write(json, "quoteQty", trade.Price.ToDecimal() * trade.Size.ToDecimal() * market.Instrument.ContractMultiplier, _spot ? 8 : market.Instrument.PricePrecision);
                json.WriteNumber("time", BinanceRestFormat.Ms(trade.EventTime));
                json.WriteBoolean("isBuyerMaker", trade.Aggressor == AggressorSide.Seller);
                if (_spot)
                {
                    json.WriteBoolean("isBestMatch", true);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }));
    }

    /// <summary>Aggregate trades: every trade of the paper book is its own aggregate (a = f = l = the trade id), as the streams publish them.</summary>
    private Task<byte[]> AggTradesAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var market = Market(q);
        var limit = q.Int("limit", 1, 1000) ?? 500;
        var fromId = q.Long("fromId");
        var start = q.Long("startTime");
        var end = q.Long("endTime");
        return exchange.InvokeAsync(() =>
        {
            var trades = market.Trades.Recent(1000)
                .Where(t => (fromId is null || t.TradeId >= fromId)
                    && (start is null || BinanceRestFormat.Ms(t.EventTime) >= start)
                    && (end is null || BinanceRestFormat.Ms(t.EventTime) <= end))
                .ToList();
            var page = fromId is not null || start is not null ? trades.Take(limit) : trades.Skip(Math.Max(0, trades.Count - limit));
            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartArray();
                foreach (var trade in page)
                {
                    json.WriteStartObject();
                    json.WriteNumber("a", trade.TradeId);
                    BinanceRestFormat.Write(json, "p", trade.Price, _spot);
                    BinanceRestFormat.Write(json, "q", trade.Size, _spot);
                    json.WriteNumber("f", trade.TradeId);
                    json.WriteNumber("l", trade.TradeId);
                    json.WriteNumber("T", BinanceRestFormat.Ms(trade.EventTime));
                    json.WriteBoolean("m", trade.Aggressor == AggressorSide.Seller);
                    if (_spot)
                    {
                        json.WriteBoolean("M", true);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            });
        });
    }

    private Task<byte[]> KlinesAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var market = Market(q);
        var intervalText = q.Required("interval");
        CandleInterval interval;
        try
        {
            interval = CandleIntervalExtensions.ParseCode(intervalText);
            if (interval.ToNanoseconds() < 60_000_000_000L || interval.ToNanoseconds() > Day)
            {
                throw new FormatException();
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            throw new BinanceApiException(-1120, "Invalid interval.");
        }

        var limit = q.Int("limit", 1, _spot ? 1000 : 1500) ?? 500;
        var start = q.Long("startTime");
        var end = q.Long("endTime");
        if (start is { } s && end is { } e && s > e)
        {
            throw new BinanceApiException(-1023, "Start time is greater than end time.");
        }

        return exchange.InvokeAsync(() =>
        {
            var candles = market.Candles.Query(interval, start * 1_000_000L, end * 1_000_000L, limit, exchange.Now);
            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartArray();
                foreach (var c in candles)
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(BinanceRestFormat.Ms(c.OpenTime));
                    BinanceRestFormat.Value(json, c.Open, _spot);
                    BinanceRestFormat.Value(json, c.High, _spot);
                    BinanceRestFormat.Value(json, c.Low, _spot);
                    BinanceRestFormat.Value(json, c.Close, _spot);
                    BinanceRestFormat.Value(json, c.Volume, _spot);
                    json.WriteNumberValue(BinanceRestFormat.Ms(c.CloseTime) - 1);
                    BinanceRestFormat.Value(json, c.QuoteVolume, _spot ? 8 : 4);
                    json.WriteNumberValue(c.TradeCount);
                    BinanceRestFormat.Value(json, c.TakerBuyVolume, _spot);
                    BinanceRestFormat.Value(json, c.TakerBuyQuoteVolume, _spot ? 8 : 4);
                    json.WriteStringValue("0");
                    json.WriteEndArray();
                }

                json.WriteEndArray();
            });
        });
    }

    private Task<byte[]> Ticker24hAsync(BinanceRestCall call)
    {
        var markets = Markets(call.Parameters, out var single);
        return exchange.InvokeAsync(() => BinanceRestPipeline.Json(json =>
        {
            if (!single)
            {
                json.WriteStartArray();
            }

            foreach (var market in markets)
            {
                Ticker24h(json, market);
            }

            if (!single)
            {
                json.WriteEndArray();
            }
        }));
    }

    private void Ticker24h(Utf8JsonWriter json, PaperMarket market)
    {
        var now = exchange.Now;
        var candles = market.Candles.Query(CandleInterval.OneMinute, now - Day + 60_000_000_000L, null, 1440, now);
        var instrument = market.Instrument;
        var hasLast = market.Trades.TryGetLast(out var last);
        Price open = default, high = default, low = default;
        decimal volume = 0, quote = 0;
        long count = 0;
        foreach (var c in candles)
        {
            if (c.TradeCount == 0)
            {
                continue;
            }

            if (count == 0)
            {
                open = c.Open;
                high = c.High;
                low = c.Low;
            }

            high = c.High > high ? c.High : high;
            low = c.Low < low ? c.Low : low;
            volume += c.Volume.ToDecimal();
            quote += c.QuoteVolume;
            count += c.TradeCount;
        }

        var lastPrice = hasLast ? last.Price.ToDecimal() : 0m;
        var openPrice = count > 0 ? open.ToDecimal() : lastPrice;
        var change = lastPrice - openPrice;
        var pd = _spot ? 8 : instrument.PricePrecision;
        json.WriteStartObject();
        json.WriteString("symbol", instrument.VenueSymbol);
        BinanceRestFormat.Write(json, "priceChange", change, pd);
        BinanceRestFormat.Write(json, "priceChangePercent", openPrice == 0 ? 0 : change / openPrice * 100m, 3);
        BinanceRestFormat.Write(json, "weightedAvgPrice", volume == 0 ? lastPrice : quote / volume / instrument.ContractMultiplier, pd);
        if (_spot)
        {
            BinanceRestFormat.Write(json, "prevClosePrice", openPrice, pd);
        }

        BinanceRestFormat.Write(json, "lastPrice", lastPrice, pd);
        BinanceRestFormat.Write(json, "lastQty", hasLast ? last.Size.ToDecimal() : 0m, _spot ? 8 : instrument.SizePrecision);
        if (_spot)
        {
            var levels = market.Book.Levels;
            var hasBid = levels.TryGetBestBid(out var bid);
            var hasAsk = levels.TryGetBestAsk(out var ask);
            BinanceRestFormat.Write(json, "bidPrice", hasBid ? bid.Price.ToDecimal() : 0m, pd);
            BinanceRestFormat.Write(json, "bidQty", hasBid ? bid.Size.ToDecimal() : 0m, 8);
            BinanceRestFormat.Write(json, "askPrice", hasAsk ? ask.Price.ToDecimal() : 0m, pd);
            BinanceRestFormat.Write(json, "askQty", hasAsk ? ask.Size.ToDecimal() : 0m, 8);
        }

        BinanceRestFormat.Write(json, "openPrice", openPrice, pd);
        BinanceRestFormat.Write(json, "highPrice", count > 0 ? high.ToDecimal() : lastPrice, pd);
        BinanceRestFormat.Write(json, "lowPrice", count > 0 ? low.ToDecimal() : lastPrice, pd);
        BinanceRestFormat.Write(json, "volume", volume, _spot ? 8 : instrument.SizePrecision);
        BinanceRestFormat.Write(json, "quoteVolume", quote, _spot ? 8 : 2);
        var nowMs = BinanceRestFormat.Ms(now);
        json.WriteNumber("openTime", nowMs - 86_400_000L);
        json.WriteNumber("closeTime", nowMs);
        var lastId = hasLast ? last.TradeId : -1;
        json.WriteNumber("firstId", count > 0 ? Math.Max(0, lastId - count + 1) : -1);
        json.WriteNumber("lastId", count > 0 ? lastId : -1);
        json.WriteNumber("count", count);
        json.WriteEndObject();
    }

    private Task<byte[]> BookTickerAsync(BinanceRestCall call)
    {
        var markets = Markets(call.Parameters, out var single);
        return exchange.InvokeAsync(() => BinanceRestPipeline.Json(json =>
        {
            if (!single)
            {
                json.WriteStartArray();
            }

            foreach (var market in markets)
            {
                var levels = market.Book.Levels;
                var hasBid = levels.TryGetBestBid(out var bid);
                var hasAsk = levels.TryGetBestAsk(out var ask);
                var i = market.Instrument;
                json.WriteStartObject();
                json.WriteString("symbol", i.VenueSymbol);
                BinanceRestFormat.Write(json, "bidPrice", hasBid ? bid.Price : Price.Zero(i.PricePrecision), _spot);
                BinanceRestFormat.Write(json, "bidQty", hasBid ? bid.Size : Quantity.FromRaw(0, i.SizePrecision), _spot);
                BinanceRestFormat.Write(json, "askPrice", hasAsk ? ask.Price : Price.Zero(i.PricePrecision), _spot);
                BinanceRestFormat.Write(json, "askQty", hasAsk ? ask.Size : Quantity.FromRaw(0, i.SizePrecision), _spot);
                if (!_spot)
                {
                    json.WriteNumber("time", BinanceRestFormat.Ms(market.Book.LastChangeTime));
                    json.WriteNumber("lastUpdateId", market.Book.UpdateId);
                }

                json.WriteEndObject();
            }

            if (!single)
            {
                json.WriteEndArray();
            }
        }));
    }

    private Task<byte[]> PriceTickerAsync(BinanceRestCall call)
    {
        var markets = Markets(call.Parameters, out var single);
        return exchange.InvokeAsync(() => BinanceRestPipeline.Json(json =>
        {
            if (!single)
            {
                json.WriteStartArray();
            }

            foreach (var market in markets)
            {
                var hasLast = market.Trades.TryGetLast(out var last);
                json.WriteStartObject();
                json.WriteString("symbol", market.Symbol);
                BinanceRestFormat.Write(json, "price", hasLast ? last.Price : Price.Zero(market.Instrument.PricePrecision), _spot);
                if (!_spot)
                {
                    json.WriteNumber("time", hasLast ? BinanceRestFormat.Ms(last.EventTime) : exchange.WallClockMs);
                }

                json.WriteEndObject();
            }

            if (!single)
            {
                json.WriteEndArray();
            }
        }));
    }

    private Task<byte[]> AveragePriceAsync(BinanceRestCall call)
    {
        var market = Market(call.Parameters);
        return exchange.InvokeAsync(() =>
        {
            var candles = market.Candles.Query(CandleInterval.OneMinute, null, null, 5, exchange.Now);
            var volume = candles.Sum(c => c.Volume.ToDecimal());
            var average = volume == 0
                ? (market.Trades.TryGetLast(out var last) ? last.Price.ToDecimal() : 0m)
                : candles.Sum(c => c.QuoteVolume) / volume;
            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartObject();
                json.WriteNumber("mins", 5);
                BinanceRestFormat.Write(json, "price", average);
                json.WriteNumber("closeTime", exchange.WallClockMs);
                json.WriteEndObject();
            });
        });
    }

    private Task<byte[]> PremiumIndexAsync(BinanceRestCall call)
    {
        var markets = Markets(call.Parameters, out var single);
        return exchange.InvokeAsync(() => BinanceRestPipeline.Json(json =>
        {
            if (!single)
            {
                json.WriteStartArray();
            }

            foreach (var market in markets)
            {
                var mark = market.Mark;
                json.WriteStartObject();
                json.WriteString("symbol", market.Symbol);
                BinanceRestFormat.Write(json, "markPrice", market.HasMark ? mark.Mark.ToDecimal() : 0m);
                BinanceRestFormat.Write(json, "indexPrice", market.HasMark ? mark.Index.ToDecimal() : 0m);
                BinanceRestFormat.Write(json, "estimatedSettlePrice", market.HasMark ? mark.EstimatedSettle.ToDecimal() : 0m);
                BinanceRestFormat.Write(json, "lastFundingRate", market.HasMark ? mark.FundingRate : exchange.Options.FundingRate);
                BinanceRestFormat.Write(json, "interestRate", 0.0001m);
                json.WriteNumber("nextFundingTime", market.HasMark ? BinanceRestFormat.Ms(mark.NextFundingTime) : 0);
                json.WriteNumber("time", market.HasMark ? BinanceRestFormat.Ms(mark.EventTime) : exchange.WallClockMs);
                json.WriteEndObject();
            }

            if (!single)
            {
                json.WriteEndArray();
            }
        }));
    }

    /// <summary>Open interest: the long contracts held by the venue's own accounts (the synthetic participants hold no positions).</summary>
    private Task<byte[]> OpenInterestAsync(BinanceRestCall call)
    {
        var market = Market(call.Parameters);
        return exchange.InvokeAsync(() =>
        {
            var id = market.Instrument.Id;
            decimal open = 0;
            foreach (var credential in exchange.Credentials.All)
            {
                foreach (var side in new[] { PositionSide.Both, PositionSide.Long })
                {
                    var position = exchange.Accounts.GetPosition(credential.AccountId, id, side);
                    if (position.Direction == Simulator.Accounts.PositionDirection.Long)
                    {
                        open += position.Size.ToDecimal();
                    }
                }
            }

            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartObject();
                BinanceRestFormat.Write(json, "openInterest", open, market.Instrument.SizePrecision);
                json.WriteString("symbol", market.Symbol);
                json.WriteNumber("time", exchange.WallClockMs);
                json.WriteEndObject();
            });
        });
    }

    private Task<byte[]> FundingRateAsync(BinanceRestCall call)
    {
        var q = call.Parameters;
        var markets = Markets(q, out _);
        var limit = q.Int("limit", 1, 1000) ?? 100;
        var start = q.Long("startTime");
        var end = q.Long("endTime");
        return exchange.InvokeAsync(() =>
        {
            var rows = markets
                .SelectMany(m => m.FundingHistory.Select(f => (m.Symbol, Funding: f)))
                .Where(r => (start is null || BinanceRestFormat.Ms(r.Funding.FundingTime) >= start) && (end is null || BinanceRestFormat.Ms(r.Funding.FundingTime) <= end))
                .OrderBy(r => r.Funding.FundingTime)
                .ToList();
            rows = start is not null ? [.. rows.Take(limit)] : [.. rows.Skip(Math.Max(0, rows.Count - limit))];
            return BinanceRestPipeline.Json(json =>
            {
                json.WriteStartArray();
                foreach (var (symbol, funding) in rows)
                {
                    json.WriteStartObject();
                    json.WriteString("symbol", symbol);
                    BinanceRestFormat.Write(json, "fundingRate", funding.Rate);
                    json.WriteNumber("fundingTime", BinanceRestFormat.Ms(funding.FundingTime));
                    BinanceRestFormat.Write(json, "markPrice", funding.Mark.ToDecimal());
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            });
        });
    }
}
