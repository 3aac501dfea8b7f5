using FlowSight.Core;

namespace FlowSight.Engine.Orders;

/// <summary>
/// The engine's record of one order: what was asked, where it is in its life, and what executed. Mutated only on
/// the engine thread, through <see cref="OrderStore"/> (which keeps its indices in step) and the execution engine.
/// </summary>
public sealed class Order
{
    private List<string>? _tradeIds;
    private HashSet<string>? _tradeIdSet;
    private List<OrderFilled>? _fills;
    private Money _notional;

    /// <summary>Creates an order from a command, in <see cref="OrderStatus.Initialized"/>.</summary>
    public Order(in SubmitOrder command, bool isExternal = false) => Initialize(in command, isExternal);

    /// <summary>Our id (for an order placed outside FlowSight: the venue's client id, or one derived from its venue id).</summary>
    public ClientOrderId ClientOrderId { get; private set; }

    /// <summary>The venue's id, once known.</summary>
    public VenueOrderId VenueOrderId { get; internal set; }

    /// <summary>The instrument.</summary>
    public InstrumentId Instrument { get; private set; }

    /// <summary>Buy or sell.</summary>
    public OrderSide Side { get; private set; }

    /// <summary>The order type.</summary>
    public OrderType Type { get; private set; }

    /// <summary>Total quantity (changes when a replace goes through).</summary>
    public Quantity Quantity { get; internal set; }

    /// <summary>Limit price.</summary>
    public Price? Price { get; internal set; }

    /// <summary>Trigger price.</summary>
    public Price? TriggerPrice { get; internal set; }

    /// <summary>Time in force.</summary>
    public TimeInForce TimeInForce { get; private set; }

    /// <summary>Reduce-only.</summary>
    public bool ReduceOnly { get; private set; }

    /// <summary>Hedge-mode leg.</summary>
    public PositionSide PositionSide { get; private set; }

    /// <summary>Who asked.</summary>
    public string? Origin { get; private set; }

    /// <summary>True for an order FlowSight did not place (found at the venue at reconciliation or on the user stream).</summary>
    public bool IsExternal { get; private set; }

    /// <summary>Where the order is in its life.</summary>
    public OrderStatus Status { get; private set; }

    /// <summary>The status a pending cancel or replace returns to when the venue refuses it (fills while pending move it to PartiallyFilled).</summary>
    public OrderStatus StatusBeforePending { get; private set; }

    /// <summary>True while working (not terminal).</summary>
    public bool IsOpen => !Status.IsTerminal();

    /// <summary>Quantity executed so far (sum of the distinct fills).</summary>
    public Quantity FilledQuantity { get; private set; }

    /// <summary>Quantity still to execute; zero once the order is terminal.</summary>
    public Quantity LeavesQuantity => IsOpen && Quantity > FilledQuantity ? Quantity - FilledQuantity : Quantity.Zero(Quantity.Precision);

    /// <summary>Volume-weighted average fill price (null before the first fill).</summary>
    public Price? AveragePrice { get; private set; }

    /// <summary>Fees charged so far in <see cref="FeeAsset"/> (negative: rebates).</summary>
    public Money Fees { get; private set; }

    /// <summary>The asset of <see cref="Fees"/> (the first fill's); null before the first fill.</summary>
    public string? FeeAsset { get; private set; }

    /// <summary>True when fills charged fees in more than one asset; <see cref="Fees"/> then sums the first asset's only (each <see cref="OrderFilled"/> carries its own).</summary>
    public bool HasMixedFeeAssets { get; private set; }

    /// <summary>The venue trade ids of the fills counted, in arrival order.</summary>
    public IReadOnlyList<string> TradeIds => (IReadOnlyList<string>?)_tradeIds ?? [];

    /// <summary>The fills counted, in arrival order.</summary>
    public IReadOnlyList<OrderFilled> Fills => (IReadOnlyList<OrderFilled>?)_fills ?? [];

    /// <summary>The venue's (or the engine's) last reason for a rejection or expiry.</summary>
    public string? LastReason { get; internal set; }

    /// <summary>When the order was created, Unix ns.</summary>
    public long CreatedAt { get; private set; }

    /// <summary>When it last changed, Unix ns.</summary>
    public long UpdatedAt { get; internal set; }

