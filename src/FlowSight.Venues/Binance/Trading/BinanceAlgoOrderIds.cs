using FlowSight.Core;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// What one USDⓈ-M client knows of its algo orders: which of our client ids are algo orders (so a cancel or query
/// goes to the algo service first), which still wait for their trigger, and the regular order each triggered one
/// became (<c>actualOrderId</c>, from <c>ALGO_UPDATE</c> <c>ai</c> or the algo queries), so that the regular order's
/// fills (its <c>ORDER_TRADE_UPDATE</c>s and <c>userTrades</c>) are attributed to our client id. Thread-safe.
/// </summary>
/// <remarks>
/// Bounded: an order is kept while it works and, once final, among the latest <see cref="MaxFinished"/> final ones,
/// so that late duplicates of its events (a user stream and REST race) are still recognised; older final orders are
/// forgotten. A quoting strategy that places stops all day therefore holds a fixed amount of memory.
/// </remarks>
internal sealed class BinanceAlgoOrderIds
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ClientOrderId, Entry> _orders = [];
    private readonly Dictionary<(InstrumentId Instrument, long OrderId), ClientOrderId> _triggered = [];
    private readonly Queue<ClientOrderId> _finished = new();

    /// <summary>Keeps up to <paramref name="maxFinished"/> final orders besides the working ones.</summary>
    public BinanceAlgoOrderIds(int maxFinished = DefaultMaxFinished)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFinished);
        MaxFinished = maxFinished;
    }

    /// <summary>Final orders kept by default.</summary>
    public const int DefaultMaxFinished = 4096;

    /// <summary>How many final orders are kept to recognise late events.</summary>
    public int MaxFinished { get; }

    /// <summary>Orders known (working and kept final ones).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _orders.Count;
            }
        }
    }

    /// <summary>Regular order ids known as triggered algo orders of ours.</summary>
    public int TriggeredCount
    {
        get
        {
            lock (_gate)
            {
                return _triggered.Count;
            }
        }
    }

    /// <summary>
    /// Remembers an algo order (<paramref name="algoId"/> 0 while not yet known) and, once triggered, its regular
    /// order; <paramref name="final"/> when this report ends it (filled, canceled, expired, rejected).
    /// </summary>
    public void Remember(InstrumentId instrument, ClientOrderId clientOrderId, long algoId, long? actualOrderId, bool final = false)
    {
        if (clientOrderId.IsDefault)
        {
            return;
        }

        lock (_gate)
        {
            if (!_orders.TryGetValue(clientOrderId, out var entry))
            {
                entry = new Entry(instrument);
                _orders.Add(clientOrderId, entry);
            }

            if (algoId != 0)
            {
                entry.AlgoId = algoId;
            }

            if (actualOrderId is { } actual and not 0 && entry.ActualOrderId != actual)
            {
                entry.ActualOrderId = actual;
                _triggered[(entry.Instrument, actual)] = clientOrderId;
            }

            if (final)
            {
                FinishLocked(clientOrderId, entry);
            }
        }
    }

    /// <summary>Marks the order final (its regular order ended): kept among the latest final ones, then forgotten.</summary>
    public void Finish(ClientOrderId clientOrderId)
    {
        lock (_gate)
        {
            if (_orders.TryGetValue(clientOrderId, out var entry))
            {
                FinishLocked(clientOrderId, entry);
            }
        }
    }

    /// <summary>True when the client id is an algo order of ours.</summary>
    public bool IsAlgo(ClientOrderId clientOrderId)
    {
        lock (_gate)
        {
            return _orders.ContainsKey(clientOrderId);
        }
    }

    /// <summary>True while an algo order of ours on <paramref name="instrument"/> waits for its trigger (not final, no regular order known).</summary>
    public bool HasWaiting(InstrumentId instrument)
    {
        lock (_gate)
        {
            foreach (var entry in _orders.Values)
            {
                if (entry.Instrument == instrument && !entry.Final && entry.ActualOrderId == 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The client id of the algo order that became regular order <paramref name="orderId"/>.</summary>
    public bool TryGetTriggered(InstrumentId instrument, long orderId, out ClientOrderId clientOrderId)
    {
        lock (_gate)
        {
            return _triggered.TryGetValue((instrument, orderId), out clientOrderId);
        }
    }

    /// <summary>The regular order a triggered algo order of ours became, when known.</summary>
    public long? ActualOrderId(InstrumentId instrument, ClientOrderId clientOrderId)
    {
        lock (_gate)
        {
            return _orders.TryGetValue(clientOrderId, out var entry) && entry.Instrument == instrument && entry.ActualOrderId != 0
                ? entry.ActualOrderId
                : null;
        }
    }

    private void FinishLocked(ClientOrderId clientOrderId, Entry entry)
    {
        if (entry.Final)
        {
            return;
        }

        entry.Final = true;
        _finished.Enqueue(clientOrderId);
        while (_finished.Count > MaxFinished)
        {
            var oldest = _finished.Dequeue();
            if (_orders.Remove(oldest, out var gone) && gone.ActualOrderId != 0)
            {
                _triggered.Remove((gone.Instrument, gone.ActualOrderId));
            }
        }
    }

    private sealed class Entry(InstrumentId instrument)
    {
        public InstrumentId Instrument { get; } = instrument;

        public long AlgoId { get; set; }

        public long ActualOrderId { get; set; }

        public bool Final { get; set; }
    }
}
