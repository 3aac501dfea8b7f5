using FlowSight.Core;

namespace FlowSight.Engine.Orders;

/// <summary>
/// The engine's orders and fills: every order by client id (terminal ones too, so an id is never reused), working
/// orders per instrument in arrays indexed by the instrument's dense handle, lookups by venue order id, and every
/// fill counted. Engine thread only.
/// </summary>
public sealed class OrderStore : IOrderView
{
    private readonly Dictionary<ClientOrderId, Order> _orders = new(1024);
    private readonly Dictionary<(InstrumentId Instrument, VenueOrderId VenueOrderId), Order> _byVenueId = new(1024);
    private readonly List<OrderFilled> _fills = new(1024);
    private List<Order>?[] _openByInstrument = new List<Order>?[64];
    private int _openCount;

    /// <inheritdoc />
    public int TotalOpenOrderCount => _openCount;

    /// <summary>How many orders the store holds (open and closed).</summary>
    public int Count => _orders.Count;

    /// <summary>Every fill counted, in arrival order.</summary>
    public IReadOnlyList<OrderFilled> Fills => _fills;

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
        var purged = new List<Order>();
        foreach (var order in _orders.Values)
        {
            if (!order.IsOpen && order.UpdatedAt < updatedBefore)
            {
                purged.Add(order);
            }
        }

        foreach (var order in purged)
        {
            _orders.Remove(order.ClientOrderId);
            if (!order.VenueOrderId.IsDefault
                && _byVenueId.TryGetValue((order.Instrument, order.VenueOrderId), out var indexed)
                && ReferenceEquals(indexed, order))
            {
                _byVenueId.Remove((order.Instrument, order.VenueOrderId));
            }
        }

        _fills.RemoveAll(f => f.Timestamp < updatedBefore);
        return purged.Count;
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
