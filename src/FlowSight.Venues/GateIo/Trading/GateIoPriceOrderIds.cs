using System.Collections.Concurrent;
using FlowSight.Core;

namespace FlowSight.Venues.GateIo.Trading;

/// <summary>
/// What one futures client knows of its price-triggered orders: which of our client ids are price orders (so a cancel,
/// query or amend goes to <c>price_orders</c>), Gate's auto-order id of each, its type and trigger, and the regular
/// order each triggered one became (<c>trade_id</c>), so that the regular order's <c>futures.orders</c> updates and
/// fills are reported under our client id, whatever <c>text</c> Gate gives it. Thread-safe.
/// </summary>
internal sealed class GateIoPriceOrderIds
{
    private readonly ConcurrentDictionary<ClientOrderId, Entry> _byClient = new();
    private readonly ConcurrentDictionary<(InstrumentId Instrument, long OrderId), ClientOrderId> _triggered = new();

    /// <summary>
    /// Remembers a price order (<paramref name="id"/> 0 while Gate has not answered) and, once triggered, its regular
    /// order; <paramref name="waiting"/> while it waits for its trigger (or for Gate's answer).
    /// </summary>
    public void Remember(ClientOrderId clientOrderId, InstrumentId instrument, long id, long tradeId, OrderType type, Price? trigger, bool waiting)
    {
        if (clientOrderId.IsDefault)
        {
            return;
        }

        _byClient.AddOrUpdate(
            clientOrderId,
            _ => new Entry(instrument, id, tradeId, type, trigger, waiting && tradeId == 0),
            (_, old) => new Entry(instrument, id != 0 ? id : old.Id, tradeId != 0 ? tradeId : old.TradeId, type, trigger ?? old.Trigger, waiting && tradeId == 0 && old.TradeId == 0));
        if (tradeId != 0)
        {
            _triggered[(instrument, tradeId)] = clientOrderId;
        }
    }

    /// <summary>Remembers a price order read from Gate.</summary>
    public void Remember(in GateIoPriceOrder order) =>
        Remember(order.Report.ClientOrderId, order.Report.Instrument, order.Id, order.TradeId, order.Report.Type, order.Report.TriggerPrice, order.TradeId == 0 && order.Report.Status == OrderStatus.Accepted);

    /// <summary>True while a price order of ours on <paramref name="instrument"/> waits for its trigger: a regular order Gate places may be its.</summary>
    public bool AnyWaiting(InstrumentId instrument)
    {
        foreach (var (_, entry) in _byClient)
        {
            if (entry.Waiting && entry.Instrument == instrument)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the client id is a price order of ours.</summary>
    public bool IsPriceOrder(ClientOrderId clientOrderId) => _byClient.ContainsKey(clientOrderId);

    /// <summary>What is known of a price order of ours.</summary>
    public bool TryGet(ClientOrderId clientOrderId, out Entry entry) => _byClient.TryGetValue(clientOrderId, out entry!);

    /// <summary>
    /// A regular order's report under the price order it came from: our client id (when Gate's <c>text</c> is not
    /// ours), the conditional type and the trigger. Unchanged for any other order.
    /// </summary>
    public OrderStatusReport Attribute(OrderStatusReport report)
    {
        if (!TryOrigin(report.Instrument, report.ClientOrderId, report.VenueOrderId, out var client, out var entry))
        {
            return report;
        }

        return report with { ClientOrderId = client, Type = entry.Type, TriggerPrice = entry.Trigger };
    }

    /// <summary>A regular order's fill under the price order it came from (see <see cref="Attribute(OrderStatusReport)"/>).</summary>
    public FillReport Attribute(FillReport fill) =>
        TryOrigin(fill.Instrument, fill.ClientOrderId, fill.VenueOrderId, out var client, out _) ? fill with { ClientOrderId = client } : fill;

    private bool TryOrigin(InstrumentId instrument, ClientOrderId current, VenueOrderId venueId, out ClientOrderId client, out Entry entry)
    {
        client = default;
        entry = default!;
        if (_triggered.IsEmpty || !long.TryParse(venueId.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var orderId)
            || !_triggered.TryGetValue((instrument, orderId), out client)
            || (!current.IsDefault && current != client)
            || !_byClient.TryGetValue(client, out entry!))
        {
            return false;
        }

        return true;
    }

    /// <summary>One price order: instrument, Gate's auto-order id (0 unknown), the regular order it became (0 before), type, trigger, and whether it still waits.</summary>
    internal sealed record Entry(InstrumentId Instrument, long Id, long TradeId, OrderType Type, Price? Trigger, bool Waiting);
}
