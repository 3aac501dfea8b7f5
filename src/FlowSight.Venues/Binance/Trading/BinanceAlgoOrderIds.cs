using System.Collections.Concurrent;
using FlowSight.Core;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// What one USDⓈ-M client knows of its algo orders: which of our client ids are algo orders (so a cancel or query
/// goes to the algo service first), and the regular order each triggered one became (<c>actualOrderId</c>, from
/// <c>ALGO_UPDATE</c> <c>ai</c> or the algo queries), so that the regular order's fills (its
/// <c>ORDER_TRADE_UPDATE</c>s and <c>userTrades</c>) are attributed to our client id. Thread-safe.
/// </summary>
internal sealed class BinanceAlgoOrderIds
{
    private readonly ConcurrentDictionary<ClientOrderId, long> _algoIds = new();
    private readonly ConcurrentDictionary<(InstrumentId Instrument, long OrderId), ClientOrderId> _triggered = new();

    /// <summary>Remembers an algo order (<paramref name="algoId"/> 0 while not yet known) and, once triggered, its regular order.</summary>
    public void Remember(InstrumentId instrument, ClientOrderId clientOrderId, long algoId, long? actualOrderId)
    {
        if (clientOrderId.IsDefault)
        {
            return;
        }

        if (algoId != 0)
        {
            _algoIds[clientOrderId] = algoId;
        }
        else
        {
            _algoIds.TryAdd(clientOrderId, 0);
        }

        if (actualOrderId is { } actual and not 0)
        {
            _triggered[(instrument, actual)] = clientOrderId;
        }
    }

    /// <summary>True when the client id is an algo order of ours.</summary>
    public bool IsAlgo(ClientOrderId clientOrderId) => _algoIds.ContainsKey(clientOrderId);

    /// <summary>The client id of the algo order that became regular order <paramref name="orderId"/>.</summary>
    public bool TryGetTriggered(InstrumentId instrument, long orderId, out ClientOrderId clientOrderId) =>
        _triggered.TryGetValue((instrument, orderId), out clientOrderId);

    /// <summary>The regular order a triggered algo order of ours became, when known.</summary>
    public long? ActualOrderId(InstrumentId instrument, ClientOrderId clientOrderId)
    {
        foreach (var (key, value) in _triggered)
        {
            if (key.Instrument == instrument && value == clientOrderId)
            {
                return key.OrderId;
            }
        }

        return null;
    }
}
