using System.Globalization;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Okx.Rest;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Matching;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Okx.Trading;

/// <summary>
/// OKX order entry on the simulated exchange, shared by REST (<c>trade/order</c>, <c>batch-orders</c>,
/// <c>cancel-order</c>, <c>amend-order</c>) and the private WebSocket (<c>op: order</c>, <c>cancel-order</c>,
/// <c>amend-order</c>). Malformed parameters
/// throw <see cref="OkxApiException"/> (the whole request fails); what the exchange refuses comes back as the
/// order's <c>sCode</c>/<c>sMsg</c> from <see cref="RejectReasonCodes.Okx"/>. Exchange thread only.
/// </summary>
internal sealed partial class OkxOrderEntry(PaperExchange exchange)
{
    // Far above any listed swap's price or size, far below what the fixed-point types can hold.
    private const decimal MaxValue = 1_000_000_000m;

    // OKX accepts a post-only order that would take, or a fill-or-kill that cannot fill, and then cancels it; the
    // simulated exchange refuses them before they get an id, so they get ids of their own, far above the exchange's.
    private const long FirstSystemCanceledId = 1L << 40;

    private readonly Dictionary<long, OkxOrderExtra> _extras = [];
    private long _nextSystemCanceledId = FirstSystemCanceledId;

    // The extra of the order being submitted: its events are pushed during the submission, before its id is known here.
    private OkxOrderExtra? _submitting;

    // The order being amended and the request's reqId: its Amended event is pushed during the amend.
    private long _amendingOrderId;
    private string _amendingReqId = string.Empty;

    /// <summary>What OKX reports of an order beyond the exchange's record, if it was placed here.</summary>
    public OkxOrderExtra? Extra(long orderId) => _extras.GetValueOrDefault(orderId);

    /// <summary>
    /// The <c>reqId</c> to push with <paramref name="e"/> when it is the change an <c>amend-order</c> request made
    /// (the <c>orders</c> channel then says <c>amendResult</c> 0); null for every other event.
    /// </summary>
    public string? AmendReqId(in OrderEvent e) =>
        e.ExecutionType == ExecutionType.Amended && e.OrderId != 0 && e.OrderId == _amendingOrderId ? _amendingReqId : null;

    /// <summary>Takes in an event of one of our orders before it is published (its extra, the system's cancel source).</summary>
    public OkxOrderExtra? Observe(in OrderEvent e)
    {
        if (e.OrderId == 0)
        {
            return null;
        }

        ClaimAlgo(e);
        if (!_extras.TryGetValue(e.OrderId, out var extra) && e.ExecutionType == ExecutionType.New && _submitting is not null)
        {
            extra = _submitting;
            _extras[e.OrderId] = extra;
            _submitting = null;
        }

        if (extra is not null && e.ExecutionType == ExecutionType.Expired && RejectReasonCodes.Okx(e.RejectReason).CancelSource is { } source)
        {
            extra.CancelSource = source;
        }

        return extra;
    }

    /// <summary>Checks and places one order of <paramref name="accountId"/>.</summary>
    public OkxOrderResult Place(int accountId, OkxParameters p)
    {
        var instId = p.Required("instId");
        var tdMode = p.Required("tdMode");
        var sideText = p.Required("side");
        var ordType = p.Required("ordType");
        var szText = p.Required("sz");
        var clOrdIdText = Alphanumeric(p, "clOrdId", 32);
        var tag = Alphanumeric(p, "tag", 16);
        var side = SideOf(sideText);
        var (type, timeInForce) = ordType switch
        {
            "market" => (OrderType.Market, TimeInForce.Gtc),
            "optimal_limit_ioc" => (OrderType.Market, TimeInForce.Ioc),
            "limit" => (OrderType.Limit, TimeInForce.Gtc),
            "post_only" => (OrderType.Limit, TimeInForce.Gtx),
            "fok" => (OrderType.Limit, TimeInForce.Fok),
            "ioc" => (OrderType.Limit, TimeInForce.Ioc),
            _ => throw OkxApiException.Invalid("ordType"),
        };
        if (tdMode is not ("cross" or "isolated"))
        {
            throw tdMode == "cash"
                ? new OkxApiException("51010", "You can't complete this request under your current account mode.", 200)
                : OkxApiException.Invalid("tdMode");
        }

        var reduceOnly = p.Bool("reduceOnly", false);
        var clOrdId = clOrdIdText.Length == 0 ? default : ClientOrderId.Parse(clOrdIdText);
        var ts = exchange.Now;
        if (!exchange.TryGetMarket(instId, out var market))
        {
            return Refused(clOrdIdText, tag, RejectReason.UnknownInstrument, ts);
        }

        var instrument = market.Instrument;
        if (!decimal.TryParse(szText, NumberStyles.Number, CultureInfo.InvariantCulture, out var sz))
        {
            throw OkxApiException.Invalid("sz");
        }

        if (sz <= 0)
        {
            return Refused(clOrdIdText, tag, RejectReason.InvalidQuantity, ts);
        }

        if (sz > MaxValue)
        {
            return Refused(clOrdIdText, tag, RejectReason.QuantityAboveMaximum, ts);
        }

        if (Scale(sz) > instrument.SizePrecision)
        {
            return Refused(clOrdIdText, tag, RejectReason.QuantityNotStepMultiple, ts);
        }

        Price price = default;
        if (type == OrderType.Limit)
        {
            var px = p.Decimal("px") ?? throw OkxApiException.Missing("px");
            if (px <= 0 || px > MaxValue || Scale(px) > instrument.PricePrecision)
            {
                return Refused(clOrdIdText, tag, px <= 0 || px > MaxValue ? RejectReason.InvalidPrice : RejectReason.PriceNotTickMultiple, ts);
            }

            price = Price.FromDecimal(px, instrument.PricePrecision);
        }

        var mode = exchange.Accounts.GetPositionMode(accountId);
        var positionSide = (p.Get("posSide"), mode) switch
        {
            (null or "net", PositionMode.OneWay) => PositionSide.Both,
            ("long", PositionMode.Hedge) => PositionSide.Long,
            ("short", PositionMode.Hedge) => PositionSide.Short,
            (null, PositionMode.Hedge) => throw OkxApiException.Invalid("posSide"),
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
                return new OkxOrderResult(string.Empty, clOrdIdText, tag, "51000", "Parameter tdMode error", Ms(ts));
            }
        }

