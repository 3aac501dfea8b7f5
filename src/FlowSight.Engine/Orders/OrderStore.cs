using FlowSight.Core;

namespace FlowSight.Engine.Orders;

/// <summary>
/// The engine's orders and fills: every working order and the latest closed ones by client id, working orders per
/// instrument in arrays indexed by the instrument's dense handle, lookups by venue order id, and every fill counted.
/// Engine thread only.
/// </summary>
/// <remarks>
/// Closed orders are kept up to <see cref="MaxClosedOrders"/>; beyond that the oldest closed order is forgotten (a late
/// report about it is then one about an unknown order) and, if <see cref="Create"/> made it, reused by a later
/// <see cref="Create"/>: in steady state the order path allocates nothing. So an <see cref="Order"/> reference is the
/// order's only while the store holds it: keep the client order id, not the reference, across engine turns.
/// Id uniqueness does not depend on the store: the generator's ids never repeat.
/// </remarks>
public sealed class OrderStore : IOrderView
{
    /// <summary>Closed orders kept when no limit is given.</summary>
    public const int DefaultMaxClosedOrders = 65_536;

    private readonly Dictionary<ClientOrderId, Order> _orders = new(1024);
    private readonly Dictionary<(InstrumentId Instrument, VenueOrderId VenueOrderId), Order> _byVenueId = new(1024);
    private readonly List<OrderFilled> _fills = new(1024);
    private readonly Queue<Order> _closed = new(1024);
    private readonly Stack<Order> _free = new(1024);
    private List<Order>?[] _openByInstrument = new List<Order>?[64];
    private int _openCount;

