using FlowSight.Core;

namespace FlowSight.Simulator.Orders;

/// <summary>
/// One change of one order, with the venue's semantics: what Binance sends as <c>ORDER_TRADE_UPDATE</c> /
/// <c>executionReport</c> and OKX on its <c>orders</c> channel. A fill between two orders is two events (maker and
/// taker), sharing <see cref="TradeId"/>.
/// </summary>
/// <remarks>
/// The matching engine fills the order fields; the exchange adds <see cref="Commission"/> and
/// <see cref="RealizedPnl"/> from the account before publishing.
/// </remarks>
public readonly record struct OrderEvent
{
    /// <summary>The account that owns the order.</summary>
    public int AccountId { get; init; }

    /// <summary>The instrument.</summary>
    public InstrumentId Instrument { get; init; }

    /// <summary>The exchange's order id (positive, increasing per exchange); 0 for a request rejected before it got one.</summary>
    public long OrderId { get; init; }

    /// <summary>The sender's id.</summary>
    public ClientOrderId ClientOrderId { get; init; }

    /// <summary>Buy or sell.</summary>
    public OrderSide Side { get; init; }

    /// <summary>Hedge-mode leg, or Both.</summary>
    public PositionSide PositionSide { get; init; }

    /// <summary>The order's type as submitted (a triggered stop keeps its type).</summary>
    public OrderType Type { get; init; }

    /// <summary>Time in force.</summary>
    public TimeInForce TimeInForce { get; init; }

    /// <summary>True for a reduce-only order.</summary>
    public bool ReduceOnly { get; init; }

    /// <summary>The limit price (default for market orders).</summary>
    public Price Price { get; init; }

    /// <summary>The trigger price of a stop or take-profit.</summary>
    public Price TriggerPrice { get; init; }

    /// <summary>The order's quantity (after any amend).</summary>
    public Quantity Quantity { get; init; }

    /// <summary>Why this event was sent.</summary>
    public ExecutionType ExecutionType { get; init; }

    /// <summary>The order's status after this event.</summary>
    public OrderStatus Status { get; init; }

    /// <summary>Why it was rejected or expired; None otherwise.</summary>
    public RejectReason RejectReason { get; init; }

    /// <summary>This fill's quantity (zero unless a Trade or Liquidation).</summary>
    public Quantity LastQuantity { get; init; }

    /// <summary>This fill's price.</summary>
    public Price LastPrice { get; init; }

    /// <summary>Total filled so far.</summary>
    public Quantity CumulativeQuantity { get; init; }

    /// <summary>Total filled value so far (Σ price × quantity, in the quote asset, before the contract multiplier).</summary>
    public Money CumulativeQuote { get; init; }

    /// <summary>Maker or taker for a fill.</summary>
    public LiquiditySide Liquidity { get; init; }

    /// <summary>The trade's id for a fill (shared by its maker and taker events); 0 otherwise.</summary>
    public long TradeId { get; init; }

    /// <summary>The fee charged for this fill (negative for a rebate), in <see cref="CommissionAsset"/>.</summary>
    public Money Commission { get; init; }

    /// <summary>The asset of <see cref="Commission"/> (e.g. USDT); null when no fee.</summary>
    public string? CommissionAsset { get; init; }

    /// <summary>PnL this fill realised on a derivatives position, in the settle asset.</summary>
    public Money RealizedPnl { get; init; }

    /// <summary>Exchange time of the event, Unix nanoseconds.</summary>
    public long Timestamp { get; init; }

    /// <summary>A refused new order: it never got an id, and carries the request's fields as sent.</summary>
    public static OrderEvent RejectedRequest(in SimOrderRequest request, RejectReason reason, long timestamp) => new()
    {
        AccountId = request.AccountId,
        Instrument = request.Instrument,
        ClientOrderId = request.ClientOrderId,
        Side = request.Side,
        PositionSide = request.PositionSide,
        Type = request.Type,
        TimeInForce = request.TimeInForce,
        ReduceOnly = request.ReduceOnly,
        Price = request.Price,
        TriggerPrice = request.TriggerPrice,
        Quantity = request.Quantity,
        ExecutionType = ExecutionType.Rejected,
        Status = OrderStatus.Rejected,
        RejectReason = reason,
        Timestamp = timestamp,
    };

    /// <summary>A refused cancel or amend of the order <paramref name="orderId"/> / <paramref name="clientOrderId"/>.</summary>
    public static OrderEvent RejectedChange(int accountId, InstrumentId instrument, long orderId, ClientOrderId clientOrderId, RejectReason reason, long timestamp) => new()
    {
        AccountId = accountId,
        Instrument = instrument,
        OrderId = orderId,
        ClientOrderId = clientOrderId,
        ExecutionType = ExecutionType.Rejected,
        Status = OrderStatus.Rejected,
        RejectReason = reason,
        Timestamp = timestamp,
    };
}
