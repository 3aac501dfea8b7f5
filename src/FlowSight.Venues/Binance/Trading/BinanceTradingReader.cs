using System.Globalization;
using System.Text.Json;
using FlowSight.Core;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// Binance's REST trading answers as reports: orders (<c>/fapi/v1/order</c>, <c>/api/v3/order</c>, open orders),
/// fills (<c>userTrades</c>, <c>myTrades</c>), balances (<c>/fapi/v2/account</c>, <c>/api/v3/account</c>) and
/// positions (<c>/fapi/v2/positionRisk</c>).
/// </summary>
internal static class BinanceTradingReader
{
    public static OrderStatusReport? Order(JsonElement o, BinanceMarket market, BinanceTradingSymbols symbols, long now)
    {
        var instrument = symbols.BySymbol(Text(o, "symbol"));
        if (instrument is null)
        {
            return null;
        }

        var client = Text(o, "origClientOrderId") is { Length: > 0 } orig && Text(o, "status") == "CANCELED" ? orig : Text(o, "clientOrderId");
        var filled = BinanceNumbers.Quantity(Text(o, "executedQty"), instrument.SizePrecision);
        Price? average = null;
        if (market == BinanceMarket.Spot)
        {
            var quote = BinanceNumbers.Decimal(Text(o, "cummulativeQuoteQty"));
            if (filled.Raw != 0 && quote != 0m)
            {
                average = BinanceNumbers.OptionalPrice((quote / filled.ToDecimal()).ToString(CultureInfo.InvariantCulture), instrument.PricePrecision);
            }
        }
        else
        {
            average = BinanceNumbers.OptionalPrice(Text(o, "avgPrice"), instrument.PricePrecision);
        }

        var type = Text(o, "type");
        var price = BinanceNumbers.OptionalPrice(Text(o, "price"), instrument.PricePrecision);
        var updateMs = Long(o, "updateTime") ?? Long(o, "transactTime") ?? Long(o, "time") ?? 0;
        return new OrderStatusReport
        {
            Instrument = instrument.Id,
            ClientOrderId = ClientOrderId.TryParse(client ?? string.Empty, out var id) ? id : default,
            VenueOrderId = VenueOrderId.FromNumber(Long(o, "orderId") ?? 0),
            Side = BinanceOrderWire.ParseSide(Text(o, "side")),
            Type = BinanceOrderWire.ParseType(type, market),
            Status = BinanceOrderWire.ParseStatus(Text(o, "status")),
            Quantity = BinanceNumbers.Quantity(Text(o, "origQty"), instrument.SizePrecision),
            FilledQuantity = filled,
            Price = price,
            AveragePrice = average,
            TriggerPrice = BinanceNumbers.OptionalPrice(Text(o, "stopPrice"), instrument.PricePrecision),
            TimeInForce = BinanceOrderWire.ParseTimeInForce(Text(o, "timeInForce"), type),
            ReduceOnly = o.TryGetProperty("reduceOnly", out var ro) && ro.ValueKind == JsonValueKind.True,
            PositionSide = BinanceOrderWire.ParsePositionSide(Text(o, "positionSide")),
            UpdateTime = updateMs * UnixNanos.PerMillisecond,
            Timestamp = now,
        };
    }

    /// <summary>
    /// One USDⓈ-M algo order (<c>/fapi/v1/algoOrder</c> answers, <c>openAlgoOrders</c>, <c>allAlgoOrders</c>): our
    /// client id is its <c>clientAlgoId</c>; its venue id is the <c>algoId</c> until it triggers, then the regular
    /// order's <c>actualOrderId</c>. The filled quantity is <c>executedQty</c> where the answer has one (the
    /// regular order's query has the rest).
    /// </summary>
    public static (OrderStatusReport Report, long AlgoId, long? ActualOrderId)? AlgoOrder(JsonElement o, BinanceTradingSymbols symbols, long now)
    {
        var instrument = symbols.BySymbol(Text(o, "symbol"));
        if (instrument is null)
        {
            return null;
        }

        var algoId = Long(o, "algoId") ?? 0;
        long? actual = Long(o, "actualOrderId") is { } a and not 0 ? a : null;
        var quantity = BinanceNumbers.Quantity(Text(o, "quantity"), instrument.SizePrecision);
        var filled = BinanceNumbers.Quantity(Text(o, "executedQty"), instrument.SizePrecision);
        var type = Text(o, "orderType");
        var average = BinanceNumbers.OptionalPrice(Text(o, "avgPrice") ?? Text(o, "actualPrice"), instrument.PricePrecision);
        var report = new OrderStatusReport
        {
            Instrument = instrument.Id,
            ClientOrderId = ClientOrderId.TryParse(Text(o, "clientAlgoId") ?? string.Empty, out var id) ? id : default,
            VenueOrderId = VenueOrderId.FromNumber(actual ?? algoId),
            Side = BinanceOrderWire.ParseSide(Text(o, "side")),
            Type = BinanceOrderWire.ParseType(type, BinanceMarket.UsdM),
            Status = BinanceOrderWire.ParseAlgoStatus(Text(o, "algoStatus"), filled, quantity),
            Quantity = quantity,
            FilledQuantity = filled,
            Price = BinanceNumbers.OptionalPrice(Text(o, "price"), instrument.PricePrecision),
            AveragePrice = average,
            TriggerPrice = BinanceNumbers.OptionalPrice(Text(o, "triggerPrice"), instrument.PricePrecision),
            TimeInForce = BinanceOrderWire.ParseTimeInForce(Text(o, "timeInForce"), type),
            ReduceOnly = Bool(o, "reduceOnly"),
            PositionSide = BinanceOrderWire.ParsePositionSide(Text(o, "positionSide")),
            UpdateTime = (Long(o, "updateTime") ?? Long(o, "createTime") ?? 0) * UnixNanos.PerMillisecond,
            Timestamp = now,
        };
        return (report, algoId, actual);
    }

