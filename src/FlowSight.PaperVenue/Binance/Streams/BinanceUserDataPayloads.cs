using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// Binance's user data events, field for field: USDⓈ-M <c>ORDER_TRADE_UPDATE</c> and <c>ACCOUNT_UPDATE</c>
/// ("User Data Streams" docs), spot <c>executionReport</c> and <c>outboundAccountPosition</c>, and
/// <c>listenKeyExpired</c>.
/// </summary>
internal static class BinanceUserDataPayloads
{
    /// <summary><c>{"e":"ORDER_TRADE_UPDATE","E","T","o":{...}}</c>.</summary>
    public static void OrderTradeUpdate(Utf8JsonWriter json, PaperMarket market, in OrderEvent e, PaperOrder? order, Money bidNotional, Money askNotional, long eventMs)
    {
        var instrument = market.Instrument;
        var ms = BinanceWire.Ms(e.Timestamp);
        var triggered = e.ExecutionType == ExecutionType.Triggered;
        json.WriteStartObject();
        json.WriteString("e"u8, "ORDER_TRADE_UPDATE"u8);
        json.WriteNumber("E"u8, eventMs);
        json.WriteNumber("T"u8, ms);
        json.WriteStartObject("o"u8);
        json.WriteString("s"u8, market.Symbol);
        json.WriteString("c"u8, e.ClientOrderId.Utf8);
        json.WriteString("S"u8, BinanceWire.Side(e.Side));
        // A triggered stop trades as the order it becomes (o), and keeps its original type (ot).
        json.WriteString("o"u8, triggered ? (IsLimit(e.Type) ? "LIMIT" : "MARKET") : BinanceWire.FuturesOrderType(e.Type));
        json.WriteString("f"u8, BinanceWire.TimeInForce(e.TimeInForce));
        BinanceWire.WriteFixed(json, "q"u8, e.Quantity.Raw, e.Quantity.Raw == 0 ? instrument.SizePrecision : e.Quantity.Precision, false);
        BinanceWire.WriteFixed(json, "p"u8, e.Price.Raw, e.Price.Raw == 0 ? instrument.PricePrecision : e.Price.Precision, false);
        WriteAverage(json, "ap"u8, e, 8);
        BinanceWire.WriteFixed(json, "sp"u8, e.TriggerPrice.Raw, e.TriggerPrice.Raw == 0 ? instrument.PricePrecision : e.TriggerPrice.Precision, false);
        json.WriteString("x"u8, FuturesExecution(e.ExecutionType));
        json.WriteString("X"u8, BinanceWire.Status(e.Status));
        json.WriteNumber("i"u8, e.OrderId);
        BinanceWire.WriteFixed(json, "l"u8, e.LastQuantity.Raw, e.LastQuantity.Raw == 0 ? instrument.SizePrecision : e.LastQuantity.Precision, false);
        BinanceWire.WriteFixed(json, "z"u8, e.CumulativeQuantity.Raw, e.CumulativeQuantity.Raw == 0 ? instrument.SizePrecision : e.CumulativeQuantity.Precision, false);
        BinanceWire.WriteFixed(json, "L"u8, e.LastPrice.Raw, e.LastPrice.Raw == 0 ? instrument.PricePrecision : e.LastPrice.Precision, false);
        if (e.LastQuantity.Raw != 0 && e.CommissionAsset is not null)
        {
            // "will not push if no commission"
            json.WriteString("N"u8, e.CommissionAsset);
            BinanceWire.Write(json, "n"u8, e.Commission, false);
        }

        json.WriteNumber("T"u8, ms);
        json.WriteNumber("t"u8, e.TradeId);
        BinanceWire.Write(json, "b"u8, bidNotional, false);
        BinanceWire.Write(json, "a"u8, askNotional, false);
        json.WriteBoolean("m"u8, e.LastQuantity.Raw != 0 && e.Liquidity == LiquiditySide.Maker);
        json.WriteBoolean("R"u8, e.ReduceOnly);
        json.WriteString("wt"u8, order?.WorkingType == WorkingType.MarkPrice ? "MARK_PRICE"u8 : "CONTRACT_PRICE"u8);
        json.WriteString("ot"u8, BinanceWire.FuturesOrderType(e.Type));
        json.WriteString("ps"u8, BinanceWire.PositionSide(e.PositionSide));
        json.WriteBoolean("cp"u8, false);
        json.WriteBoolean("pP"u8, false);
        json.WriteNumber("si"u8, 0);
        json.WriteNumber("ss"u8, 0);
        BinanceWire.Write(json, "rp"u8, e.RealizedPnl, false);
        json.WriteString("V"u8, BinanceWire.SelfTradePrevention(order?.SelfTradePrevention ?? SelfTradePrevention.None));
        json.WriteString("pm"u8, "NONE"u8);
        json.WriteNumber("gtd"u8, 0);
        json.WriteString("er"u8, ExpiryReason(e));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// USDⓈ-M <c>{"e":"ALGO_UPDATE","T","E","o":{...}}</c> ("Event: Algo Order Update"): an algo order's status
    /// (<paramref name="algoStatus"/>) with its <c>aid</c> (algoId), <c>caid</c> (clientAlgoId) and, once triggered, the
    /// regular order it became (<c>ai</c>) with that order's filled quantity (<c>aq</c>), average price (<c>ap</c>)
    /// and type (<c>act</c>).
    /// </summary>
    public static void AlgoUpdate(Utf8JsonWriter json, PaperMarket market, PaperOrder order, long algoId, string algoStatus, long eventMs)
    {
        var instrument = market.Instrument;
        var state = order.Last;
        var triggered = order.TriggerTime != 0;
        json.WriteStartObject();
        json.WriteString("e"u8, "ALGO_UPDATE"u8);
        json.WriteNumber("T"u8, BinanceWire.Ms(state.Timestamp));
        json.WriteNumber("E"u8, eventMs);
        json.WriteStartObject("o"u8);
        json.WriteString("caid"u8, order.ClientOrderId.Utf8);
        json.WriteNumber("aid"u8, algoId);
        json.WriteString("at"u8, "CONDITIONAL"u8);
        json.WriteString("o"u8, BinanceWire.FuturesOrderType(order.Type));
        json.WriteString("s"u8, market.Symbol);
        json.WriteString("S"u8, BinanceWire.Side(order.Side));
        json.WriteString("ps"u8, BinanceWire.PositionSide(order.PositionSide));
        json.WriteString("f"u8, BinanceWire.TimeInForce(order.TimeInForce));
        BinanceWire.WriteFixed(json, "q"u8, state.Quantity.Raw, state.Quantity.Raw == 0 ? instrument.SizePrecision : state.Quantity.Precision, false);
        json.WriteString("X"u8, algoStatus);
        json.WriteString("ai"u8, triggered ? order.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
        WriteAverage(json, "ap"u8, state, 5);
        BinanceWire.WriteFixed(json, "aq"u8, state.CumulativeQuantity.Raw, state.CumulativeQuantity.Raw == 0 ? instrument.SizePrecision : state.CumulativeQuantity.Precision, false);
        json.WriteString("act"u8, triggered ? (IsLimit(order.Type) ? "LIMIT" : "MARKET") : "0");
        BinanceWire.WriteFixed(json, "tp"u8, state.TriggerPrice.Raw, state.TriggerPrice.Raw == 0 ? instrument.PricePrecision : state.TriggerPrice.Precision, false);
        BinanceWire.WriteFixed(json, "p"u8, state.Price.Raw, state.Price.Raw == 0 ? instrument.PricePrecision : state.Price.Precision, false);
        json.WriteString("V"u8, BinanceWire.SelfTradePrevention(order.SelfTradePrevention));
        json.WriteString("wt"u8, order.WorkingType == WorkingType.MarkPrice ? "MARK_PRICE"u8 : "CONTRACT_PRICE"u8);
        json.WriteString("pm"u8, "NONE"u8);
        json.WriteBoolean("cp"u8, false);
        json.WriteBoolean("pP"u8, false);
        json.WriteBoolean("R"u8, order.ReduceOnly);
        json.WriteNumber("tt"u8, triggered ? BinanceWire.Ms(order.TriggerTime) : 0);
        json.WriteNumber("gtd"u8, 0);
        if (algoStatus == "REJECTED")
        {
            json.WriteString("rm"u8, state.RejectReason == RejectReason.ReduceOnlyRejected ? "Reduce Only reject" : state.RejectReason.ToString());
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary><c>{"e":"ACCOUNT_UPDATE","E","T","a":{"m","B":[{"a","wb","cw","bc"}],"P":[{"s","pa","ep","bep","cr","up","mt","iw","ps"}]}}</c>.</summary>
    public static void AccountUpdate(Utf8JsonWriter json, PaperExchange exchange, BinancePendingAccountUpdate pending, long eventMs)
    {
        json.WriteStartObject();
        json.WriteString("e"u8, "ACCOUNT_UPDATE"u8);
        json.WriteNumber("E"u8, eventMs);
        json.WriteNumber("T"u8, BinanceWire.Ms(pending.Time));
        json.WriteStartObject("a"u8);
        json.WriteString("m"u8, Reason(pending.Reason));
        json.WriteStartArray("B"u8);
        foreach (var balance in pending.Balances)
        {
            json.WriteStartObject();
            json.WriteString("a"u8, balance.Asset);
            BinanceWire.Write(json, "wb"u8, balance.WalletBalance, false);
            BinanceWire.Write(json, "cw"u8, balance.CrossWalletBalance, false);
            BinanceWire.Write(json, "bc"u8, balance.BalanceChange, false);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("P"u8);
        foreach (var update in pending.Positions)
        {
            var p = update.Position;
            var market = exchange.MarketOf(p.Instrument);
            json.WriteStartObject();
            json.WriteString("s"u8, market.Symbol);
            var signed = p.Direction == PositionDirection.Short ? -p.Size.Raw : p.Size.Raw;
            BinanceWire.WriteFixed(json, "pa"u8, signed, p.Size.Raw == 0 ? market.Instrument.SizePrecision : p.Size.Precision, false);
            BinanceWire.WriteFixed(json, "ep"u8, p.EntryPrice.Raw, p.EntryPrice.Precision, false);
            BinanceWire.WriteFixed(json, "bep"u8, p.EntryPrice.Raw, p.EntryPrice.Precision, false);
            BinanceWire.Write(json, "cr"u8, p.RealizedPnl, false);
            BinanceWire.Write(json, "up"u8, p.UnrealizedPnl, false);
            json.WriteString("mt"u8, p.MarginType == MarginType.Isolated ? "isolated"u8 : "cross"u8);
            BinanceWire.Write(json, "iw"u8, p.IsolatedWallet, false);
            json.WriteString("ps"u8, BinanceWire.PositionSide(p.PositionSide));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Spot <c>executionReport</c> with every field the spot docs list for a plain order.</summary>
    public static void ExecutionReport(Utf8JsonWriter json, PaperMarket market, in OrderEvent e, PaperOrder? order, long eventMs)
    {
        var instrument = market.Instrument;
        var ms = BinanceWire.Ms(e.Timestamp);
        json.WriteStartObject();
        json.WriteString("e"u8, "executionReport"u8);
        json.WriteNumber("E"u8, eventMs);
        json.WriteString("s"u8, market.Symbol);
        json.WriteString("c"u8, e.ClientOrderId.Utf8);
        json.WriteString("S"u8, BinanceWire.Side(e.Side));
        json.WriteString("o"u8, BinanceWire.SpotOrderType(e.Type, e.TimeInForce));
        json.WriteString("f"u8, e.TimeInForce == TimeInForce.Gtx ? "GTC" : BinanceWire.TimeInForce(e.TimeInForce));
        Spot(json, "q"u8, e.Quantity.Raw, instrument.SizePrecision, e.Quantity.Precision);
        Spot(json, "p"u8, e.Price.Raw, instrument.PricePrecision, e.Price.Precision);
        Spot(json, "P"u8, e.TriggerPrice.Raw, instrument.PricePrecision, e.TriggerPrice.Precision);
        json.WriteString("F"u8, "0.00000000"u8);
        json.WriteNumber("g"u8, -1);
        json.WriteString("C"u8, e.ExecutionType == ExecutionType.Canceled ? e.ClientOrderId.Utf8 : default);
        json.WriteString("x"u8, SpotExecution(e));
        json.WriteString("X"u8, BinanceWire.Status(e.Status));
        json.WriteString("r"u8, "NONE"u8);
        json.WriteNumber("i"u8, e.OrderId);
        Spot(json, "l"u8, e.LastQuantity.Raw, instrument.SizePrecision, e.LastQuantity.Precision);
        Spot(json, "z"u8, e.CumulativeQuantity.Raw, instrument.SizePrecision, e.CumulativeQuantity.Precision);
        Spot(json, "L"u8, e.LastPrice.Raw, instrument.PricePrecision, e.LastPrice.Precision);
        if (e.LastQuantity.Raw != 0 && e.CommissionAsset is not null)
        {
            BinanceWire.Write(json, "n"u8, e.Commission, true);
            json.WriteString("N"u8, e.CommissionAsset);
        }
        else
        {
            json.WriteString("n"u8, "0"u8);
            json.WriteNull("N"u8);
        }

        json.WriteNumber("T"u8, ms);
        json.WriteNumber("t"u8, e.TradeId == 0 ? -1 : e.TradeId);
        json.WriteNumber("I"u8, 0);
        var onBook = e.Status is OrderStatus.Accepted or OrderStatus.PartiallyFilled && e.Type == OrderType.Limit;
        json.WriteBoolean("w"u8, onBook);
        json.WriteBoolean("m"u8, e.LastQuantity.Raw != 0 && e.Liquidity == LiquiditySide.Maker);
        json.WriteBoolean("M"u8, false);
        json.WriteNumber("O"u8, BinanceWire.Ms(order?.CreateTime ?? e.Timestamp));
        BinanceWire.Write(json, "Z"u8, e.CumulativeQuote, true);
        var lastQuote = e.LastPrice.ToDecimal() * e.LastQuantity.ToDecimal();
        BinanceWire.Write(json, "Y"u8, lastQuote, 8);
        json.WriteString("Q"u8, "0.00000000"u8);
        if (onBook || (e.Type == OrderType.Limit && e.TimeInForce is TimeInForce.Gtc or TimeInForce.Gtx && e.Status is OrderStatus.Filled or OrderStatus.Canceled))
        {
            // Only an order that rested on the book has a working time.
            json.WriteNumber("W"u8, BinanceWire.Ms(order?.CreateTime ?? e.Timestamp));
        }

        json.WriteString("V"u8, BinanceWire.SelfTradePrevention(order?.SelfTradePrevention ?? SelfTradePrevention.None));
        json.WriteEndObject();
    }

    /// <summary><c>{"e":"outboundAccountPosition","E","u","B":[{"a","f","l"}]}</c>.</summary>
    public static void OutboundAccountPosition(Utf8JsonWriter json, BinancePendingAccountUpdate pending, long eventMs)
    {
        json.WriteStartObject();
        json.WriteString("e"u8, "outboundAccountPosition"u8);
        json.WriteNumber("E"u8, eventMs);
        json.WriteNumber("u"u8, BinanceWire.Ms(pending.Time));
        json.WriteStartArray("B"u8);
        foreach (var balance in pending.Balances)
        {
            json.WriteStartObject();
            json.WriteString("a"u8, balance.Asset);
            BinanceWire.Write(json, "f"u8, balance.Free, true);
            BinanceWire.Write(json, "l"u8, balance.Locked, true);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// <c>{"e":"listenKeyExpired","E","listenKey"}</c>: USDⓈ-M sends the event time as a string (its docs' example,
    /// and what its servers send), spot as a number.
    /// </summary>
    public static void ListenKeyExpired(Utf8JsonWriter json, bool futures, string listenKey, long eventMs)
    {
        json.WriteStartObject();
        json.WriteString("e"u8, "listenKeyExpired"u8);
        if (futures)
        {
            json.WriteString("E"u8, eventMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNumber("E"u8, eventMs);
        }

        json.WriteString("listenKey"u8, listenKey);
        json.WriteEndObject();
    }

    private static bool IsLimit(OrderType type) => type is OrderType.Limit or OrderType.StopLimit or OrderType.TakeProfitLimit;

    private static void Spot(Utf8JsonWriter json, ReadOnlySpan<byte> name, long raw, byte instrumentPrecision, byte precision) =>
        BinanceWire.WriteFixed(json, name, raw, raw == 0 ? instrumentPrecision : precision, true);

    private static void WriteAverage(Utf8JsonWriter json, ReadOnlySpan<byte> name, in OrderEvent e, int decimals)
    {
        var average = e.CumulativeQuantity.Raw == 0 ? 0m : e.CumulativeQuote.ToDecimal() / e.CumulativeQuantity.ToDecimal();
        BinanceWire.Write(json, name, average, decimals);
    }

    private static string FuturesExecution(ExecutionType type) => type switch
    {
        ExecutionType.Trade => "TRADE",
        ExecutionType.Canceled => "CANCELED",
        ExecutionType.Expired => "EXPIRED",
        ExecutionType.Amended => "AMENDMENT",
        ExecutionType.Liquidation => "CALCULATED",
        ExecutionType.Rejected => "REJECTED",
        _ => "NEW",
    };

    private static string SpotExecution(in OrderEvent e) => e.ExecutionType switch
    {
        ExecutionType.Trade or ExecutionType.Liquidation => "TRADE",
        ExecutionType.Canceled => "CANCELED",
        ExecutionType.Expired => e.RejectReason == RejectReason.SelfTradePrevented ? "TRADE_PREVENTION" : "EXPIRED",
        ExecutionType.Rejected => "REJECTED",
        ExecutionType.Amended => "REPLACED",
        _ => "NEW",
    };

    private static string ExpiryReason(in OrderEvent e) => e.ExecutionType != ExecutionType.Expired ? "0" : e.RejectReason switch
    {
        RejectReason.SelfTradePrevented => "1",
        _ when e.TimeInForce == TimeInForce.Ioc => "2",
        _ => "0",
    };

    private static string Reason(AccountUpdateReason reason) => reason switch
    {
        AccountUpdateReason.Deposit => "DEPOSIT",
        AccountUpdateReason.Withdraw => "WITHDRAW",
        AccountUpdateReason.FundingFee => "FUNDING_FEE",
        AccountUpdateReason.MarginTransfer => "MARGIN_TRANSFER",
        AccountUpdateReason.InsuranceClear => "INSURANCE_CLEAR",
        _ => "ORDER",
    };
}
