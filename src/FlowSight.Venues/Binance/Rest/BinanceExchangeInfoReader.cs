using System.Text.Json;
using FlowSight.Core;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>Turns an <c>exchangeInfo</c> body into <see cref="BinanceExchangeInfo"/>: one <see cref="Instrument"/> per symbol.</summary>
/// <remarks>
/// Filters used: <c>PRICE_FILTER</c> (tickSize, minPrice, maxPrice), <c>LOT_SIZE</c> (stepSize, minQty, maxQty),
/// <c>MIN_NOTIONAL</c> (spot's legacy <c>minNotional</c>, futures' <c>notional</c>) and spot's newer <c>NOTIONAL</c>
/// (<c>minNotional</c>). Every number keeps Binance's own decimals.
/// </remarks>
internal static class BinanceExchangeInfoReader
{
    /// <summary>Binance dates a perpetual's delivery in 2100; a symbol without a contract type delivering after 2100-01-01 is taken as perpetual.</summary>
    private static readonly long PerpetualDeliveryThreshold = UnixNanos.FromDateTimeOffset(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static BinanceExchangeInfo Read(BinanceMarket market, JsonElement root, IReadOnlyCollection<string> only)
    {
        var timezone = BinanceJson.OptionalText(root, "timezone") ?? "UTC";
        var serverTime = root.TryGetProperty("serverTime", out var time) ? BinanceJson.MillisAsNanos(time) : 0;
        var limits = new List<BinanceRateLimit>();
        if (root.TryGetProperty("rateLimits", out var rateLimits))
        {
            foreach (var limit in rateLimits.EnumerateArray())
            {
                limits.Add(new BinanceRateLimit(
                    BinanceJson.Text(limit, "rateLimitType"),
                    BinanceJson.Text(limit, "interval"),
                    BinanceJson.Int32(BinanceJson.Get(limit, "intervalNum")),
                    BinanceJson.Int32(BinanceJson.Get(limit, "limit"))));
            }
        }

        var wanted = only.Count == 0 ? null : new HashSet<string>(only, StringComparer.OrdinalIgnoreCase);
        var symbols = new List<BinanceSymbolInfo>();
        foreach (var symbol in BinanceJson.Get(root, "symbols").EnumerateArray())
        {
            if (wanted is null || wanted.Contains(BinanceJson.Text(symbol, "symbol")))
            {
                symbols.Add(ReadSymbol(market, symbol));
            }
        }

        return new BinanceExchangeInfo(market, timezone, serverTime, limits, symbols);
    }

    private static BinanceSymbolInfo ReadSymbol(BinanceMarket market, JsonElement s)
    {
        var symbol = BinanceJson.Text(s, "symbol");
        try
        {
            return market == BinanceMarket.Spot ? ReadSpot(s, symbol) : ReadFutures(market, s, symbol);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw new FormatException($"Symbol {symbol}: {ex.Message}", ex);
        }
    }

    private static BinanceSymbolInfo ReadSpot(JsonElement s, string symbol)
    {
        var price = Filter(s, "PRICE_FILTER") ?? throw new FormatException("PRICE_FILTER is missing.");
        var lot = Filter(s, "LOT_SIZE") ?? throw new FormatException("LOT_SIZE is missing.");
        var quote = BinanceJson.Text(s, "quoteAsset");
        var spec = new Instrument
        {
            Id = InstrumentId.Of(symbol, Venue.Binance),
            VenueSymbol = symbol,
            Kind = InstrumentKind.Spot,
            BaseAsset = BinanceJson.Text(s, "baseAsset"),
            QuoteAsset = quote,
            SettleAsset = quote,
            TickSize = BinanceJson.Price(BinanceJson.Get(price, "tickSize")),
            StepSize = BinanceJson.Quantity(BinanceJson.Get(lot, "stepSize")),
            MinQuantity = BinanceJson.Quantity(BinanceJson.Get(lot, "minQty")),
            MaxQuantity = BinanceJson.Quantity(BinanceJson.Get(lot, "maxQty")),
            MinNotional = MinNotional(s, "minNotional"),
        };
        return new BinanceSymbolInfo(
            spec,
            BinanceJson.OptionalText(s, "status") ?? string.Empty,
            BinanceContractType.None,
            null,
            null,
            null,
            BinanceJson.Price(BinanceJson.Get(price, "minPrice")),
            BinanceJson.Price(BinanceJson.Get(price, "maxPrice")));
    }

    private static BinanceSymbolInfo ReadFutures(BinanceMarket market, JsonElement s, string symbol)
    {
        var price = Filter(s, "PRICE_FILTER") ?? throw new FormatException("PRICE_FILTER is missing.");
        var lot = Filter(s, "LOT_SIZE") ?? throw new FormatException("LOT_SIZE is missing.");
        var contractType = BinanceContractTypes.Parse(BinanceJson.OptionalText(s, "contractType"));
        long? delivery = s.TryGetProperty("deliveryDate", out var d) ? BinanceJson.MillisAsNanos(d) : null;
        long? onboard = s.TryGetProperty("onboardDate", out var o) ? BinanceJson.MillisAsNanos(o) : null;
        var perpetual = contractType.IsPerpetual() || (!contractType.IsDated() && (delivery ?? long.MaxValue) >= PerpetualDeliveryThreshold);
        var inverse = market == BinanceMarket.CoinM;

        // USDⓈ-M perpetuals get the -PERP suffix (their Binance symbol has none); dated contracts and COIN-M keep Binance's symbol.
        var id = market == BinanceMarket.UsdM && perpetual
            ? InstrumentId.Of(symbol + BinanceInstrumentIds.PerpetualSuffix, Venue.Binance)
            : InstrumentId.Of(symbol, Venue.Binance);
        var spec = new Instrument
        {
            Id = id,
            VenueSymbol = symbol,
            Kind = perpetual ? InstrumentKind.Perpetual : InstrumentKind.DatedFuture,
            BaseAsset = BinanceJson.Text(s, "baseAsset"),
            QuoteAsset = BinanceJson.Text(s, "quoteAsset"),
            SettleAsset = BinanceJson.OptionalText(s, "marginAsset") ?? string.Empty,
            IsInverse = inverse,
            TickSize = BinanceJson.Price(BinanceJson.Get(price, "tickSize")),
            StepSize = BinanceJson.Quantity(BinanceJson.Get(lot, "stepSize")),
            MinQuantity = BinanceJson.Quantity(BinanceJson.Get(lot, "minQty")),
            MaxQuantity = BinanceJson.Quantity(BinanceJson.Get(lot, "maxQty")),
            MinNotional = MinNotional(s, "notional"),
            ContractMultiplier = inverse && s.TryGetProperty("contractSize", out var size) ? BinanceJson.Decimal(size) : 1m,
            Expiry = perpetual ? null : delivery,
        };
        var status = market == BinanceMarket.CoinM
            ? BinanceJson.OptionalText(s, "contractStatus") ?? BinanceJson.OptionalText(s, "status")
            : BinanceJson.OptionalText(s, "status") ?? BinanceJson.OptionalText(s, "contractStatus");
        return new BinanceSymbolInfo(
            spec,
            status ?? string.Empty,
            contractType,
            BinanceJson.OptionalText(s, "pair"),
            onboard,
            delivery,
            BinanceJson.Price(BinanceJson.Get(price, "minPrice")),
            BinanceJson.Price(BinanceJson.Get(price, "maxPrice")));
    }

    /// <summary>
    /// The smallest order value: <c>MIN_NOTIONAL</c>'s <paramref name="field"/> (spot <c>minNotional</c>, futures
    /// <c>notional</c>), else spot's <c>NOTIONAL.minNotional</c>; zero when there is neither (COIN-M).
    /// </summary>
    private static Money MinNotional(JsonElement s, string field)
    {
        if (Filter(s, "MIN_NOTIONAL") is { } legacy && legacy.TryGetProperty(field, out var value))
        {
            return BinanceJson.Money(value);
        }

        if (Filter(s, "NOTIONAL") is { } notional && notional.TryGetProperty("minNotional", out value))
        {
            return BinanceJson.Money(value);
        }

        return default;
    }

    private static JsonElement? Filter(JsonElement s, string type)
    {
        if (!s.TryGetProperty("filters", out var filters))
        {
            return null;
        }

        foreach (var filter in filters.EnumerateArray())
        {
            if (filter.TryGetProperty("filterType", out var kind) && kind.ValueEquals(type))
            {
                return filter;
            }
        }

        return null;
    }
}
