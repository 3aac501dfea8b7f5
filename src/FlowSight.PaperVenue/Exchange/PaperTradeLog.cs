using FlowSight.Core;

namespace FlowSight.PaperVenue.Exchange;

/// <summary>The most recent public trades of one instrument (Binance <c>GET trades</c> serves up to 1,000). Exchange thread only.</summary>
public sealed class PaperTradeLog
{
    private readonly TradeTick[] _ring;
    private long _count;

    /// <summary>Keeps the last <paramref name="capacity"/> trades.</summary>
    public PaperTradeLog(int capacity = 1000) => _ring = new TradeTick[capacity];

    /// <summary>How many trades were ever added.</summary>
    public long Count => _count;

    /// <summary>The last trade, if any.</summary>
    public bool TryGetLast(out TradeTick trade)
    {
        if (_count == 0)
        {
            trade = default;
            return false;
        }

        trade = _ring[(_count - 1) % _ring.Length];
        return true;
    }

    /// <summary>Adds a trade.</summary>
    public void Add(in TradeTick trade) => _ring[_count++ % _ring.Length] = trade;

    /// <summary>Up to <paramref name="limit"/> most recent trades, oldest first.</summary>
    public List<TradeTick> Recent(int limit)
    {
        var n = (int)Math.Min(Math.Min(limit, _ring.Length), _count);
        var result = new List<TradeTick>(n);
        for (var i = _count - n; i < _count; i++)
        {
            result.Add(_ring[i % _ring.Length]);
        }

        return result;
    }
}