    /// <summary>The quantity a pending replace asked for.</summary>
    public Quantity? PendingQuantity { get; internal set; }

    /// <summary>The price a pending replace asked for.</summary>
    public Price? PendingPrice { get; internal set; }

    /// <summary>The trigger price a pending replace asked for.</summary>
    public Price? PendingTriggerPrice { get; internal set; }

    /// <summary>The id a pending replace asked the venue to use where it cancels and resubmits.</summary>
    public ClientOrderId PendingNewClientOrderId { get; internal set; }

    /// <summary>The last time the order's fill or status changed at the venue, Unix ns (venue clock).</summary>
    public long LastVenueUpdate { get; internal set; }

    /// <summary>True for an order <see cref="OrderStore.Create"/> made: the store may reuse it once it has forgotten it.</summary>
    internal bool IsPooled { get; set; }

    /// <summary>
    /// Makes this instance the order of <paramref name="command"/>, in <see cref="OrderStatus.Initialized"/>, with nothing
    /// of a previous life left (the store reuses forgotten orders so that the order path allocates nothing).
    /// </summary>
    internal void Initialize(in SubmitOrder command, bool isExternal)
    {
        ClientOrderId = command.ClientOrderId;
        VenueOrderId = default;
        Instrument = command.Instrument;
        Side = command.Side;
        Type = command.Type;
        Quantity = command.Quantity;
        Price = command.Price;
        TriggerPrice = command.TriggerPrice;
        TimeInForce = command.TimeInForce;
        ReduceOnly = command.ReduceOnly;
        PositionSide = command.PositionSide;
        Origin = command.Origin;
        CreatedAt = command.Timestamp;
        UpdatedAt = command.Timestamp;
        IsExternal = isExternal;
        Status = OrderStatus.Initialized;
        StatusBeforePending = default;
        FilledQuantity = Quantity.Zero(command.Quantity.Precision);
        AveragePrice = null;
        Fees = default;
        FeeAsset = null;
        HasMixedFeeAssets = false;
        LastReason = null;
        PendingQuantity = null;
        PendingPrice = null;
        PendingTriggerPrice = null;
        PendingNewClientOrderId = default;
        LastVenueUpdate = 0;
        FilledBaselineTime = 0;
        _notional = default;
        _tradeIds?.Clear();
        _tradeIdSet?.Clear();
        _fills?.Clear();
    }

    /// <summary>Moves the order to <paramref name="to"/>; the store's <see cref="OrderStore.Transition"/> calls this and keeps its indices right.</summary>
    /// <exception cref="InvalidOrderTransitionException">The state machine has no such edge.</exception>
    internal void TransitionTo(OrderStatus to, long timestamp)
    {
        OrderTransitions.Ensure(ClientOrderId, Status, to);
        if (to is OrderStatus.PendingCancel or OrderStatus.PendingReplace)
        {
            if (Status is not (OrderStatus.PendingCancel or OrderStatus.PendingReplace))
            {
                StatusBeforePending = Status;
            }
        }
        else
        {
            PendingQuantity = null;
            PendingPrice = null;
            PendingTriggerPrice = null;
            PendingNewClientOrderId = default;
        }

        Status = to;
        UpdatedAt = timestamp;
    }