        var request = new SimOrderRequest(accountId, instrument.Id, clOrdId, side, type, timeInForce,
            Quantity.FromDecimal(sz, instrument.SizePrecision), price, default, reduceOnly, positionSide);
        var extra = new OkxOrderExtra { Tag = tag, TdMode = tdMode, OrdType = ordType == "optimal_limit_ioc" ? ordType : null };
        _submitting = extra;
        List<OrderEvent> events;
        try
        {
            events = exchange.Submit(request);
        }
        finally
        {
            _submitting = null;
        }

        if (events.Count == 0)
        {
            return Refused(clOrdIdText, tag, RejectReason.InvalidOrderType, ts);
        }

        var first = events[0];
        if (first.ExecutionType == ExecutionType.Rejected || first.OrderId == 0)
        {
            var code = RejectReasonCodes.Okx(first.RejectReason);
            return code.SCode == "0"
                ? AcceptedThenCanceled(first, request, extra, code.CancelSource, market, ts)
                : Refused(clOrdIdText, tag, first.RejectReason, ts);
        }

        foreach (var e in events)
        {
            if (e.ExecutionType == ExecutionType.Expired && RejectReasonCodes.Okx(e.RejectReason).CancelSource is { } source)
            {
                extra.CancelSource = source;
            }
        }

