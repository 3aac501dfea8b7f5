using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Exchange;

/// <summary>
/// Every order and fill of the venue's own accounts (never the synthetic participants'), for the venues' query
/// endpoints. Keeps the newest <see cref="MaxOrders"/> orders and <see cref="MaxFills"/> fills per account, evicting
/// the oldest closed ones. Exchange thread only.
/// </summary>
public sealed class PaperOrderStore
{
    private readonly Dictionary<long, PaperOrder> _byId = [];
    private readonly Dictionary<(int, ClientOrderId), PaperOrder> _byClientId = [];
    private readonly Dictionary<int, List<PaperOrder>> _orders = [];
    private readonly Dictionary<int, List<PaperFill>> _fills = [];

    /// <summary>Orders kept per account.</summary>
    public int MaxOrders { get; init; } = 100_000;

    /// <summary>Fills kept per account.</summary>
    public int MaxFills { get; init; } = 100_000;

    /// <summary>The order with exchange id <paramref name="orderId"/> if it belongs to <paramref name="accountId"/> (another account's order is not found).</summary>
    public bool TryGet(int accountId, long orderId, out PaperOrder order)
    {
        if (_byId.TryGetValue(orderId, out var found) && found.AccountId == accountId)
        {
            order = found;
            return true;
        }

        order = null!;
        return false;
    }

    /// <summary>The account's latest order with <paramref name="clientOrderId"/>.</summary>
    public bool TryGet(int accountId, ClientOrderId clientOrderId, out PaperOrder order) =>
        _byClientId.TryGetValue((accountId, clientOrderId), out order!);

    /// <summary>The account's open orders (optionally on one instrument), oldest first.</summary>
    public List<PaperOrder> Open(int accountId, InstrumentId? instrument = null) =>
        Orders(accountId, instrument).Where(o => o.IsOpen).ToList();

    /// <summary>The account's orders (optionally on one instrument), oldest first.</summary>
    public IEnumerable<PaperOrder> Orders(int accountId, InstrumentId? instrument = null) =>
        _orders.TryGetValue(accountId, out var list)
            ? list.Where(o => instrument is null || o.Instrument == instrument.Value)
            : [];

    /// <summary>The account's fills (optionally on one instrument), oldest first.</summary>
    public IEnumerable<PaperFill> Fills(int accountId, InstrumentId? instrument = null) =>
        _fills.TryGetValue(accountId, out var list)
            ? list.Where(f => instrument is null || f.Instrument == instrument.Value)
            : [];

    /// <summary>Takes in one event of one of our orders; <paramref name="request"/> is the submission it answers, when known.</summary>
    public void Apply(in OrderEvent e, SimOrderRequest? request = null)
    {
        if (e.OrderId == 0)
        {
            return;
        }

        if (!_byId.TryGetValue(e.OrderId, out var order))
        {
            order = new PaperOrder(e, request);
            _byId.Add(e.OrderId, order);
            if (!e.ClientOrderId.IsDefault)
            {
                _byClientId[(e.AccountId, e.ClientOrderId)] = order;
            }

            if (!_orders.TryGetValue(e.AccountId, out var list))
            {
                _orders[e.AccountId] = list = [];
            }

            list.Add(order);
            Trim(list);
        }
        else
        {
            order.Last = e;
        }

        if (e.ExecutionType == ExecutionType.Triggered && order.TriggerTime == 0)
        {
            order.TriggerTime = e.Timestamp;
        }

        if (e.LastQuantity.Raw != 0)
        {
            if (e.CommissionAsset is not null)
            {
                order.Commission += e.Commission.ToDecimal();
                order.CommissionAsset = e.CommissionAsset;
            }

            order.RealizedPnl += e.RealizedPnl.ToDecimal();
            if (!_fills.TryGetValue(e.AccountId, out var fills))
            {
                _fills[e.AccountId] = fills = [];
            }

            fills.Add(new PaperFill(e.AccountId, e.Instrument, e.TradeId, e.OrderId, e.ClientOrderId, e.Side, e.PositionSide,
                e.LastPrice, e.LastQuantity, e.Commission, e.CommissionAsset, e.RealizedPnl, e.Liquidity, e.Timestamp));
            if (fills.Count > MaxFills)
            {
                fills.RemoveRange(0, fills.Count - MaxFills);
            }
        }
    }

    private void Trim(List<PaperOrder> list)
    {
        if (list.Count <= MaxOrders)
        {
            return;
        }

        var index = list.FindIndex(o => !o.IsOpen);
        if (index < 0)
        {
            return;
        }

        var evicted = list[index];
        list.RemoveAt(index);
        _byId.Remove(evicted.OrderId);
        if (_byClientId.TryGetValue((evicted.AccountId, evicted.ClientOrderId), out var latest) && ReferenceEquals(latest, evicted))
        {
            _byClientId.Remove((evicted.AccountId, evicted.ClientOrderId));
        }
    }
}