    /// <summary>True when this trade id was counted already.</summary>
    internal bool HasTrade(string tradeId)
    {
        if (_tradeIdSet is not null)
        {
            return _tradeIdSet.Contains(tradeId);
        }

        if (_tradeIds is null)
        {
            return false;
        }

        for (var i = 0; i < _tradeIds.Count; i++)
        {
            if (string.Equals(_tradeIds[i], tradeId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Counts one execution: cumulative quantity, average price, fees. Does not change <see cref="Status"/>; the
    /// caller decides that (a fill may arrive after the order is already reported Filled). Returns the event to publish.
    /// </summary>
    internal OrderFilled AddFill(in FillReport fill)
    {
        (_tradeIds ??= new List<string>(4)).Add(fill.TradeId);
        if (_tradeIdSet is not null)
        {
            _tradeIdSet.Add(fill.TradeId);
        }
        else if (_tradeIds.Count > 8)
        {
            // Large orders with many fills: linear scans would grow quadratic.
            _tradeIdSet = new HashSet<string>(_tradeIds, StringComparer.Ordinal);
        }

        if (VenueOrderId.IsDefault && !fill.VenueOrderId.IsDefault)
        {
            VenueOrderId = fill.VenueOrderId;
        }

        FilledQuantity += fill.Quantity;
        var notionalPrecision = (byte)Math.Min(Money.MaxPrecision, fill.Price.Precision + fill.Quantity.Precision);
        _notional += fill.Price.Notional(fill.Quantity, notionalPrecision, RoundingMode.ToEven);
        if (FilledQuantity.Raw > 0)
        {
            var avgPrecision = (byte)Math.Min(Core.Price.MaxPrecision, Math.Max(AveragePrice?.Precision ?? 0, fill.Price.Precision + 4));
            AveragePrice = _notional.DivideBy(FilledQuantity, avgPrecision, RoundingMode.ToEven);
        }

        if (FeeAsset is null)
        {
            FeeAsset = fill.FeeAsset;
            Fees = fill.Fee;
        }
        else if (string.Equals(FeeAsset, fill.FeeAsset, StringComparison.Ordinal))
        {
            Fees += fill.Fee;
        }
        else
        {
            HasMixedFeeAssets = true;
        }

        if (fill.TradeTime > LastVenueUpdate)
        {
            LastVenueUpdate = fill.TradeTime;
        }

        // A fill arriving after the order ended (its Filled or Canceled report came first) leaves nothing working.
        var leaves = IsOpen && Quantity > FilledQuantity ? Quantity - FilledQuantity : Quantity.Zero(Quantity.Precision);
        var filled = new OrderFilled
        {
            ClientOrderId = ClientOrderId,
            VenueOrderId = VenueOrderId,
            Instrument = Instrument,
            TradeId = fill.TradeId,
            Side = fill.Side,
            LastPrice = fill.Price,
            LastQuantity = fill.Quantity,
            FilledQuantity = FilledQuantity,
            LeavesQuantity = leaves,
            Fee = fill.Fee,
            FeeAsset = fill.FeeAsset,
            Liquidity = fill.Liquidity,
            PositionSide = fill.PositionSide,
            Timestamp = fill.TradeTime != 0 ? fill.TradeTime : fill.Timestamp,
        };
        (_fills ??= new List<OrderFilled>(4)).Add(filled);
        return filled;
    }

    /// <summary>
    /// Takes the venue's cumulative fill when fills older than anything the venue can still list are missing (an
    /// order adopted or reconciled after a long outage). Only reconciliation calls this, after applying every fill
    /// the venue listed, so later fills are not counted twice.
    /// </summary>
    internal void SyncFilledFromVenue(Quantity filled, Price? averagePrice, long venueTime)
    {
        if (filled <= FilledQuantity)
        {
            return;
        }

        FilledQuantity = filled;
        FilledBaselineTime = Math.Max(FilledBaselineTime, venueTime);
        if (averagePrice is { } avg)
        {
            AveragePrice = avg;
            var notionalPrecision = (byte)Math.Min(Money.MaxPrecision, avg.Precision + filled.Precision);
            _notional = avg.Notional(filled, notionalPrecision, RoundingMode.ToEven);
        }
    }

    /// <summary>
    /// Venue time up to which <see cref="FilledQuantity"/> came from the venue's cumulative figure rather than from
    /// fills (0: none did). A fill not seen before but executed by then is already in it.
    /// </summary>
    public long FilledBaselineTime { get; private set; }

    /// <summary>Records a fill already inside the venue's cumulative figure: its trade id only, so it is never counted.</summary>
    internal void AddTradeIdOnly(string tradeId)
    {
        (_tradeIds ??= new List<string>(4)).Add(tradeId);
        _tradeIdSet?.Add(tradeId);
    }

    /// <summary>Sets the status a refused cancel or replace returns to (a fill while pending makes it PartiallyFilled).</summary>
    internal void SetStatusBeforePending(OrderStatus status) => StatusBeforePending = status;

    /// <inheritdoc />
    public override string ToString() => $"{ClientOrderId} {Side} {Quantity} {Instrument} {Status} filled {FilledQuantity}";
}
