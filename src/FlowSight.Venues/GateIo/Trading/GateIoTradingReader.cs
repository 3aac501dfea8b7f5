using System.Globalization;
using System.Text.Json;
using FlowSight.Core;

namespace FlowSight.Venues.GateIo.Trading;

/// <summary>
/// Reads Gate.io v4's private objects (REST answers and WebSocket <c>result</c> items, which share their field names)
/// into FlowSight's reports. Spot amounts are base asset with <c>side</c>; futures sizes are signed contracts (positive
/// long) whose side is the sign. Decimals are parsed at this edge and become fixed point.
/// </summary>
internal static class GateIoTradingReader
{
    /// <summary>Gate's client-order-id prefix: every <c>text</c> FlowSight sends starts with it.</summary>
    public const string TextPrefix = "t-";

    public static ClientOrderId ClientIdOf(JsonElement order)
    {
        var text = String(order, "text");
        return text is not null && text.StartsWith(TextPrefix, StringComparison.Ordinal) && ClientOrderId.TryParse(text.AsSpan(TextPrefix.Length), out var id)
            ? id
            : default;
    }

    public static OrderStatusReport SpotOrder(JsonElement order, Instrument instrument, long now)
    {
        var amount = Decimal(order, "amount");
        var left = Decimal(order, "left");
        var filled = order.TryGetProperty("filled_amount", out var f) ? ToDecimal(f) : amount - left;
        var type = String(order, "type") == "market" ? OrderType.Market : OrderType.Limit;
        var tif = Tif(String(order, "time_in_force"));
        var finishAs = String(order, "finish_as");
        var status = String(order, "status");
        var evt = String(order, "event");
        var state = SpotStatus(status, evt, finishAs, filled, amount);
        var price = Decimal(order, "price");
        var average = Decimal(order, "avg_deal_price");
        return new OrderStatusReport
        {
            Instrument = instrument.Id,
            ClientOrderId = ClientIdOf(order),
            VenueOrderId = VenueIdOf(order),
            Side = String(order, "side") == "sell" ? OrderSide.Sell : OrderSide.Buy,
            Type = type,
            Status = state,
            Quantity = Quantity(amount, instrument),
            FilledQuantity = Quantity(filled, instrument),
            Price = price > 0 ? Price(price) : null,
            AveragePrice = average > 0 ? Price(average) : null,
            TimeInForce = tif,
            Reason = state is OrderStatus.Canceled or OrderStatus.Expired or OrderStatus.Rejected && finishAs is not ("cancelled" or "filled") ? finishAs : null,
            UpdateTime = Millis(order, "update_time_ms", "update_time"),
            Timestamp = now,
        };
    }

    public static OrderStatusReport FuturesOrder(JsonElement order, Instrument instrument, long now)
    {
        var size = Decimal(order, "size");
        var left = Decimal(order, "left");
        var filled = Math.Abs(size - left);
        var tif = Tif(String(order, "tif"));
        var price = Decimal(order, "price");
        var finishAs = String(order, "finish_as");
        var state = FuturesStatus(String(order, "status"), finishAs, filled, Math.Abs(size));
        var average = Decimal(order, "fill_price");
        return new OrderStatusReport
        {
            Instrument = instrument.Id,
            ClientOrderId = ClientIdOf(order),
            VenueOrderId = VenueIdOf(order),
            Side = size < 0 ? OrderSide.Sell : OrderSide.Buy,
            Type = price == 0 ? OrderType.Market : OrderType.Limit,
            Status = state,
            Quantity = Quantity(Math.Abs(size), instrument),
            FilledQuantity = Quantity(filled, instrument),
            Price = price > 0 ? Price(price) : null,
            AveragePrice = average > 0 && filled > 0 ? Price(average) : null,
            TimeInForce = tif,
            ReduceOnly = Bool(order, "is_reduce_only") || Bool(order, "reduce_only"),
            Reason = state is OrderStatus.Canceled or OrderStatus.Expired or OrderStatus.Rejected && finishAs is not ("cancelled" or "filled") ? finishAs : null,
            UpdateTime = Millis(order, "finish_time_ms", "finish_time") is var finished and > 0 ? finished : Millis(order, "create_time_ms", "create_time"),
            Timestamp = now,
        };
    }