    /// <summary>Creates a store that keeps at most <paramref name="maxClosedOrders"/> closed orders.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxClosedOrders"/> is below 1.</exception>
    public OrderStore(int maxClosedOrders = DefaultMaxClosedOrders)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClosedOrders, 1);
        MaxClosedOrders = maxClosedOrders;
    }

    /// <summary>How many closed orders are kept; the oldest beyond this are forgotten.</summary>
    public int MaxClosedOrders { get; }

    /// <inheritdoc />
    public int TotalOpenOrderCount => _openCount;

    /// <summary>How many orders the store holds (open and closed).</summary>
    public int Count => _orders.Count;

    /// <summary>Every fill counted, in arrival order.</summary>
    public IReadOnlyList<OrderFilled> Fills => _fills;

    /// <summary>
    /// A new order for <paramref name="command"/> in <see cref="OrderStatus.Initialized"/>, not yet added: a forgotten
    /// order's instance when there is one (no allocation), else a new one.
    /// </summary>
    public Order Create(in SubmitOrder command, bool isExternal = false)
    {
        if (_free.TryPop(out var order))
        {
            order.Initialize(in command, isExternal);
            return order;
        }

        return new Order(in command, isExternal) { IsPooled = true };
    }

    /// <summary>Adds a new order and indexes it as working unless it is terminal already.</summary>
    /// <exception cref="ArgumentException">An order with the same client id exists.</exception>
    public void Add(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!_orders.TryAdd(order.ClientOrderId, order))
        {
            throw new ArgumentException($"order {order.ClientOrderId} is already in the store; client order ids are never reused.", nameof(order));
        }

        if (!order.VenueOrderId.IsDefault)
        {
            _byVenueId[(order.Instrument, order.VenueOrderId)] = order;
        }

        if (order.IsOpen)
        {
            OpenList(order.Instrument).Add(order);
            _openCount++;
        }
        else
        {
            Closed(order);
        }
    }

    /// <summary>The order with this client id, open or closed.</summary>
    public bool TryGet(ClientOrderId clientOrderId, out Order order) => _orders.TryGetValue(clientOrderId, out order!);

    /// <summary>The order the venue knows by <paramref name="venueOrderId"/> on <paramref name="instrument"/>.</summary>
    public bool TryGetByVenueOrderId(InstrumentId instrument, VenueOrderId venueOrderId, out Order order) =>
        _byVenueId.TryGetValue((instrument, venueOrderId), out order!);

    /// <summary>Records the venue's id for the order.</summary>
    public void SetVenueOrderId(Order order, VenueOrderId venueOrderId)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (venueOrderId.IsDefault || order.VenueOrderId == venueOrderId)
        {
            return;
        }

        if (!order.VenueOrderId.IsDefault)
        {
            _byVenueId.Remove((order.Instrument, order.VenueOrderId));
        }

        order.VenueOrderId = venueOrderId;
        _byVenueId[(order.Instrument, venueOrderId)] = order;
    }

    /// <summary>Moves the order through the state machine and keeps the working-order index right.</summary>
    /// <exception cref="InvalidOrderTransitionException">The state machine has no such edge.</exception>
    public void Transition(Order order, OrderStatus to, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(order);
        var wasOpen = order.IsOpen;
        order.TransitionTo(to, timestamp);
        if (wasOpen && !order.IsOpen)
        {
            RemoveOpen(order);
            Closed(order);
        }
    }

    /// <summary>Counts a fill on its order (the caller has checked it is new) and returns the event to publish.</summary>
    public OrderFilled AddFill(Order order, in FillReport fill)
    {
        ArgumentNullException.ThrowIfNull(order);
        var hadVenueId = order.VenueOrderId;
        var filled = order.AddFill(fill);
        if (hadVenueId.IsDefault && !order.VenueOrderId.IsDefault)
        {
            _byVenueId[(order.Instrument, order.VenueOrderId)] = order;
        }

        _fills.Add(filled);
        return filled;
    }

    /// <summary>
    /// Forgets closed orders last changed before <paramref name="updatedBefore"/> (Unix ns) and fills older than
    /// that, so a long-running engine does not grow without end. Id uniqueness does not depend on the store (the
    /// generator's ids never repeat); a late report about a forgotten order is treated as one about an unknown order.
    /// Returns how many orders were forgotten. Engine thread; not for the hot path.
    /// </summary>
    public int PurgeClosed(long updatedBefore)
    {
        var kept = _closed.Count;
        var purged = 0;
        for (var i = 0; i < kept; i++)
        {
            var order = _closed.Dequeue();
            if (order.UpdatedAt < updatedBefore)
            {
                if (Forget(order))
                {
                    purged++;
                }
            }
            else
            {
                _closed.Enqueue(order);
            }
        }

        _fills.RemoveAll(f => f.Timestamp < updatedBefore);
        return purged;
    }

    /// <summary>The working orders of <paramref name="instrument"/> (a live view: copy before changing orders while iterating).</summary>
    public IReadOnlyList<Order> OpenOrders(InstrumentId instrument)
    {
        var handle = instrument.Handle;
        return (uint)handle < (uint)_openByInstrument.Length && _openByInstrument[handle] is { } list ? list : [];
    }

    /// <summary>Appends the working orders of <paramref name="instrument"/> (every instrument when null) to <paramref name="into"/>.</summary>
    public void CopyOpenOrders(List<Order> into, InstrumentId? instrument = null)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (instrument is { } one)
        {
            into.AddRange(OpenOrders(one));
            return;
        }

        foreach (var list in _openByInstrument)
        {
            if (list is not null)
            {
                into.AddRange(list);
            }
        }
    }

    /// <inheritdoc />
    public int OpenOrderCount(InstrumentId instrument) => OpenOrders(instrument).Count;

    /// <inheritdoc />
    public decimal OpenQuantity(InstrumentId instrument, OrderSide side)
    {
        var list = OpenOrders(instrument);
        var sum = default(Quantity);
        for (var i = 0; i < list.Count; i++)
        {
            var order = list[i];
            if (order.Side == side)
            {
                sum += order.LeavesQuantity;
            }
        }

        return sum.ToDecimal();
    }

    /// <inheritdoc />
    public bool Contains(ClientOrderId clientOrderId) => _orders.ContainsKey(clientOrderId);

    /// <inheritdoc />
    public bool TryGetOpen(ClientOrderId clientOrderId, out OrderStatus status, out InstrumentId instrument, out OrderSide side, out decimal leavesQuantity)
    {
        if (_orders.TryGetValue(clientOrderId, out var order) && order.IsOpen)
        {
            status = order.Status;
            instrument = order.Instrument;
            side = order.Side;
            leavesQuantity = order.LeavesQuantity.ToDecimal();
            return true;
        }

        status = default;
        instrument = default;
        side = default;
        leavesQuantity = 0;
        return false;
    }

    /// <summary>Keeps a newly closed order among the latest <see cref="MaxClosedOrders"/>, forgetting the oldest beyond.</summary>
    private void Closed(Order order)
    {
        _closed.Enqueue(order);
        while (_closed.Count > MaxClosedOrders)
        {
            Forget(_closed.Dequeue());
        }
    }

    /// <summary>Drops a closed order from the indices and keeps its instance for <see cref="Create"/> if the store made it.</summary>
    private bool Forget(Order order)
    {
        if (!_orders.TryGetValue(order.ClientOrderId, out var indexed) || !ReferenceEquals(indexed, order))
        {
            return false;
        }

        _orders.Remove(order.ClientOrderId);
        if (!order.VenueOrderId.IsDefault
            && _byVenueId.TryGetValue((order.Instrument, order.VenueOrderId), out var byVenue)
            && ReferenceEquals(byVenue, order))
        {
            _byVenueId.Remove((order.Instrument, order.VenueOrderId));
        }

        if (order.IsPooled)
        {
            _free.Push(order);
        }

        return true;
    }

    private List<Order> OpenList(InstrumentId instrument)
    {
        var handle = instrument.Handle;
        if (handle < 0)
        {
            throw new ArgumentException("An order needs an instrument.", nameof(instrument));
        }

        if (handle >= _openByInstrument.Length)
        {
            Array.Resize(ref _openByInstrument, Math.Max(handle + 1, _openByInstrument.Length * 2));
        }

        return _openByInstrument[handle] ??= new List<Order>(8);
    }

    private void RemoveOpen(Order order)
    {
        var list = OpenList(order.Instrument);
        for (var i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], order))
            {
                // Swap-remove: working-order lists are short and their order carries no meaning.
                list[i] = list[^1];
                list.RemoveAt(list.Count - 1);
                _openCount--;
                return;
            }
        }
    }
}