    /// <summary>One <c>userTrades</c>/<c>myTrades</c> entry; <paramref name="clientOf"/> maps the venue order id to ours.</summary>
    public static FillReport? Fill(JsonElement t, BinanceMarket market, BinanceTradingSymbols symbols, Func<Instrument, long, ClientOrderId> clientOf, long now)
    {
        var instrument = symbols.BySymbol(Text(t, "symbol"));
        if (instrument is null)
        {
            return null;
        }

        var orderId = Long(t, "orderId") ?? 0;
        var buy = market == BinanceMarket.Spot ? Bool(t, "isBuyer") : Text(t, "side") == "BUY";
        var maker = market == BinanceMarket.Spot ? Bool(t, "isMaker") : Bool(t, "maker");
        return new FillReport
        {
            Instrument = instrument.Id,
            ClientOrderId = clientOf(instrument, orderId),
            VenueOrderId = VenueOrderId.FromNumber(orderId),
            TradeId = (Long(t, "id") ?? 0).ToString(CultureInfo.InvariantCulture),
            Side = buy ? OrderSide.Buy : OrderSide.Sell,
            Price = BinanceNumbers.Price(Text(t, "price"), instrument.PricePrecision),
            Quantity = BinanceNumbers.Quantity(Text(t, "qty"), instrument.SizePrecision),
            Fee = BinanceNumbers.Money(Text(t, "commission"), 0),
            FeeAsset = Text(t, "commissionAsset") ?? string.Empty,
            Liquidity = maker ? FillLiquidity.Maker : FillLiquidity.Taker,
            PositionSide = BinanceOrderWire.ParsePositionSide(Text(t, "positionSide")),
            VenueRealizedPnl = market == BinanceMarket.Spot ? null : BinanceNumbers.Money(Text(t, "realizedPnl"), 0),
            TradeTime = (Long(t, "time") ?? 0) * UnixNanos.PerMillisecond,
            Timestamp = now,
        };
    }

    /// <summary>
    /// USDⓈ-M <c>assets</c> (wallet and available) or spot <c>balances</c> (free + locked) of account
    /// <paramref name="accountName"/>; zero balances are left out.
    /// </summary>
    public static List<BalanceReport> Balances(JsonElement account, BinanceMarket market, string accountName, long now)
    {
        var result = new List<BalanceReport>();
        if (market == BinanceMarket.Spot)
        {
            foreach (var b in Array(account, "balances"))
            {
                var free = BinanceNumbers.Decimal(Text(b, "free"));
                var locked = BinanceNumbers.Decimal(Text(b, "locked"));
                if (free != 0m || locked != 0m)
                {
                    result.Add(new BalanceReport { Venue = Venue.Binance, Account = accountName, Asset = Text(b, "asset") ?? string.Empty, Total = free + locked, Free = free, Timestamp = now });
                }
            }

            return result;
        }

        foreach (var a in Array(account, "assets"))
        {
            var wallet = BinanceNumbers.Decimal(Text(a, "walletBalance"));
            var available = BinanceNumbers.Decimal(Text(a, "availableBalance"));
            if (wallet != 0m || available != 0m)
            {
                result.Add(new BalanceReport { Venue = Venue.Binance, Account = accountName, Asset = Text(a, "asset") ?? string.Empty, Total = wallet, Free = available, Timestamp = now });
            }
        }

        return result;
    }

    /// <summary>USDⓈ-M <c>positionRisk</c> entries with a non-zero amount.</summary>
    public static List<PositionStatusReport> Positions(JsonElement risk, BinanceTradingSymbols symbols, long now)
    {
        var result = new List<PositionStatusReport>();
        if (risk.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var p in risk.EnumerateArray())
        {
            var instrument = symbols.BySymbol(Text(p, "symbol"));
            var amount = BinanceNumbers.Decimal(Text(p, "positionAmt"));
            if (instrument is null || amount == 0m)
            {
                continue;
            }

            var liquidation = BinanceNumbers.Decimal(Text(p, "liquidationPrice"));
            result.Add(new PositionStatusReport
            {
                Instrument = instrument.Id,
                PositionSide = BinanceOrderWire.ParsePositionSide(Text(p, "positionSide")),
                Quantity = amount,
                EntryPrice = BinanceNumbers.Decimal(Text(p, "entryPrice")),
                UnrealizedPnl = BinanceNumbers.Decimal(Text(p, "unRealizedProfit") ?? Text(p, "unrealizedProfit")),
                Leverage = BinanceNumbers.Decimal(Text(p, "leverage")),
                Isolated = Text(p, "marginType") == "isolated" || Bool(p, "isolated"),
                LiquidationPrice = liquidation == 0m ? null : liquidation,
                UpdateTime = (Long(p, "updateTime") ?? 0) * UnixNanos.PerMillisecond,
                Timestamp = now,
            });
        }

        return result;
    }

    public static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;

    public static long? Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.Number when v.TryGetInt64(out var n) => n,
                JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
                _ => null,
            }
            : null;

    public static bool Bool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray()
            : [];
}
