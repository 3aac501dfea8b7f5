using System.Buffers;
using System.Globalization;
using System.Text.Json;
using FlowSight.Core;

namespace FlowSight.Venues.Okx.Trading;

/// <summary>
/// OKX v5's trading JSON both ways: order, cancel and amend arguments (the same object for REST bodies and WebSocket
/// <c>args</c>), and orders, fills, positions and balances read into FlowSight's reports. OKX writes numbers as
/// strings and leaves absent ones empty; fees are negative when charged (FlowSight: positive when charged).
/// </summary>
internal static class OkxTradingJson
{
    /// <summary>OKX's <c>ordType</c> of an order, or null when OKX's <c>trade/order</c> cannot place it (stops and take-profits go through <c>trade/order-algo</c>).</summary>
    public static string? OrdType(OrderType type, TimeInForce timeInForce) => type switch
    {
        OrderType.Market => "market",
        OrderType.Limit => timeInForce switch
        {
            TimeInForce.Gtx => "post_only",
            TimeInForce.Ioc => "ioc",
            TimeInForce.Fok => "fok",
            _ => "limit",
        },
        _ => null,
    };

    /// <summary>Writes the arguments of <c>trade/order</c> / <c>op: order</c>.</summary>
    public static void WriteOrder(Utf8JsonWriter json, in SubmitOrder order, Instrument instrument, string ordType, string tdMode)
    {
        json.WriteStartObject();
        json.WriteString("instId"u8, instrument.VenueSymbol);
        json.WriteString("tdMode"u8, tdMode);
        json.WriteString("clOrdId"u8, order.ClientOrderId.Utf8);
        json.WriteString("side"u8, order.Side == OrderSide.Buy ? "buy"u8 : "sell"u8);
        json.WriteString("ordType"u8, ordType);
        if (order.Price is { } price && order.Type != OrderType.Market)
        {
            json.WriteString("px"u8, price.ToString());
        }

        json.WriteString("sz"u8, order.Quantity.ToString());
        if (order.ReduceOnly)
        {
            json.WriteBoolean("reduceOnly"u8, true);
        }

        if (order.PositionSide != PositionSide.Both)
        {
            json.WriteString("posSide"u8, order.PositionSide == PositionSide.Long ? "long"u8 : "short"u8);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes the arguments of <c>cancel-order</c> (by <c>ordId</c> when known, else <c>clOrdId</c>).</summary>
    public static void WriteCancel(Utf8JsonWriter json, string instId, ClientOrderId clientOrderId, VenueOrderId venueOrderId)
    {
        json.WriteStartObject();
        json.WriteString("instId"u8, instId);
        if (!venueOrderId.IsDefault)
        {
            json.WriteString("ordId"u8, venueOrderId.Utf8);
        }
        else
        {
            json.WriteString("clOrdId"u8, clientOrderId.Utf8);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes the arguments of <c>amend-order</c>: <c>newSz</c> is the new total, filled part included, as OKX defines it.</summary>
    public static void WriteAmend(Utf8JsonWriter json, string instId, in ReplaceOrder replace)
    {
        json.WriteStartObject();
        json.WriteString("instId"u8, instId);
        if (!replace.VenueOrderId.IsDefault)
        {
            json.WriteString("ordId"u8, replace.VenueOrderId.Utf8);
        }
        else
        {
            json.WriteString("clOrdId"u8, replace.ClientOrderId.Utf8);
        }

        if (replace.Quantity is { } quantity)
        {
            json.WriteString("newSz"u8, quantity.ToString());
        }

        if (replace.Price is { } price)
        {
            json.WriteString("newPx"u8, price.ToString());
        }

        json.WriteEndObject();
    }

    /// <summary>Builds one JSON value with <paramref name="write"/>.</summary>
    public static byte[] Build<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A WebSocket request <c>{"id":…,"op":…,"args":[…]}</c> around arguments already written.</summary>
    public static byte[] Request(string id, string op, ReadOnlySpan<byte> args)
    {
        var buffer = new ArrayBufferWriter<byte>(args.Length + 64);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id"u8, id);
            json.WriteString("op"u8, op);
            json.WritePropertyName("args"u8);
            json.WriteStartArray();
            json.WriteRawValue(args, skipInputValidation: true);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads an order as <c>GET trade/order</c>, <c>orders-pending</c> and the <c>orders</c> channel give it.</summary>
    public static OrderStatusReport ReadOrder(JsonElement o, Instrument instrument, long receivedAt)
    {
        var ordType = Text(o, "ordType");
        var (type, timeInForce) = ordType switch
        {
            "market" or "optimal_limit_ioc" => (OrderType.Market, TimeInForce.Ioc),
            "post_only" => (OrderType.Limit, TimeInForce.Gtx),
            "ioc" => (OrderType.Limit, TimeInForce.Ioc),
            "fok" => (OrderType.Limit, TimeInForce.Fok),
            _ => (OrderType.Limit, TimeInForce.Gtc),
        };
        var cancelSource = Text(o, "cancelSource");
        var status = Text(o, "state") switch
        {
            "live" => OrderStatus.Accepted,
            "partially_filled" => OrderStatus.PartiallyFilled,
            "filled" => OrderStatus.Filled,
            "canceled" or "mmp_canceled" when timeInForce is TimeInForce.Ioc or TimeInForce.Fok || cancelSource == "31" => OrderStatus.Expired,
            "canceled" or "mmp_canceled" => OrderStatus.Canceled,
            var other => throw new JsonException($"OKX order state '{other}' is not one FlowSight knows."),
        };
        var price = Decimal(o, "px");
        var average = Decimal(o, "avgPx");
        return new OrderStatusReport
        {
            Instrument = instrument.Id,
            ClientOrderId = ClientIdOf(o),
            VenueOrderId = VenueOrderId.Parse(Text(o, "ordId")),
            Side = Text(o, "side") == "sell" ? OrderSide.Sell : OrderSide.Buy,
            Type = type,
            Status = status,
            Quantity = Size(Decimal(o, "sz") ?? 0m, instrument),
            FilledQuantity = Size(Decimal(o, "accFillSz") ?? 0m, instrument),
            Price = price is > 0m ? PriceOf(price.Value, instrument) : null,
            AveragePrice = average is > 0m ? PriceOf(average.Value, instrument) : null,
            TimeInForce = timeInForce,
            ReduceOnly = Text(o, "reduceOnly") == "true",
            PositionSide = PositionSideOf(Text(o, "posSide")),
            Reason = status == OrderStatus.Expired || status == OrderStatus.Canceled ? CancelReason(cancelSource) : null,
            UpdateTime = Millis(o, "uTime"),
            Timestamp = receivedAt,
        };
    }

    /// <summary>The fill an <c>orders</c> push carries (<c>fillSz</c> &gt; 0), if any.</summary>
    public static bool TryReadPushFill(JsonElement o, Instrument instrument, long receivedAt, out FillReport fill)
    {
        fill = default;
        if (Decimal(o, "fillSz") is not > 0m || Text(o, "tradeId") is not { Length: > 0 } tradeId)
        {
            return false;
        }

        fill = Fill(o, instrument, tradeId, "fillPx", "fillSz", "fillFee", "fillFeeCcy", "fillTime", receivedAt);
        return true;
    }

    /// <summary>Reads a fill of <c>trade/fills</c> or <c>fills-history</c>.</summary>
    public static FillReport ReadFill(JsonElement f, Instrument instrument, long receivedAt) =>
        Fill(f, instrument, Text(f, "tradeId"), "fillPx", "fillSz", "fee", "feeCcy", "fillTime", receivedAt);

    /// <summary>Reads a position of <c>account/positions</c> (a reconciliation snapshot) or the <c>positions</c> channel.</summary>
    public static PositionStatusReport ReadPosition(JsonElement p, Instrument instrument, long receivedAt, bool snapshot) => new()
    {
        IsSnapshot = snapshot,
        Instrument = instrument.Id,
        PositionSide = PositionSideOf(Text(p, "posSide")),
        Quantity = Text(p, "posSide") == "short" ? -Math.Abs(Decimal(p, "pos") ?? 0m) : Decimal(p, "pos") ?? 0m,
        EntryPrice = Decimal(p, "avgPx") ?? 0m,
        UnrealizedPnl = Decimal(p, "upl") ?? 0m,
        Leverage = Decimal(p, "lever") ?? 0m,
        Isolated = Text(p, "mgnMode") == "isolated",
        LiquidationPrice = Decimal(p, "liqPx"),
        UpdateTime = Millis(p, "uTime"),
        Timestamp = receivedAt,
    };

    /// <summary>
    /// Reads the currency details of an <c>account/balance</c> item or <c>account</c> push of account
    /// <paramref name="accountName"/>: wallet (<c>cashBal</c>) and available (<c>availBal</c>).
    /// </summary>
    public static void ReadBalances(JsonElement account, string accountName, long receivedAt, bool snapshot, List<BalanceReport> into)
    {
        if (!account.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var d in details.EnumerateArray())
        {
            var total = Decimal(d, "cashBal") ?? Decimal(d, "eq") ?? 0m;
            into.Add(new BalanceReport
            {
                Venue = Venue.Okx,
                Account = accountName,
                Asset = Text(d, "ccy"),
                Total = total,
                Free = Decimal(d, "availBal") ?? Decimal(d, "availEq") ?? total,
                IsSnapshot = snapshot,
                Timestamp = receivedAt,
            });
        }
    }

    /// <summary>
    /// Our id of an order or fill: its <c>clOrdId</c>, or — for the regular order a triggered algo order became, which
    /// OKX places without one — the <c>algoClOrdId</c> it carries.
    /// </summary>
    public static ClientOrderId ClientIdOf(JsonElement e) =>
        ClientOrderId.TryParse(Text(e, "clOrdId"), out var clOrdId) ? clOrdId
            : ClientOrderId.TryParse(Text(e, "algoClOrdId"), out var algoClOrdId) ? algoClOrdId
            : default;

    /// <summary>True for the types OKX places through <c>trade/order-algo</c> as <c>conditional</c> orders.</summary>
    public static bool IsConditional(OrderType type) =>
        type is OrderType.StopMarket or OrderType.StopLimit or OrderType.TakeProfitMarket or OrderType.TakeProfitLimit;

    /// <summary>
    /// Writes the body of <c>POST trade/order-algo</c> for a conditional order: a stop is the stop-loss leg
    /// (<c>slTriggerPx</c>/<c>slOrdPx</c>), a take-profit the take-profit leg (<c>tpTriggerPx</c>/<c>tpOrdPx</c>), the order
    /// price <c>-1</c> for a market order; our id as <c>algoClOrdId</c>; <c>reduceOnly</c> in net mode only (OKX applies it
    /// there; in long/short mode <c>posSide</c> with the closing side only closes). The trigger price type is left to
    /// OKX's default, <c>last</c>.
    /// </summary>
    public static void WriteAlgoOrder(Utf8JsonWriter json, in SubmitOrder order, Instrument instrument, string tdMode)
    {
        var takeProfit = order.Type is OrderType.TakeProfitMarket or OrderType.TakeProfitLimit;
        var atMarket = order.Type is OrderType.StopMarket or OrderType.TakeProfitMarket;
        json.WriteStartObject();
        json.WriteString("instId"u8, instrument.VenueSymbol);
        json.WriteString("tdMode"u8, tdMode);
        json.WriteString("side"u8, order.Side == OrderSide.Buy ? "buy"u8 : "sell"u8);
        if (order.PositionSide != PositionSide.Both)
        {
            json.WriteString("posSide"u8, order.PositionSide == PositionSide.Long ? "long"u8 : "short"u8);
        }

        json.WriteString("ordType"u8, "conditional"u8);
        json.WriteString("sz"u8, order.Quantity.ToString());
        json.WriteString("algoClOrdId"u8, order.ClientOrderId.Utf8);
        if (order.ReduceOnly && order.PositionSide == PositionSide.Both)
        {
            json.WriteBoolean("reduceOnly"u8, true);
        }

        var trigger = order.TriggerPrice!.Value.ToString();
        var price = atMarket ? "-1" : order.Price!.Value.ToString();
        json.WriteString(takeProfit ? "tpTriggerPx"u8 : "slTriggerPx"u8, trigger);
        json.WriteString(takeProfit ? "tpOrdPx"u8 : "slOrdPx"u8, price);
        json.WriteEndObject();
    }

    /// <summary>Writes one item of <c>cancel-algos</c>: by <c>algoId</c> when known, else by our <c>algoClOrdId</c>.</summary>
    public static void WriteCancelAlgo(Utf8JsonWriter json, string instId, ClientOrderId clientOrderId, string? algoId)
    {
        json.WriteStartObject();
        json.WriteString("instId"u8, instId);
        if (algoId is { Length: > 0 })
        {
            json.WriteString("algoId"u8, algoId);
        }
        else
        {
            json.WriteString("algoClOrdId"u8, clientOrderId.Utf8);
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// Reads an algo order as <c>orders-algo-pending</c>, <c>GET trade/order-algo</c> and the <c>orders-algo</c> channel
    /// give it: our id is its <c>algoClOrdId</c>; its venue id the <c>algoId</c> until it triggers, then the regular
    /// order's <c>ordId</c>. Waiting (live, pause, partially_effective) and effective are Accepted — what fills after
    /// the trigger is the regular order's to say —, canceled Canceled, order_failed / partially_failed Expired.
    /// </summary>
    public static (OrderStatusReport Report, string AlgoId, string OrdId, string State) ReadAlgoOrder(JsonElement o, Instrument instrument, long receivedAt)
    {
        var algoId = Text(o, "algoId");
        var ordId = Text(o, "ordId");
        var takeProfit = Text(o, "tpTriggerPx").Length > 0;
        var orderPrice = Decimal(o, takeProfit ? "tpOrdPx" : "slOrdPx");
        var atMarket = orderPrice is null or -1m;
        var trigger = Decimal(o, takeProfit ? "tpTriggerPx" : "slTriggerPx");
        var state = Text(o, "state");
        var status = state switch
        {
            "canceled" => OrderStatus.Canceled,
            "order_failed" or "partially_failed" => OrderStatus.Expired,
            _ => OrderStatus.Accepted,
        };
        var failCode = Text(o, "failCode");
        var report = new OrderStatusReport
        {
            Instrument = instrument.Id,
            ClientOrderId = ClientOrderId.TryParse(Text(o, "algoClOrdId"), out var id) ? id : default,
            VenueOrderId = VenueOrderId.Parse(ordId.Length > 0 ? ordId : algoId),
            Side = Text(o, "side") == "sell" ? OrderSide.Sell : OrderSide.Buy,
            Type = (takeProfit, atMarket) switch
            {
                (true, true) => OrderType.TakeProfitMarket,
                (true, false) => OrderType.TakeProfitLimit,
                (false, true) => OrderType.StopMarket,
                _ => OrderType.StopLimit,
            },
            Status = status,
            Quantity = Size(Decimal(o, "sz") ?? 0m, instrument),
            FilledQuantity = Quantity.Zero(instrument.SizePrecision),
            Price = atMarket ? null : PriceOf(orderPrice!.Value, instrument),
            TriggerPrice = trigger is > 0m ? PriceOf(trigger.Value, instrument) : null,
            TimeInForce = TimeInForce.Gtc,
            ReduceOnly = Text(o, "reduceOnly") == "true",
            PositionSide = PositionSideOf(Text(o, "posSide")),
            Reason = status == OrderStatus.Expired ? $"OKX could not place the triggered order (failCode {failCode})" : null,
            UpdateTime = Millis(o, "uTime"),
            Timestamp = receivedAt,
        };
        return (report, algoId, ordId, state);
    }

    /// <summary>A string field; empty when absent or not a string.</summary>
    public static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    /// <summary>A decimal written as a string; null when absent or empty.</summary>
    public static decimal? Decimal(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            && decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    /// <summary>A quantity at the instrument's step precision, finer when OKX reports finer.</summary>
    public static Quantity Size(decimal value, Instrument instrument) => Quantity.FromDecimal(Fit(value, instrument.SizePrecision, out var p), p);

    /// <summary>A price at the instrument's tick precision, finer when OKX reports finer (average prices).</summary>
    public static Price PriceOf(decimal value, Instrument instrument) => Price.FromDecimal(Fit(value, instrument.PricePrecision, out var p), p);

    private static FillReport Fill(JsonElement e, Instrument instrument, string tradeId, string px, string sz, string fee, string feeCcy, string time, long receivedAt)
    {
        var venueFee = Decimal(e, fee) ?? 0m;
        var liquidity = Text(e, "execType") switch
        {
            "M" => FillLiquidity.Maker,
            "T" => FillLiquidity.Taker,
            _ => FillLiquidity.Unknown,
        };
        var charged = -venueFee;
        return new FillReport
        {
            Instrument = instrument.Id,
            ClientOrderId = ClientIdOf(e),
            VenueOrderId = VenueOrderId.Parse(Text(e, "ordId")),
            TradeId = tradeId,
            Side = Text(e, "side") == "sell" ? OrderSide.Sell : OrderSide.Buy,
            Price = PriceOf(Decimal(e, px) ?? 0m, instrument),
            Quantity = Size(Decimal(e, sz) ?? 0m, instrument),
            Fee = Money.FromDecimal(Fit(charged, 0, out var feePrecision), feePrecision),
            FeeAsset = Text(e, feeCcy) is { Length: > 0 } asset ? asset : instrument.SettleAsset,
            Liquidity = liquidity,
            PositionSide = PositionSideOf(Text(e, "posSide")),
            VenueRealizedPnl = Decimal(e, "fillPnl") is { } pnl ? Money.FromDecimal(Fit(pnl, 0, out var pnlPrecision), pnlPrecision) : null,
            TradeTime = Millis(e, time),
            Timestamp = receivedAt,
        };
    }

    private static decimal Fit(decimal value, byte minimum, out byte precision)
    {
        var scale = (byte)((value / 1.000000000000000000000000000000000m).Scale);
        precision = Math.Clamp(Math.Max(scale, minimum), (byte)0, Price.MaxPrecision);
        return scale > precision ? decimal.Round(value, precision, MidpointRounding.ToEven) : value;
    }

    private static long Millis(JsonElement e, string name) =>
        long.TryParse(Text(e, name), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? UnixNanos.FromMilliseconds(ms) : 0;

    private static PositionSide PositionSideOf(string posSide) => posSide switch
    {
        "long" => PositionSide.Long,
        "short" => PositionSide.Short,
        _ => PositionSide.Both,
    };

    private static string? CancelReason(string cancelSource) => cancelSource switch
    {
        "" => null,
        "31" => "OKX canceled the post-only order: it would have taken liquidity (cancelSource 31)",
        "1" => "canceled by the user (cancelSource 1)",
        var code => $"OKX cancelSource {code}",
    };
}
