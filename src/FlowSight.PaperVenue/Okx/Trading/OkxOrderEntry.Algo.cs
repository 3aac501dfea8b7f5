using System.Globalization;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Okx.Rest;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Matching;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Okx.Trading;

/// <summary>
/// OKX's conditional (algo) orders: <c>POST trade/order-algo</c> with <c>ordType</c> <c>conditional</c> and one leg,
/// take-profit (<c>tpTriggerPx</c>/<c>tpOrdPx</c>) or stop-loss (<c>slTriggerPx</c>/<c>slOrdPx</c>), <c>-1</c> as the
/// order price for a market order, triggered on the last trade price (<c>last</c>, OKX's default) or the mark
/// (<c>mark</c>); <c>cancel-algos</c>. The order waits in the simulator as an untriggered stop numbered by its own
/// <c>algoId</c>; when it triggers it becomes a regular order (the simulator's order id is its <c>ordId</c>) without a
/// <c>clOrdId</c>, linked to the algo order by <c>algoId</c>/<c>algoClOrdId</c>. Until then the regular order
/// endpoints do not know it, and they never find it by client id.
/// </summary>
internal sealed partial class OkxOrderEntry
{
    // Far above the simulator's order ids and the system-canceled ones, 18 digits like OKX's own algo ids.
    private const long FirstAlgoId = 590_000_000_000_000_001;

    private readonly Dictionary<long, OkxAlgoOrder> _algoByOrder = [];
    private readonly Dictionary<long, OkxAlgoOrder> _algoById = [];
    private readonly Dictionary<(int AccountId, string AlgoClOrdId), OkxAlgoOrder> _algoByClientId = [];
    private long _nextAlgoId = FirstAlgoId;
    private (int AccountId, ClientOrderId ClientOrderId, OkxAlgoOrder Algo)? _submittingAlgo;

    /// <summary>The algo order a simulator order belongs to, null for a regular order.</summary>
    public OkxAlgoOrder? Algo(long orderId) => _algoByOrder.GetValueOrDefault(orderId);

    /// <summary>True while an algo order waits for its trigger: the regular order endpoints do not know it then.</summary>
    public bool IsHidden(PaperOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.TriggerTime == 0 && _algoByOrder.ContainsKey(order.OrderId);
    }

    /// <summary>
    /// The order as the regular order endpoints see it: an algo order is unknown to them before it triggers, and
    /// never found by client id (the regular order a trigger places has no <c>clOrdId</c>).
    /// </summary>
    public PaperOrder? RegularOrNull(PaperOrder? order, bool byClientId) =>
        order is null || !_algoByOrder.ContainsKey(order.OrderId) ? order
            : byClientId || order.TriggerTime == 0 ? null
            : order;

    /// <summary>The algo orders of <paramref name="accountId"/> (optionally of one instrument), oldest first.</summary>
    public IEnumerable<(PaperOrder Order, OkxAlgoOrder Algo)> AlgoOrders(int accountId, InstrumentId? instrument)
    {
        foreach (var order in exchange.Orders.Orders(accountId, instrument))
        {
            if (_algoByOrder.TryGetValue(order.OrderId, out var algo))
            {
                yield return (order, algo);
            }
        }
    }

    /// <summary>Finds an algo order of <paramref name="accountId"/> by <c>algoId</c> or <c>algoClOrdId</c>.</summary>
    public (PaperOrder Order, OkxAlgoOrder Algo)? FindAlgo(int accountId, long? algoId, string? algoClOrdId)
    {
        OkxAlgoOrder? algo = null;
        if (algoId is { } id)
        {
            algo = _algoById.GetValueOrDefault(id);
        }
        else if (algoClOrdId is not null)
        {
            algo = _algoByClientId.GetValueOrDefault((accountId, algoClOrdId));
        }

        return algo is not null && exchange.Orders.TryGet(accountId, algo.OrderId, out var order) ? (order, algo) : null;
    }

