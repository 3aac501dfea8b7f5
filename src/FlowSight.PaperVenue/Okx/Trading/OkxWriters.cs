using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Okx.Trading;

/// <summary>
/// OKX's order, fill, position and balance objects, written the same way for REST answers and private WebSocket
/// pushes (exchange thread: they read the exchange's state).
/// </summary>
internal static class OkxWriters
{
    /// <summary>
    /// An order as <c>GET trade/order</c> and the <c>orders</c> channel give it; <paramref name="push"/> adds the
    /// channel's fill and amend fields, <paramref name="amendReqId"/> (not null) marks the push of an amend made by
    /// the user (<c>amendResult</c> 0, <c>amendSource</c> 1, the request's <c>reqId</c>). The regular order a triggered
    /// algo order became (<paramref name="algo"/> not null) has no <c>clOrdId</c> and names its algo order by
    /// <c>algoId</c> and <c>algoClOrdId</c>.
    /// </summary>
    public static void WriteOrder(Utf8JsonWriter json, PaperExchange exchange, PaperOrder order, OkxOrderExtra? extra, bool push, string? amendReqId = null, OkxAlgoOrder? algo = null)
    {
        var instrument = exchange.MarketOf(order.Instrument).Instrument;
        var last = order.Last;
        var ordType = algo is not null ? (algo.OrdPx == "-1" ? "market" : "limit") : extra?.OrdType ?? OkxText.OrdType(order.Type, order.TimeInForce);
        var tdMode = algo?.TdMode ?? extra?.TdMode ?? MarginMode(exchange.Accounts.GetMarginType(order.AccountId, order.Instrument));
        var hasFill = last.LastQuantity.Raw != 0;
        json.WriteStartObject();
        OkxWriterFields.Strings(json,
            ("instType", "SWAP"),
            ("instId", instrument.VenueSymbol),
            ("tgtCcy", string.Empty),
            ("ccy", string.Empty),
            ("ordId", OkxText.Int(order.OrderId)),
            ("clOrdId", algo is null ? order.ClientOrderId.ToString() : string.Empty),
            ("tag", algo?.Tag ?? extra?.Tag ?? string.Empty),
            ("px", ordType is "market" or "optimal_limit_ioc" ? string.Empty : OkxText.Px(last.Price)),
            ("pxUsd", string.Empty),
            ("pxVol", string.Empty),
            ("pxType", string.Empty),
            ("sz", OkxText.Sz(last.Quantity)),
            ("pnl", OkxText.Num(order.RealizedPnl)),
            ("ordType", ordType),
            ("side", OkxText.Side(order.Side)),
            ("posSide", OkxText.PosSide(order.PositionSide)),
            ("tdMode", tdMode),
            ("accFillSz", OkxText.Sz(last.CumulativeQuantity)),
            ("fillPx", hasFill ? OkxText.Px(last.LastPrice) : string.Empty),
            ("tradeId", hasFill ? OkxText.Int(last.TradeId) : string.Empty),
            ("fillSz", hasFill ? OkxText.Sz(last.LastQuantity) : "0"),
            ("fillTime", hasFill ? OkxText.Ms(last.Timestamp) : string.Empty),
            ("state", OkxText.State(order.Status)),
            ("avgPx", order.Last.CumulativeQuantity.Raw == 0 ? string.Empty : OkxText.Num(decimal.Round(order.AveragePrice, 10))),
            ("lever", OkxText.Int(exchange.Accounts.GetLeverage(order.AccountId, order.Instrument))),
            ("attachAlgoClOrdId", string.Empty),
            ("tpTriggerPx", string.Empty),
            ("tpTriggerPxType", string.Empty),
            ("tpOrdPx", string.Empty),
            ("slTriggerPx", string.Empty),
            ("slTriggerPxType", string.Empty),
            ("slOrdPx", string.Empty),
            ("stpId", string.Empty),
            ("stpMode", "cancel_maker"),
            ("feeCcy", order.CommissionAsset ?? instrument.SettleAsset),
            ("fee", OkxText.Num(-order.Commission)),
            ("rebateCcy", instrument.SettleAsset),
            ("rebate", "0"),
            ("source", string.Empty),
            ("category", "normal"),
            ("reduceOnly", order.ReduceOnly ? "true" : "false"),
            ("isTpLimit", "false"),
            ("cancelSource", extra?.CancelSource ?? string.Empty),
            ("cancelSourceReason", string.Empty),
            ("quickMgnType", string.Empty),
            ("algoClOrdId", algo?.AlgoClOrdId ?? string.Empty),
            ("algoId", algo is null ? string.Empty : OkxText.Int(algo.AlgoId)),
            ("uTime", OkxText.Ms(order.UpdateTime)),
            ("cTime", OkxText.Ms(order.CreateTime)));
        json.WriteStartArray("attachAlgoOrds");
        json.WriteEndArray();
        json.WriteStartObject("linkedAlgoOrd");
        json.WriteString("algoId", string.Empty);
        json.WriteEndObject();
        if (push)
        {
            var notional = last.Price.Raw != 0 ? last.Price.ToDecimal() * last.Quantity.ToDecimal() * instrument.ContractMultiplier : 0m;
            OkxWriterFields.Strings(json,
                ("notionalUsd", OkxText.Num(decimal.Round(notional, 8))),
                ("fillNotionalUsd", hasFill ? OkxText.Num(decimal.Round(last.LastPrice.ToDecimal() * last.LastQuantity.ToDecimal() * instrument.ContractMultiplier, 8)) : string.Empty),
                ("execType", hasFill ? OkxText.ExecType(last.Liquidity) : string.Empty),
                ("fillFee", hasFill ? OkxText.Num(-last.Commission.ToDecimal()) : "0"),
                ("fillFeeCcy", hasFill ? last.CommissionAsset ?? instrument.SettleAsset : string.Empty),
                ("fillPnl", hasFill ? OkxText.Num(last.RealizedPnl.ToDecimal()) : "0"),
                ("fillMarkPx", string.Empty),
                ("fillIdxPx", string.Empty),
                ("fillPxVol", string.Empty),
                ("fillPxUsd", string.Empty),
                ("fillMarkVol", string.Empty),
                ("fillFwdPx", string.Empty),
                ("amendResult", amendReqId is null ? string.Empty : "0"),
                ("amendSource", amendReqId is null ? string.Empty : "1"),
                ("reqId", amendReqId ?? string.Empty),
                ("code", "0"),
                ("msg", string.Empty));
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// An algo order as <c>orders-algo-pending</c>, <c>GET trade/order-algo</c> and the <c>orders-algo</c> channel give
    /// it: <c>state</c> live while it waits, canceled when canceled before its trigger, effective once triggered (with
    /// the regular order's <c>ordId</c>, <c>actualSz</c>, <c>actualPx</c>, <c>actualSide</c> and <c>triggerTime</c>).
    /// </summary>
    public static void WriteAlgoOrder(Utf8JsonWriter json, PaperExchange exchange, PaperOrder order, OkxAlgoOrder algo, bool push)
    {
        var market = exchange.MarketOf(order.Instrument);
        var instrument = market.Instrument;
        var last = order.Last;
        var triggered = order.TriggerTime != 0;
        var state = algo.FailCode.Length > 0 ? "order_failed"
            : triggered ? "effective"
            : order.Status == OrderStatus.Untriggered ? "live"
            : "canceled";
        var trigger = OkxText.Px(last.TriggerPrice);
        var tp = algo.TakeProfit;
        var lastPrice = market.Trades.TryGetLast(out var lastTrade) ? OkxText.Px(lastTrade.Price) : string.Empty;
        json.WriteStartObject();
        OkxWriterFields.Strings(json,
            ("instType", "SWAP"),
            ("instId", instrument.VenueSymbol),
            ("ccy", string.Empty),
            ("ordId", triggered ? OkxText.Int(order.OrderId) : string.Empty));
        json.WriteStartArray("ordIdList");
        if (triggered)
        {
            json.WriteStringValue(OkxText.Int(order.OrderId));
        }

        json.WriteEndArray();
        OkxWriterFields.Strings(json,
            ("algoId", OkxText.Int(algo.AlgoId)),
            ("clOrdId", string.Empty),
            ("sz", OkxText.Sz(last.Quantity)),
            ("closeFraction", string.Empty),
            ("ordType", "conditional"),
            ("side", OkxText.Side(order.Side)),
            ("posSide", OkxText.PosSide(order.PositionSide)),
            ("tdMode", algo.TdMode),
            ("tgtCcy", string.Empty),
            ("state", state),
            ("lever", OkxText.Int(exchange.Accounts.GetLeverage(order.AccountId, order.Instrument))),
            ("tpTriggerPx", tp ? trigger : string.Empty),
            ("tpTriggerPxType", tp ? algo.TriggerPxType : string.Empty),
            ("tpOrdPx", tp ? algo.OrdPx : string.Empty),
            ("slTriggerPx", tp ? string.Empty : trigger),
            ("slTriggerPxType", tp ? string.Empty : algo.TriggerPxType),
            ("slOrdPx", tp ? string.Empty : algo.OrdPx),
            ("triggerPx", string.Empty),
            ("triggerPxType", string.Empty),
            ("ordPx", string.Empty),
            ("actualSz", triggered ? OkxText.Sz(last.Quantity) : string.Empty),
            ("actualPx", triggered ? algo.OrdPx : string.Empty),
            ("actualSide", triggered ? (tp ? "tp" : "sl") : string.Empty),
            ("triggerTime", triggered ? OkxText.Ms(order.TriggerTime) : string.Empty),
            ("pxVar", string.Empty),
            ("pxSpread", string.Empty),
            ("szLimit", string.Empty),
            ("pxLimit", string.Empty),
            ("tag", algo.Tag),
            ("timeInterval", string.Empty),
            ("callbackRatio", string.Empty),
            ("callbackSpread", string.Empty),
            ("activePx", string.Empty),
            ("moveTriggerPx", string.Empty),
            ("reduceOnly", order.ReduceOnly ? "true" : "false"),
            ("quickMgnType", string.Empty),
            ("last", lastPrice),
            ("failCode", algo.FailCode),
            ("algoClOrdId", algo.AlgoClOrdId),
            ("amendPxOnTriggerType", "0"),
            ("isTradeBorrowMode", string.Empty),
            ("cTime", OkxText.Ms(order.CreateTime)),
            ("uTime", OkxText.Ms(order.UpdateTime)));
        json.WriteStartArray("attachAlgoOrds");
        json.WriteEndArray();
        json.WriteStartObject("linkedOrd");
        json.WriteString("ordId", string.Empty);
        json.WriteEndObject();
        if (push)
        {
            var notional = last.TriggerPrice.Raw != 0 ? last.TriggerPrice.ToDecimal() * last.Quantity.ToDecimal() * instrument.ContractMultiplier : 0m;
            OkxWriterFields.Strings(json,
                ("notionalUsd", OkxText.Num(decimal.Round(notional, 8))),
                ("amendResult", string.Empty),
                ("reqId", string.Empty),
                ("pTime", OkxText.Ms(exchange.Now)));
        }

        json.WriteEndObject();
    }

    /// <summary>A fill as <c>GET trade/fills</c> and <c>fills-history</c> give it.</summary>
    public static void WriteFill(Utf8JsonWriter json, PaperExchange exchange, in PaperFill fill, OkxOrderExtra? extra, OkxAlgoOrder? algo = null)
    {
        var instrument = exchange.MarketOf(fill.Instrument).Instrument;
        json.WriteStartObject();
        OkxWriterFields.Strings(json,
            ("instType", "SWAP"),
            ("instId", instrument.VenueSymbol),
            ("tradeId", OkxText.Int(fill.TradeId)),
            ("ordId", OkxText.Int(fill.OrderId)),
            ("clOrdId", algo is null ? fill.ClientOrderId.ToString() : string.Empty),
            ("billId", OkxText.Int(BillId(fill))),
            ("subType", fill.Side == OrderSide.Buy ? "1" : "2"),
            ("tag", algo?.Tag ?? extra?.Tag ?? string.Empty),
            ("fillPx", OkxText.Px(fill.Price)),
            ("fillSz", OkxText.Sz(fill.Quantity)),
            ("fillIdxPx", string.Empty),
            ("fillPnl", OkxText.Num(fill.RealizedPnl.ToDecimal())),
            ("fillPxVol", string.Empty),
            ("fillPxUsd", string.Empty),
            ("fillMarkVol", string.Empty),
            ("fillFwdPx", string.Empty),
            ("fillMarkPx", string.Empty),
            ("side", OkxText.Side(fill.Side)),
            ("posSide", OkxText.PosSide(fill.PositionSide)),
            ("execType", OkxText.ExecType(fill.Liquidity)),
            ("feeCcy", fill.CommissionAsset ?? instrument.SettleAsset),
            ("fee", OkxText.Num(-fill.Commission.ToDecimal())),
            ("ts", OkxText.Ms(fill.Time)),
            ("fillTime", OkxText.Ms(fill.Time)));
        json.WriteEndObject();
    }

    /// <summary>A fill's <c>billId</c>: unique per fill of an account (trade id, then maker/taker).</summary>
    public static long BillId(in PaperFill fill) => (fill.TradeId * 2) + (fill.Liquidity == Simulator.Orders.LiquiditySide.Maker ? 1 : 0);

    /// <summary>A position as <c>GET account/positions</c> and the <c>positions</c> channel give it.</summary>
    public static void WritePosition(Utf8JsonWriter json, PaperExchange exchange, in PositionSnapshot position, long now)
    {
        var market = exchange.MarketOf(position.Instrument);
        var instrument = market.Instrument;
        var size = position.Size.ToDecimal();
        var signed = position.PositionSide == PositionSide.Both && position.Direction == PositionDirection.Short ? -size : size;
        var notional = position.MarkPrice.ToDecimal() * size * instrument.ContractMultiplier;
        var isolated = position.MarginType == MarginType.Isolated;
        var margin = isolated ? position.IsolatedWallet.ToDecimal() : position.InitialMargin.ToDecimal();
        var upl = position.UnrealizedPnl.ToDecimal();
        var last = market.Trades.TryGetLast(out var trade) ? OkxText.Px(trade.Price) : OkxText.Px(position.MarkPrice);
        json.WriteStartObject();
        OkxWriterFields.Strings(json,
            ("instType", "SWAP"),
            ("mgnMode", MarginMode(position.MarginType)),
            ("posId", OkxText.Int((position.AccountId * 1000L) + (market.Index * 10L) + (long)position.PositionSide)),
            ("posSide", OkxText.PosSide(position.PositionSide)),
            ("pos", OkxText.Num(signed)),
            ("baseBal", string.Empty),
            ("quoteBal", string.Empty),
            ("posCcy", string.Empty),
            ("availPos", OkxText.Num(size)),
            ("avgPx", size == 0 ? string.Empty : OkxText.Px(position.EntryPrice)),
            ("nonSettleAvgPx", string.Empty),
            ("markPx", OkxText.Px(position.MarkPrice)),
            ("upl", OkxText.Num(upl)),
            ("uplRatio", margin == 0 ? "0" : OkxText.Num(decimal.Round(upl / margin, 10))),
            ("uplLastPx", OkxText.Num(upl)),
            ("uplRatioLastPx", margin == 0 ? "0" : OkxText.Num(decimal.Round(upl / margin, 10))),
            ("instId", instrument.VenueSymbol),
            ("lever", OkxText.Int(position.Leverage)),
            ("liqPx", OkxText.Px(position.LiquidationPrice)),
            ("imr", isolated ? string.Empty : OkxText.Num(position.InitialMargin.ToDecimal())),
            ("margin", isolated ? OkxText.Num(margin) : string.Empty),
            ("mgnRatio", string.Empty),
            ("mmr", OkxText.Num(position.MaintenanceMargin.ToDecimal())),
            ("liab", string.Empty),
            ("liabCcy", string.Empty),
            ("interest", string.Empty),
            ("tradeId", string.Empty),
            ("optVal", string.Empty),
            ("pendingCloseOrdLiabVal", string.Empty),
            ("notionalUsd", OkxText.Num(decimal.Round(notional, 8))),
            ("adl", "1"),
            ("ccy", instrument.SettleAsset),
            ("last", last),
            ("idxPx", OkxText.Px(position.MarkPrice)),
            ("usdPx", string.Empty),
            ("bePx", string.Empty),
            ("deltaBS", string.Empty),
            ("deltaPA", string.Empty),
            ("gammaBS", string.Empty),
            ("gammaPA", string.Empty),
            ("thetaBS", string.Empty),
            ("thetaPA", string.Empty),
            ("vegaBS", string.Empty),
            ("vegaPA", string.Empty),
            ("spotInUseAmt", string.Empty),
            ("spotInUseCcy", string.Empty),
            ("clSpotInUseAmt", string.Empty),
            ("maxSpotInUseAmt", string.Empty),
            ("bizRefId", string.Empty),
            ("bizRefType", string.Empty),
            ("realizedPnl", OkxText.Num(position.RealizedPnl.ToDecimal())),
            ("settledPnl", string.Empty),
            ("pnl", OkxText.Num(position.RealizedPnl.ToDecimal())),
            ("fee", "0"),
            ("fundingFee", "0"),
            ("liqPenalty", "0"),
            ("cTime", OkxText.Ms(now)),
            ("uTime", OkxText.Ms(now)));
        json.WriteStartArray("closeOrderAlgo");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Every open position leg of <paramref name="accountId"/> (optionally only <paramref name="instIds"/>).</summary>
    public static List<PositionSnapshot> Positions(PaperExchange exchange, int accountId, IReadOnlySet<string>? instIds = null)
    {
        var result = new List<PositionSnapshot>();
        foreach (var market in exchange.Markets)
        {
            if (instIds is not null && !instIds.Contains(market.Symbol))
            {
                continue;
            }

            foreach (var side in (ReadOnlySpan<PositionSide>)[PositionSide.Both, PositionSide.Long, PositionSide.Short])
            {
                var position = exchange.Accounts.GetPosition(accountId, market.Instrument.Id, side);
                if (position.Size.Raw != 0)
                {
                    result.Add(position);
                }
            }
        }

        return result;
    }

    /// <summary>The account as <c>GET account/balance</c> and the <c>account</c> channel give it: one USDT detail.</summary>
    public static void WriteAccount(Utf8JsonWriter json, PaperExchange exchange, int accountId, long now)
    {
        var figures = AccountFigures.Of(exchange, accountId);
        var time = OkxText.Ms(now);
        json.WriteStartObject();
        OkxWriterFields.Strings(json,
            ("adjEq", OkxText.Num(figures.Equity)),
            ("availEq", OkxText.Num(figures.Available)),
            ("borrowFroz", string.Empty),
            ("imr", OkxText.Num(figures.InitialMargin)),
            ("isoEq", OkxText.Num(figures.IsolatedEquity)),
            ("mgnRatio", figures.MaintenanceMargin == 0 ? string.Empty : OkxText.Num(decimal.Round(figures.Equity / figures.MaintenanceMargin, 8))),
            ("mmr", OkxText.Num(figures.MaintenanceMargin)),
            ("notionalUsd", OkxText.Num(decimal.Round(figures.Notional, 8))),
            ("ordFroz", OkxText.Num(figures.OrderFrozen)),
            ("totalEq", OkxText.Num(figures.Equity)),
            ("upl", OkxText.Num(figures.Upl)),
            ("uTime", time));
        json.WriteStartArray("details");
        json.WriteStartObject();
        OkxWriterFields.Strings(json,
            ("availBal", OkxText.Num(figures.Available)),
            ("availEq", OkxText.Num(figures.Available)),
            ("borrowFroz", string.Empty),
            ("cashBal", OkxText.Num(figures.Cash)),
            ("ccy", figures.Asset),
            ("crossLiab", string.Empty),
            ("disEq", OkxText.Num(figures.Equity)),
            ("eq", OkxText.Num(figures.Equity)),
            ("eqUsd", OkxText.Num(figures.Equity)),
            ("fixedBal", "0"),
            ("frozenBal", OkxText.Num(figures.Frozen)),
            ("imr", string.Empty),
            ("interest", string.Empty),
            ("isoEq", OkxText.Num(figures.IsolatedEquity)),
            ("isoLiab", string.Empty),
            ("isoUpl", OkxText.Num(figures.IsolatedUpl)),
            ("liab", string.Empty),
            ("maxLoan", string.Empty),
            ("mgnRatio", string.Empty),
            ("mmr", string.Empty),
            ("notionalLever", string.Empty),
            ("ordFrozen", OkxText.Num(figures.OrderFrozen)),
            ("rewardBal", "0"),
            ("smtSyncEq", "0"),
            ("spotInUseAmt", string.Empty),
            ("spotIsoBal", "0"),
            ("stgyEq", "0"),
            ("twap", "0"),
            ("uTime", time),
            ("upl", OkxText.Num(figures.Upl)),
            ("uplLiab", string.Empty));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>OKX's <c>mgnMode</c>/<c>tdMode</c> word.</summary>
    public static string MarginMode(MarginType type) => type == MarginType.Isolated ? "isolated" : "cross";
}
