using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Exchange;

/// <summary>
/// What the venue remembers of one order for its queries (Binance <c>GET order</c>, <c>allOrders</c>; OKX
/// <c>orders-pending</c>, order details): the request as accepted and the latest event's state. Exchange thread only.
/// </summary>
public sealed class PaperOrder
{
    internal PaperOrder(in OrderEvent accepted, in SimOrderRequest? request)
    {
        AccountId = accepted.AccountId;
        Instrument = accepted.Instrument;
        OrderId = accepted.OrderId;
        ClientOrderId = accepted.ClientOrderId;
        Side = accepted.Side;
        PositionSide = accepted.PositionSide;
        Type = accepted.Type;
        TimeInForce = accepted.TimeInForce;
        ReduceOnly = accepted.ReduceOnly;
        OriginalQuantity = accepted.Quantity;
        CreateTime = accepted.Timestamp;
        SelfTradePrevention = request?.SelfTradePrevention ?? SelfTradePrevention.None;
        WorkingType = request?.WorkingType ?? WorkingType.ContractPrice;
        Last = accepted;
    }

    /// <summary>The owner.</summary>
    public int AccountId { get; }

    /// <summary>The instrument.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>The exchange's id.</summary>
    public long OrderId { get; }

    /// <summary>The sender's id.</summary>
    public ClientOrderId ClientOrderId { get; }

    /// <summary>Buy or sell.</summary>
    public OrderSide Side { get; }

    /// <summary>Hedge leg or Both.</summary>
    public PositionSide PositionSide { get; }

    /// <summary>The type as submitted.</summary>
    public OrderType Type { get; }

    /// <summary>Time in force.</summary>
    public TimeInForce TimeInForce { get; }

    /// <summary>Reduce-only flag.</summary>
    public bool ReduceOnly { get; }

    /// <summary>The quantity first accepted (amends change <see cref="OrderEvent.Quantity"/> of <see cref="Last"/>).</summary>
    public Quantity OriginalQuantity { get; }

    /// <summary>The self-trade prevention mode it was sent with.</summary>
    public SelfTradePrevention SelfTradePrevention { get; }

    /// <summary>The trigger price source of a stop.</summary>
    public WorkingType WorkingType { get; }

    /// <summary>When it was accepted, Unix nanoseconds.</summary>
    public long CreateTime { get; }

    /// <summary>The latest event: status, price, quantity, cumulative fills, last fill.</summary>
    public OrderEvent Last { get; internal set; }

    /// <summary>When a stop's trigger fired, Unix nanoseconds; 0 while untriggered (or for an order that is no stop).</summary>
    public long TriggerTime { get; internal set; }

    /// <summary>Status now.</summary>
    public OrderStatus Status => Last.Status;

    /// <summary>When it last changed, Unix nanoseconds.</summary>
    public long UpdateTime => Last.Timestamp;

    /// <summary>True while it can still trade (accepted, partially filled, or an untriggered stop).</summary>
    public bool IsOpen => Status is OrderStatus.Accepted or OrderStatus.PartiallyFilled or OrderStatus.Untriggered;

    /// <summary>Σ commission of its fills (in <see cref="CommissionAsset"/>).</summary>
    public decimal Commission { get; internal set; }

    /// <summary>The commission's asset, once it paid one.</summary>
    public string? CommissionAsset { get; internal set; }

    /// <summary>Σ realised PnL of its fills.</summary>
    public decimal RealizedPnl { get; internal set; }

    /// <summary>Average fill price (cumulative quote ÷ cumulative quantity), 0 before the first fill.</summary>
    public decimal AveragePrice =>
        Last.CumulativeQuantity.Raw == 0 ? 0m : Last.CumulativeQuote.ToDecimal() / Last.CumulativeQuantity.ToDecimal();
}
