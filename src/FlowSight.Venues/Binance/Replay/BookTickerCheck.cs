using FlowSight.Core;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Venues.Binance.Replay;

/// <summary>
/// The independent ground truth of a replay: every <c>bookTicker</c> whose <c>u</c> equals the <c>u</c> of an applied
/// diff must show the rebuilt book's best bid and ask, price and quantity. The two streams arrive in either order
/// (spot's 100 ms diffs trail the real-time ticker), so it keeps the top of book after each of the last applied
/// diffs, and holds tickers that are ahead of the book until their diff is applied or passed. Allocation-free.
/// </summary>
internal sealed class BookTickerCheck
{
    private const int HistorySize = 1024;
    private const int PendingSize = 4096;
    private readonly Top[] _history = new Top[HistorySize];
    private readonly QuoteTick[] _pending = new QuoteTick[PendingSize];
    private long _historyCount;
    private long _pendingHead;
    private long _pendingTail;

    public long Checked { get; private set; }

    public long Mismatched { get; private set; }

    /// <summary>The last ticker that disagreed with the book, for diagnostics.</summary>
    public QuoteTick? LastMismatch { get; private set; }

    /// <summary>Records the top of <paramref name="book"/> after the diff ending at <paramref name="updateId"/> and checks the tickers waiting for it.</summary>
    public void OnDiffApplied(L2OrderBook book, long updateId)
    {
        bool hasBid = book.TryGetBestBid(out var bid);
        bool hasAsk = book.TryGetBestAsk(out var ask);
        _history[_historyCount++ % HistorySize] = new Top(updateId, hasBid, bid, hasAsk, ask);
        while (_pendingHead < _pendingTail && _pending[_pendingHead % PendingSize].UpdateId <= updateId)
        {
            Check(_pending[_pendingHead++ % PendingSize]);
        }
    }

    /// <summary>Checks a ticker now when its update id has been reached, or holds it until it is.</summary>
    public void OnTicker(in QuoteTick quote, long bookUpdateId)
    {
        if (quote.UpdateId <= bookUpdateId)
        {
            Check(quote);
            return;
        }

        if (_pendingTail - _pendingHead == PendingSize)
        {
            _pendingHead++; // far ahead of a stalled book: the oldest can no longer be placed
        }

        _pending[_pendingTail++ % PendingSize] = quote;
    }

    private void Check(in QuoteTick quote)
    {
        // Newest first: the ticker's diff is almost always among the last few applied.
        long oldest = Math.Max(0, _historyCount - HistorySize);
        for (long i = _historyCount - 1; i >= oldest; i--)
        {
            ref readonly var top = ref _history[i % HistorySize];
            if (top.UpdateId < quote.UpdateId)
            {
                return; // no applied diff ends at this id
            }

            if (top.UpdateId == quote.UpdateId)
            {
                Checked++;
                bool same = top.HasBid && top.HasAsk
                    && top.Bid.Price == quote.BidPrice && top.Bid.Size == quote.BidSize
                    && top.Ask.Price == quote.AskPrice && top.Ask.Size == quote.AskSize;
                if (!same)
                {
                    Mismatched++;
                    LastMismatch = quote;
                }

                return;
            }
        }
    }

    private readonly record struct Top(long UpdateId, bool HasBid, BookLevel Bid, bool HasAsk, BookLevel Ask);
}