        _extras[first.OrderId] = extra;
        return new OkxOrderResult(OkxText.Int(first.OrderId), clOrdIdText, tag, "0", "Order placed", Ms(ts));
    }

    /// <summary>Told of the orders OKX accepts and at once cancels (the exchange never saw them), to push them.</summary>
    public Action<PaperMarket, OrderEvent>? SystemCanceled { get; set; }

    // OKX's client ids and tags: optional, ASCII letters and digits only, up to maxLength.
    private static string Alphanumeric(OkxParameters p, string name, int maxLength)
    {
        var value = p.Get(name) ?? string.Empty;
        if (value.Length > maxLength || !value.All(char.IsAsciiLetterOrDigit))
        {
            throw OkxApiException.Invalid(name);
        }

        return value;
    }

    private static OrderSide SideOf(string side) => side switch
    {
        "buy" => OrderSide.Buy,
        "sell" => OrderSide.Sell,
        _ => throw OkxApiException.Invalid("side"),
    };

    /// <summary>Cancels one order of <paramref name="accountId"/> by <c>ordId</c> or <c>clOrdId</c>.</summary>
    public OkxOrderResult Cancel(int accountId, OkxParameters p)
    {
        var instId = p.Required("instId");
        var ordIdText = p.Get("ordId");
        var clOrdIdText = p.Get("clOrdId");
        if (ordIdText is null && clOrdIdText is null)
        {
            throw new OkxApiException("51000", "Parameter ordId error", 400);
        }

        var ts = exchange.Now;
        if (!exchange.TryGetMarket(instId, out var market))
        {
            return Refused(clOrdIdText ?? string.Empty, string.Empty, RejectReason.UnknownInstrument, ts, ordIdText);
        }

        PaperOrder? order = null;
        if (ordIdText is not null)
        {
            if (!long.TryParse(ordIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var ordId))
            {
                throw OkxApiException.Invalid("ordId");
            }

            order = exchange.Orders.TryGet(accountId, ordId, out var found) ? found : null;
        }
        else if (ClientOrderId.TryParse(clOrdIdText, out var clOrdId))
        {
            order = exchange.Orders.TryGet(accountId, clOrdId, out var found) ? found : null;
        }

        order = RegularOrNull(order, byClientId: ordIdText is null);
        if (order is null || order.Instrument != market.Instrument.Id)
        {
            return Refused(clOrdIdText ?? string.Empty, string.Empty, RejectReason.UnknownOrder, ts, ordIdText ?? string.Empty);
        }

        var ordIdOut = OkxText.Int(order.OrderId);
        var clOut = order.ClientOrderId.ToString();
        if (!order.IsOpen)
        {
            return Refused(clOut, string.Empty, RejectReason.OrderAlreadyClosed, ts, ordIdOut);
        }

        var events = exchange.Cancel(new SimCancelRequest(accountId, order.Instrument, order.OrderId));
        if (events.Count > 0 && events[0].ExecutionType == ExecutionType.Rejected)
        {
            return Refused(clOut, string.Empty, events[0].RejectReason, ts, ordIdOut);
        }

        return new OkxOrderResult(ordIdOut, clOut, string.Empty, "0", string.Empty, Ms(ts));
    }

    /// <summary>
    /// Amends one open limit order of <paramref name="accountId"/> (OKX <c>amend-order</c>): found by <c>ordId</c> or
    /// <c>clOrdId</c>; <c>newSz</c> is the new total size, filled part included (at or below the filled size the rest
    /// is canceled, as the simulated exchange does), <c>newPx</c> the new price; at least one of them. A refused amend
    /// leaves the order as it was, or cancels it when <c>cxlOnFail</c> is true. OKX's codes: 51500 neither given,
    /// 51503 no such order, 51509 already canceled, 51510 already filled, 51506 not a resting limit order, 51511 a
    /// post-only price that would take, 51502 insufficient margin, and the order's own filter codes (51121, 51000, 51020).
    /// </summary>
    public OkxOrderResult Amend(int accountId, OkxParameters p)
    {
        var instId = p.Required("instId");
        var ordIdText = p.Get("ordId");
        var clOrdIdText = p.Get("clOrdId");
        var reqId = p.Get("reqId") ?? string.Empty;
        if (ordIdText is null && clOrdIdText is null)
        {
            throw new OkxApiException("51000", "Parameter ordId error", 400);
        }

        if (reqId.Length > 32 || !reqId.All(char.IsAsciiLetterOrDigit))
        {
            throw OkxApiException.Invalid("reqId");
        }

        var cancelOnFail = p.Bool("cxlOnFail", false);
        var newSz = p.Decimal("newSz");
        var newPx = p.Decimal("newPx");
        long ordId = 0;
        if (ordIdText is not null && !long.TryParse(ordIdText, NumberStyles.None, CultureInfo.InvariantCulture, out ordId))
        {
            throw OkxApiException.Invalid("ordId");
        }

        var ts = exchange.Now;
        var clOut = clOrdIdText ?? string.Empty;
        var ordOut = ordIdText ?? string.Empty;
        if (newSz is null && newPx is null)
        {
            return AmendRefused(ordOut, clOut, reqId, "51500", "Either order price or amount is required", ts);
        }

        if (!exchange.TryGetMarket(instId, out var market))
        {
            return AmendRefused(ordOut, clOut, reqId, RejectReason.UnknownInstrument, ts);
        }

        PaperOrder? order = null;
        if (ordIdText is not null)
        {
            order = exchange.Orders.TryGet(accountId, ordId, out var found) ? found : null;
        }
        else if (ClientOrderId.TryParse(clOrdIdText, out var clOrdId))
        {
            order = exchange.Orders.TryGet(accountId, clOrdId, out var found) ? found : null;
        }

        order = RegularOrNull(order, byClientId: ordIdText is null);
        if (order is null || order.Instrument != market.Instrument.Id)
        {
            return AmendRefused(ordOut, clOut, reqId, "51503", "Order modification failed as the order does not exist.", ts);
        }

        ordOut = OkxText.Int(order.OrderId);
        clOut = order.ClientOrderId.ToString();
        if (!order.IsOpen)
        {
            return order.Status == OrderStatus.Filled
                ? AmendRefused(ordOut, clOut, reqId, "51510", "Modification failed as the order has been completed.", ts)
                : AmendRefused(ordOut, clOut, reqId, "51509", "Modification failed as the order has been canceled.", ts);
        }

        if (order.Type != OrderType.Limit || order.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok)
        {
            return AmendRefused(ordOut, clOut, reqId, "51506", "Order modification unavailable for the order type.", ts);
        }

        var instrument = market.Instrument;
        var refusal = (Code: string.Empty, Message: string.Empty);
        if (newSz is { } sz && (sz <= 0 || sz > MaxValue))
        {
            refusal = ("51000", "Parameter newSz error");
        }
        else if (newSz is { } stepped && Scale(stepped) > instrument.SizePrecision)
        {
            var lot = RejectReasonCodes.Okx(RejectReason.QuantityNotStepMultiple);
            refusal = (lot.SCode, lot.SMsg);
        }
        else if (newPx is { } px && (px <= 0 || px > MaxValue || Scale(px) > instrument.PricePrecision))
        {
            refusal = ("51000", "Parameter newPx error");
        }

        var price = newPx is { } newPrice && refusal.Code.Length == 0 ? Price.FromDecimal(newPrice, instrument.PricePrecision) : default;
        var quantity = newSz is { } newSize && refusal.Code.Length == 0 ? Quantity.FromDecimal(newSize, instrument.SizePrecision) : default;
        if (refusal.Code.Length == 0 && order.TimeInForce == TimeInForce.Gtx && WouldTake(market, order.Side, price.Raw != 0 ? price : order.Last.Price))
        {
            refusal = ("51511", "Modification failed as the order price did not meet the requirement for Post Only.");
        }

        if (refusal.Code.Length == 0)
        {
            _amendingOrderId = order.OrderId;
            _amendingReqId = reqId;
            List<OrderEvent> events;
            try
            {
                events = exchange.Amend(new SimAmendRequest(accountId, order.Instrument, order.OrderId, default, price, quantity));
            }
            finally
            {
                _amendingOrderId = 0;
                _amendingReqId = string.Empty;
            }

            if (events.Count == 0 || events[0].ExecutionType != ExecutionType.Rejected)
            {
                return new OkxOrderResult(ordOut, clOut, string.Empty, "0", string.Empty, Ms(ts), reqId);
            }

            var reason = events[0].RejectReason;
            var code = RejectReasonCodes.Okx(reason);
            refusal = reason is RejectReason.InsufficientMargin or RejectReason.InsufficientBalance
                ? ("51502", "Order modification failed for insufficient margin or balance.")
                : (code.SCode, code.SMsg);
        }

        if (cancelOnFail && order.IsOpen)
        {
            exchange.Cancel(new SimCancelRequest(accountId, order.Instrument, order.OrderId));
        }

        return AmendRefused(ordOut, clOut, reqId, refusal.Code, refusal.Message, ts);
    }

    // A post-only order at this price would trade against the other side's best level.
    private static bool WouldTake(PaperMarket market, OrderSide side, Price price) => side == OrderSide.Buy
        ? market.Market.TryGetBestAsk(out var ask) && price.ToDecimal() >= ask.Price.ToDecimal()
        : market.Market.TryGetBestBid(out var bid) && price.ToDecimal() <= bid.Price.ToDecimal();

    private static OkxOrderResult AmendRefused(string ordId, string clOrdId, string reqId, RejectReason reason, long ts) =>
        AmendRefused(ordId, clOrdId, reqId, RejectReasonCodes.Okx(reason).SCode, RejectReasonCodes.Okx(reason).SMsg, ts);

    private static OkxOrderResult AmendRefused(string ordId, string clOrdId, string reqId, string sCode, string sMsg, long ts) =>
        new(ordId, clOrdId, string.Empty, sCode, sMsg, Ms(ts), reqId);

    private OkxOrderResult AcceptedThenCanceled(in OrderEvent refused, in SimOrderRequest request, OkxOrderExtra extra, string? cancelSource, PaperMarket market, long ts)
    {
        var canceled = refused with { OrderId = _nextSystemCanceledId++, ExecutionType = ExecutionType.Expired, Status = OrderStatus.Expired };
        extra.CancelSource = cancelSource ?? string.Empty;
        _extras[canceled.OrderId] = extra;
        exchange.Orders.Apply(canceled, request);
        SystemCanceled?.Invoke(market, canceled);
        return new OkxOrderResult(OkxText.Int(canceled.OrderId), canceled.ClientOrderId.ToString(), extra.Tag, "0", "Order placed", Ms(ts));
    }

    private static long Ms(long ns) => ns / 1_000_000L;

    // Decimals as written, trailing zeros ignored ("0.010" has 2).
    private static int Scale(decimal value) => (value / 1.000000000000000000000000000000000m).Scale;

    private static OkxOrderResult Refused(string clOrdId, string tag, RejectReason reason, long ts, string? ordId = null)
    {
        var code = RejectReasonCodes.Okx(reason);
        return new OkxOrderResult(ordId ?? string.Empty, clOrdId, tag, code.SCode, code.SMsg, Ms(ts));
    }
}