    /// <summary>Checks and places one conditional order of <paramref name="accountId"/> (<c>POST trade/order-algo</c>).</summary>
    public OkxAlgoResult PlaceAlgo(int accountId, OkxParameters p)
    {
        var instId = p.Required("instId");
        var tdMode = p.Required("tdMode");
        var sideText = p.Required("side");
        var ordType = p.Required("ordType");
        var algoClOrdId = Alphanumeric(p, "algoClOrdId", 32);
        var tag = Alphanumeric(p, "tag", 16);
        var side = SideOf(sideText);

        // The paper venue keeps OKX's one-way stop orders; oco, trigger, trailing and the execution algos are not simulated.
        if (ordType != "conditional")
        {
            throw OkxApiException.Invalid("ordType");
        }

        if (tdMode is not ("cross" or "isolated"))
        {
            throw tdMode == "cash"
                ? new OkxApiException("51010", "You can't complete this request under your current account mode.", 200)
                : OkxApiException.Invalid("tdMode");
        }

        var tp = p.Get("tpTriggerPx");
        var sl = p.Get("slTriggerPx");
        if (tp is null && sl is null)
        {
            throw OkxApiException.Missing("slTriggerPx");
        }

        // One leg per order here; OKX's conditional order with both legs is not simulated.
        if (tp is not null && sl is not null)
        {
            throw OkxApiException.Invalid("tpTriggerPx");
        }

        var takeProfit = tp is not null;
        var prefix = takeProfit ? "tp" : "sl";
        var triggerPxType = p.Get(prefix + "TriggerPxType") ?? "last";
        var workingType = triggerPxType switch
        {
            "last" => WorkingType.ContractPrice,
            "mark" => WorkingType.MarkPrice,
            _ => throw OkxApiException.Invalid(prefix + "TriggerPxType"), // index prices are not simulated
        };
        var ordPxText = p.Required(prefix + "OrdPx");
        var trigger = p.Decimal(prefix + "TriggerPx")!.Value;
        var ordPx = p.Decimal(prefix + "OrdPx")!.Value;
        var szText = p.Required("sz");
        var reduceOnly = p.Bool("reduceOnly", false);
        if (!exchange.TryGetMarket(instId, out var market))
        {
            return AlgoRefused(algoClOrdId, tag, RejectReasonCodes.Okx(RejectReason.UnknownInstrument));
        }

        var instrument = market.Instrument;
        if (!decimal.TryParse(szText, NumberStyles.Number, CultureInfo.InvariantCulture, out var sz))
        {
            throw OkxApiException.Invalid("sz");
        }

        if (sz <= 0 || sz > MaxValue || Scale(sz) > instrument.SizePrecision)
        {
            return AlgoRefused(algoClOrdId, tag, RejectReasonCodes.Okx(sz <= 0 ? RejectReason.InvalidQuantity
                : sz > MaxValue ? RejectReason.QuantityAboveMaximum : RejectReason.QuantityNotStepMultiple));
        }

        if (trigger <= 0 || trigger > MaxValue || Scale(trigger) > instrument.PricePrecision)
        {
            return AlgoRefused(algoClOrdId, tag, new("51000", $"Parameter {prefix}TriggerPx error"));
        }

        var atMarket = ordPxText == "-1";
        if (!atMarket && (ordPx <= 0 || ordPx > MaxValue || Scale(ordPx) > instrument.PricePrecision))
        {
            return AlgoRefused(algoClOrdId, tag, new("51000", $"Parameter {prefix}OrdPx error"));
        }

        var mode = exchange.Accounts.GetPositionMode(accountId);
        var positionSide = (p.Get("posSide"), mode) switch
        {
            (null or "net", PositionMode.OneWay) => PositionSide.Both,
            ("long", PositionMode.Hedge) => PositionSide.Long,
            ("short", PositionMode.Hedge) => PositionSide.Short,
            _ => throw OkxApiException.Invalid("posSide"),
        };
        var marginType = tdMode == "isolated" ? MarginType.Isolated : MarginType.Cross;
        if (exchange.Accounts.GetMarginType(accountId, instrument.Id) != marginType)
        {
            try
            {
                exchange.Accounts.SetMarginType(accountId, instrument.Id, marginType);
            }
            catch (InvalidOperationException)
            {
                return AlgoRefused(algoClOrdId, tag, new("51000", "Parameter tdMode error"));
            }
        }

        if (algoClOrdId.Length > 0 && _algoByClientId.TryGetValue((accountId, algoClOrdId), out var existing)
            && exchange.Orders.TryGet(accountId, existing.OrderId, out var existingOrder) && existingOrder.IsOpen)
        {
            return AlgoRefused(algoClOrdId, tag, new("51065", "algoClOrdId already exists."));
        }

        var type = (takeProfit, atMarket) switch
        {
            (true, true) => OrderType.TakeProfitMarket,
            (true, false) => OrderType.TakeProfitLimit,
            (false, true) => OrderType.StopMarket,
            (false, false) => OrderType.StopLimit,
        };
        var clientOrderId = algoClOrdId.Length == 0 ? default : ClientOrderId.Parse(algoClOrdId);
        var request = new SimOrderRequest(accountId, instrument.Id, clientOrderId, side, type, TimeInForce.Gtc,
            Quantity.FromDecimal(sz, instrument.SizePrecision),
            atMarket ? default : Price.FromDecimal(ordPx, instrument.PricePrecision),
            Price.FromDecimal(trigger, instrument.PricePrecision),
            reduceOnly, positionSide, WorkingType: workingType);
        var algo = new OkxAlgoOrder
        {
            AlgoId = _nextAlgoId,
            AlgoClOrdId = algoClOrdId,
            TakeProfit = takeProfit,
            TriggerPxType = triggerPxType,
            OrdPx = atMarket ? "-1" : ordPxText,
            Tag = tag,
            TdMode = tdMode,
        };
        _submittingAlgo = (accountId, clientOrderId, algo);
        List<OrderEvent> events;
        try
        {
            events = exchange.Submit(request);
        }
        finally
        {
            _submittingAlgo = null;
        }

        if (events.Count == 0 || events[0].ExecutionType == ExecutionType.Rejected || events[0].OrderId == 0 || algo.OrderId == 0)
        {
            var reason = events.Count == 0 ? RejectReason.InvalidOrderType : events[0].RejectReason;
            return AlgoRefused(algoClOrdId, tag, reason switch
            {
                RejectReason.DuplicateClientOrderId => new("51065", "algoClOrdId already exists."),
                RejectReason.WouldTriggerImmediately => WrongSide(side, takeProfit, triggerPxType),
                _ => RejectReasonCodes.Okx(reason),
            });
        }

        _nextAlgoId++;
        return new OkxAlgoResult(OkxText.Int(algo.AlgoId), algoClOrdId, tag, "0", "Order placed");
    }