    /// <summary>
    /// A USDT futures price-triggered order (REST <c>price_orders</c> answers and <c>futures.autoorders</c> items share
    /// the shape): <c>initial</c> is the order placed on trigger, <c>trigger</c> the condition, <c>trade_id</c> the
    /// regular order it became. Rule 1 (&gt;=) buys and rule 2 (&lt;=) sells are stops, the other two take-profits.
    /// Open is <see cref="OrderStatus.Accepted"/>; finished as <c>succeeded</c> (triggered) is reported working under
    /// the regular order's id, <c>cancelled</c> canceled, <c>failed</c> rejected with Gate's reason, <c>expired</c> expired.
    /// </summary>
    public static GateIoPriceOrder FuturesPriceOrder(JsonElement order, Instrument instrument, long now)
    {
        order.TryGetProperty("initial", out var initial);
        order.TryGetProperty("trigger", out var trigger);
        var size = initial.ValueKind == JsonValueKind.Object ? Decimal(initial, "size") : 0m;
        var price = initial.ValueKind == JsonValueKind.Object ? Decimal(initial, "price") : 0m;
        var rule = trigger.ValueKind == JsonValueKind.Object ? Decimal(trigger, "rule") : 0m;
        var triggerPrice = trigger.ValueKind == JsonValueKind.Object ? Decimal(trigger, "price") : 0m;
        var sell = size < 0 || (size == 0 && (initial.ValueKind == JsonValueKind.Object ? String(initial, "auto_size") : null) == "close_long");
        var stop = sell ? rule == 2 : rule == 1;
        var type = (stop, price == 0) switch
        {
            (true, true) => OrderType.StopMarket,
            (true, false) => OrderType.StopLimit,
            (false, true) => OrderType.TakeProfitMarket,
            _ => OrderType.TakeProfitLimit,
        };
        var id = long.TryParse(Text(order, "id"), NumberStyles.None, CultureInfo.InvariantCulture, out var parsedId) ? parsedId : 0;
        var tradeId = long.TryParse(Text(order, "trade_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var parsedTrade) ? parsedTrade : 0;
        var finishAs = String(order, "finish_as");
        var status = String(order, "status") switch
        {
            "open" or "inactive" => OrderStatus.Accepted,
            "invalid" => OrderStatus.Rejected,
            _ => finishAs switch
            {
                "succeeded" => OrderStatus.Accepted,
                "cancelled" => OrderStatus.Canceled,
                "expired" => OrderStatus.Expired,
                "failed" => OrderStatus.Rejected,
                _ => tradeId != 0 ? OrderStatus.Accepted : OrderStatus.Canceled,
            },
        };
        var text = initial.ValueKind == JsonValueKind.Object ? String(initial, "text") : null;
        var report = new OrderStatusReport
        {
            Instrument = instrument.Id,
            ClientOrderId = text is not null && text.StartsWith(TextPrefix, StringComparison.Ordinal) && ClientOrderId.TryParse(text.AsSpan(TextPrefix.Length), out var ours) ? ours : default,
            VenueOrderId = VenueOrderId.FromNumber(tradeId != 0 ? tradeId : id),
            Side = sell ? OrderSide.Sell : OrderSide.Buy,
            Type = type,
            Status = status,
            Quantity = Quantity(Math.Abs(size), instrument),
            FilledQuantity = Quantity(0m, instrument),
            Price = price > 0 ? Price(price) : null,
            TriggerPrice = triggerPrice > 0 ? Price(triggerPrice) : null,
            TimeInForce = Tif(initial.ValueKind == JsonValueKind.Object ? String(initial, "tif") : null),
            ReduceOnly = initial.ValueKind == JsonValueKind.Object && (Bool(initial, "is_reduce_only") || Bool(initial, "reduce_only")),
            Reason = status is OrderStatus.Rejected or OrderStatus.Expired ? String(order, "reason") is { Length: > 0 } reason ? reason : finishAs : null,
            UpdateTime = Millis(order, "finish_time_ms", "finish_time") is var finished and > 0 ? finished : Millis(order, "create_time_ms", "create_time"),
            Timestamp = now,
        };
        return new GateIoPriceOrder(report, id, tradeId);
    }

    public static FillReport SpotTrade(JsonElement trade, Instrument instrument, long now) => new()
    {
        Instrument = instrument.Id,
        ClientOrderId = ClientIdOf(trade),
        VenueOrderId = VenueIdOf(trade, "order_id"),
        TradeId = Text(trade, "id"),
        Side = String(trade, "side") == "sell" ? OrderSide.Sell : OrderSide.Buy,
        Price = Price(Decimal(trade, "price")),
        Quantity = Quantity(Decimal(trade, "amount"), instrument),
        Fee = Money(Decimal(trade, "fee")),
        FeeAsset = String(trade, "fee_currency") ?? instrument.QuoteAsset,
        Liquidity = Role(String(trade, "role")),
        TradeTime = Millis(trade, "create_time_ms", "create_time"),
        Timestamp = now,
    };

    public static FillReport FuturesTrade(JsonElement trade, Instrument instrument, long now)
    {
        var size = Decimal(trade, "size");
        return new FillReport
        {
            Instrument = instrument.Id,
            ClientOrderId = ClientIdOf(trade),
            VenueOrderId = VenueIdOf(trade, "order_id"),
            TradeId = Text(trade, "id"),
            Side = size < 0 ? OrderSide.Sell : OrderSide.Buy,
            Price = Price(Decimal(trade, "price")),
            Quantity = Quantity(Math.Abs(size), instrument),
            Fee = Money(Decimal(trade, "fee")),
            FeeAsset = instrument.SettleAsset.Length > 0 ? instrument.SettleAsset : instrument.QuoteAsset,
            Liquidity = Role(String(trade, "role")),
            TradeTime = Millis(trade, "create_time_ms", "create_time"),
            Timestamp = now,
        };
    }

    public static PositionStatusReport Position(JsonElement position, Instrument instrument, long now) => new()
    {
        Instrument = instrument.Id,
        Quantity = Decimal(position, "size"),
        EntryPrice = Decimal(position, "entry_price"),
        UnrealizedPnl = Decimal(position, "unrealised_pnl"),
        Leverage = Decimal(position, "leverage"),
        Isolated = Decimal(position, "leverage") != 0,
        LiquidationPrice = Decimal(position, "liq_price") is var liq and > 0 ? liq : null,
        UpdateTime = Millis(position, "time_ms", "update_time"),
        Timestamp = now,
    };

    public static OrderStatus SpotStatus(string? status, string? evt, string? finishAs, decimal filled, decimal amount)
    {
        var finished = status is "closed" or "cancelled" || evt == "finish" || (finishAs is not null and not "open" && status != "open");
        if (!finished)
        {
            return filled > 0 ? OrderStatus.PartiallyFilled : OrderStatus.Accepted;
        }

        return finishAs switch
        {
            "filled" => OrderStatus.Filled,
            _ when filled >= amount && amount > 0 => OrderStatus.Filled,
            "ioc" or "fok" or "poc" or "small" or "depth_not_enough" or "trader_not_enough" or "stp" => OrderStatus.Expired,
            _ => OrderStatus.Canceled,
        };
    }

    public static OrderStatus FuturesStatus(string? status, string? finishAs, decimal filled, decimal size)
    {
        if (status != "finished")
        {
            return filled > 0 ? OrderStatus.PartiallyFilled : OrderStatus.Accepted;
        }

        return finishAs switch
        {
            "filled" => OrderStatus.Filled,
            _ when filled >= size && size > 0 => OrderStatus.Filled,
            "ioc" or "reduce_only" or "position_closed" or "reduce_out" or "stp" or "auto_deleveraged" or "liquidated" => OrderStatus.Expired,
            _ => OrderStatus.Canceled,
        };
    }

    public static TimeInForce Tif(string? tif) => tif switch
    {
        "ioc" => TimeInForce.Ioc,
        "fok" => TimeInForce.Fok,
        "poc" => TimeInForce.Gtx,
        _ => TimeInForce.Gtc,
    };

    public static string TifCode(TimeInForce tif) => tif switch
    {
        TimeInForce.Ioc => "ioc",
        TimeInForce.Fok => "fok",
        TimeInForce.Gtx => "poc",
        _ => "gtc",
    };

    public static VenueOrderId VenueIdOf(JsonElement item, string name = "id")
    {
        var text = Text(item, name);
        return text.Length > 0 && VenueOrderId.TryParse(text, out var id) ? id : default;
    }

    public static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A string or number field as text (Gate sends ids as either).</summary>
    public static string Text(JsonElement item, string name) =>
        !item.TryGetProperty(name, out var value) ? string.Empty
        : value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty
        : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
        : string.Empty;

    public static decimal Decimal(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) ? ToDecimal(value) : 0m;

    public static decimal ToDecimal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDecimal(),
        JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => 0m,
    };

    public static bool Bool(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>Unix ns from a millisecond field, else from a (possibly fractional) seconds field.</summary>
    public static long Millis(JsonElement item, string millisName, string secondsName)
    {
        var ms = Decimal(item, millisName);
        if (ms > 0)
        {
            return (long)(ms * 1_000_000m);
        }

        var seconds = Decimal(item, secondsName);
        return seconds > 0 ? (long)(seconds * 1_000_000_000m) : 0;
    }

    public static Quantity Quantity(decimal value, Instrument instrument)
    {
        var precision = instrument.SizePrecision;
        var rounded = Math.Round(value, precision, MidpointRounding.ToEven);
        return Core.Quantity.FromDecimal(rounded, precision);
    }

    public static Price Price(decimal value)
    {
        var (rounded, scale) = Fit(value);
        return Core.Price.FromDecimal(rounded, scale);
    }

    public static Money Money(decimal value)
    {
        var (rounded, scale) = Fit(value);
        return Core.Money.FromDecimal(rounded, scale);
    }

    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static (decimal Value, byte Scale) Fit(decimal value)
    {
        var rounded = Math.Round(value, 9, MidpointRounding.ToEven) / 1.000000000000000000000000000m;
        var scale = (byte)((decimal.GetBits(rounded)[3] >> 16) & 0xFF);
        return (rounded, Math.Min(scale, (byte)9));
    }

    private static FillLiquidity Role(string? role) => role switch
    {
        "maker" => FillLiquidity.Maker,
        "taker" => FillLiquidity.Taker,
        _ => FillLiquidity.Unknown,
    };
}
