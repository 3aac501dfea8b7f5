using System.Runtime.CompilerServices;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>
/// The USDⓈ-M algo service's book of conditional orders on the paper exchange: which simulator orders were placed
/// through <c>/fapi/v1/algoOrder</c> and their <c>algoId</c>s. Binance numbers algo orders apart from regular ones
/// (an <c>algoId</c> is never an <c>orderId</c>); the simulator's order id stands for the regular order the algo order
/// becomes when it triggers (its <c>actualOrderId</c>). Shared by the REST endpoints and the user data stream.
/// Exchange thread only.
/// </summary>
internal sealed class BinanceAlgoOrders
{
    // Far above the simulator's order ids, like Binance's own algo ids (1000000033225453 in its streams).
    private const long FirstAlgoId = 1_000_000_000_000_001;

    private static readonly ConditionalWeakTable<PaperExchange, BinanceAlgoOrders> Books = [];

    private readonly Dictionary<long, long> _algoByOrder = [];
    private readonly Dictionary<long, long> _orderByAlgo = [];
    private long _nextAlgoId = FirstAlgoId;
    private (int AccountId, ClientOrderId ClientOrderId)? _submitting;

    /// <summary>The algo book of <paramref name="exchange"/> (one per exchange, created on first use).</summary>
    public static BinanceAlgoOrders Of(PaperExchange exchange) => Books.GetValue(exchange, static _ => new BinanceAlgoOrders());

    /// <summary>
    /// Marks the submission under way as an algo order: the simulator reports its acceptance (and the user stream
    /// writes it) before <c>Submit</c> returns, so the order is claimed from its first event.
    /// </summary>
    public void BeginSubmit(int accountId, ClientOrderId clientOrderId) => _submitting = (accountId, clientOrderId);

    /// <summary>Ends the submission; for an accepted order (<paramref name="orderId"/> not 0) returns its algoId.</summary>
    public long EndSubmit(long orderId)
    {
        _submitting = null;
        if (orderId == 0)
        {
            return 0;
        }

        return _algoByOrder.TryGetValue(orderId, out var algoId) ? algoId : Add(orderId);
    }

    /// <summary>Claims the order of an event when it is the algo submission under way; true when it is an algo order.</summary>
    public bool Claim(in Simulator.Orders.OrderEvent e)
    {
        if (_algoByOrder.ContainsKey(e.OrderId))
        {
            return true;
        }

        if (e.OrderId != 0 && _submitting is { } s && s.AccountId == e.AccountId && s.ClientOrderId == e.ClientOrderId)
        {
            Add(e.OrderId);
            return true;
        }

        return false;
    }

    private long Add(long orderId)
    {
        var algoId = _nextAlgoId++;
        _algoByOrder[orderId] = algoId;
        _orderByAlgo[algoId] = orderId;
        return algoId;
    }

    /// <summary>True when the simulator order was placed through the algo service.</summary>
    public bool Contains(long orderId) => _algoByOrder.ContainsKey(orderId);

    /// <summary>The algoId of an algo order's simulator order.</summary>
    public bool TryGetAlgoId(long orderId, out long algoId) => _algoByOrder.TryGetValue(orderId, out algoId);

    /// <summary>The simulator order of an algoId.</summary>
    public bool TryGetOrderId(long algoId, out long orderId) => _orderByAlgo.TryGetValue(algoId, out orderId);

    /// <summary>
    /// True while the order is an algo order not yet in the matching engine: Binance's regular order endpoints
    /// (<c>GET/DELETE /fapi/v1/order</c>, <c>openOrders</c>, <c>allOpenOrders</c>) do not know it then.
    /// </summary>
    public bool IsHidden(PaperOrder order) => order.TriggerTime == 0 && Contains(order.OrderId);

    /// <summary>
    /// Binance's <c>algoStatus</c>: <c>NEW</c> waiting for its trigger, <c>CANCELED</c> canceled before it,
    /// <c>EXPIRED</c> canceled by the system before it, <c>TRIGGERED</c> in the matching engine, <c>FINISHED</c> once
    /// the triggered order was filled or canceled there, <c>REJECTED</c> when the matching engine refused it.
    /// </summary>
    public static string Status(PaperOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.TriggerTime == 0)
        {
            return order.Status switch
            {
                OrderStatus.Canceled => "CANCELED",
                OrderStatus.Expired => "EXPIRED",
                OrderStatus.Rejected => "REJECTED",
                _ => "NEW",
            };
        }

        return order.Status switch
        {
            OrderStatus.Rejected => "REJECTED",
            OrderStatus.Accepted or OrderStatus.PartiallyFilled => "TRIGGERED",
            _ => "FINISHED",
        };
    }
}