    /// <summary>Cancels one algo order of <paramref name="accountId"/> (<c>cancel-algos</c> item) by <c>algoId</c> or <c>algoClOrdId</c>.</summary>
    public OkxAlgoResult CancelAlgo(int accountId, OkxParameters p)
    {
        var instId = p.Required("instId");
        var algoIdText = p.Get("algoId");
        var algoClOrdId = p.Get("algoClOrdId");
        if (algoIdText is null && algoClOrdId is null)
        {
            throw new OkxApiException("51000", "Parameter algoId error", 400);
        }

        long? algoId = null;
        if (algoIdText is not null)
        {
            algoId = long.TryParse(algoIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw OkxApiException.Invalid("algoId");
        }

        if (!exchange.TryGetMarket(instId, out var market))
        {
            throw OkxApiException.UnknownInstrument();
        }

        var found = FindAlgo(accountId, algoId, algoClOrdId);
        if (found is not { } f || f.Order.Instrument != market.Instrument.Id || f.Order.Status is not OrderStatus.Untriggered)
        {
            // Once triggered the algo order is done: its regular order is canceled through cancel-order.
            var (code, msg) = found is { } t && t.Order.TriggerTime != 0
                ? ("51416", "Order has been triggered and can't be canceled")
                : ("51400", "Order cancellation failed as the order has been filled, canceled or does not exist.");
            return new OkxAlgoResult(algoIdText ?? (found is { } a ? OkxText.Int(a.Algo.AlgoId) : string.Empty), algoClOrdId ?? string.Empty, string.Empty, code, msg);
        }

        exchange.Cancel(new SimCancelRequest(accountId, f.Order.Instrument, f.Order.OrderId));
        return new OkxAlgoResult(OkxText.Int(f.Algo.AlgoId), f.Algo.AlgoClOrdId, string.Empty, "0", string.Empty);
    }

    // OKX's codes for a trigger the price has already reached, by leg, side and trigger price type.
    private static OkxReject WrongSide(OrderSide side, bool takeProfit, string triggerPxType) =>
        (takeProfit, side, triggerPxType == "mark") switch
        {
            (true, OrderSide.Buy, false) => new("51277", "TP trigger price cannot be higher than the last price."),
            (false, OrderSide.Buy, false) => new("51278", "SL trigger price cannot be lower than the last price."),
            (true, OrderSide.Sell, false) => new("51279", "TP trigger price cannot be lower than the last price."),
            (false, OrderSide.Sell, false) => new("51280", "SL trigger price cannot be higher than the last price."),
            (true, OrderSide.Buy, true) => new("51300", "TP trigger price cannot be higher than the mark price"),
            (false, OrderSide.Buy, true) => new("51302", "SL trigger price cannot be lower than the mark price"),
            (true, OrderSide.Sell, true) => new("51303", "TP trigger price cannot be lower than the mark price"),
            _ => new("51304", "SL trigger price cannot be higher than the mark price"),
        };

    private static OkxAlgoResult AlgoRefused(string algoClOrdId, string tag, OkxReject code) =>
        new(string.Empty, algoClOrdId, tag, code.SCode, code.SMsg);

    // The algo submission under way claims its order from the simulator's first event, before Submit returns.
    private void ClaimAlgo(in OrderEvent e)
    {
        if (e.ExecutionType != ExecutionType.New || _submittingAlgo is not { } s || s.AccountId != e.AccountId
            || s.ClientOrderId != e.ClientOrderId || _algoByOrder.ContainsKey(e.OrderId))
        {
            return;
        }

        s.Algo.OrderId = e.OrderId;
        _algoByOrder[e.OrderId] = s.Algo;
        _algoById[s.Algo.AlgoId] = s.Algo;
        if (s.Algo.AlgoClOrdId.Length > 0)
        {
            _algoByClientId[(e.AccountId, s.Algo.AlgoClOrdId)] = s.Algo;
        }

        _submittingAlgo = null;
    }
}
