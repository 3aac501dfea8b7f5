using System.Collections.Concurrent;
using FlowSight.Core;

namespace FlowSight.Venues.Okx.Trading;

/// <summary>
/// What one OKX client knows of its conditional (algo) orders: which of our client ids are algo orders (their
/// <c>algoClOrdId</c>), their <c>algoId</c>s, and the regular order each triggered one became (<c>ordId</c>, from the
/// <c>orders-algo</c> channel, the <c>orders</c> channel's <c>algoClOrdId</c> link or the algo queries), so that the
/// regular order's fills — which OKX lists without a <c>clOrdId</c> — are attributed to our client id. Thread-safe.
/// </summary>
internal sealed class OkxAlgoOrderIds
{
    private readonly ConcurrentDictionary<ClientOrderId, string> _algoIds = new();
    private readonly ConcurrentDictionary<(InstrumentId Instrument, string OrdId), ClientOrderId> _triggered = new();

    /// <summary>Remembers an algo order (<paramref name="algoId"/> empty while not yet known) and, once triggered, its regular order.</summary>
    public void Remember(InstrumentId instrument, ClientOrderId clientOrderId, string? algoId, string? ordId)
    {
        if (clientOrderId.IsDefault)
        {
            return;
        }

        if (algoId is { Length: > 0 })
        {
            _algoIds[clientOrderId] = algoId;
        }
        else
        {
            _algoIds.TryAdd(clientOrderId, string.Empty);
        }

        if (ordId is { Length: > 0 })
        {
            _triggered[(instrument, ordId)] = clientOrderId;
        }
    }

    /// <summary>True when the client id is an algo order of ours.</summary>
    public bool IsAlgo(ClientOrderId clientOrderId) => _algoIds.ContainsKey(clientOrderId);

    /// <summary>The algoId of an algo order of ours, null while unknown.</summary>
    public string? AlgoId(ClientOrderId clientOrderId) =>
        _algoIds.TryGetValue(clientOrderId, out var algoId) && algoId.Length > 0 ? algoId : null;

    /// <summary>The client id of the algo order that became regular order <paramref name="ordId"/>.</summary>
    public bool TryGetTriggered(InstrumentId instrument, string ordId, out ClientOrderId clientOrderId) =>
        _triggered.TryGetValue((instrument, ordId), out clientOrderId);

    /// <summary>The regular order a triggered algo order of ours became, when known.</summary>
    public string? OrdId(InstrumentId instrument, ClientOrderId clientOrderId)
    {
        foreach (var (key, value) in _triggered)
        {
            if (key.Instrument == instrument && value == clientOrderId)
            {
                return key.OrdId;
            }
        }

        return null;
    }
}
