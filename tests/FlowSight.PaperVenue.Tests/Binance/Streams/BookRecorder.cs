using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Streams;

/// <summary>
/// The oracle: a feed registered after the Binance streams, so on every tick it sees the book exactly as the depth
/// streams just published it, and keeps a copy of the levels for each update id it saw (the most recent
/// <see cref="Capacity"/>). Also completes <see cref="Reached"/> once exchange time passes a target.
/// </summary>
internal sealed class BookRecorder(PaperMarket market, long until) : IPaperFeed
{
    private const int Capacity = 8192;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (BookLevel[] Bids, BookLevel[] Asks)> _byId = [];
    private readonly Queue<long> _order = new();
    private long _last = -1;

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Ticks { get; private set; }

    public void OnTick(long now)
    {
        Ticks++;
        if (now >= until)
        {
            Reached.TrySetResult();
        }

        var book = market.Book;
        if (book.UpdateId == _last)
        {
            return;
        }

        _last = book.UpdateId;
        var bids = new BookLevel[book.Levels.BidCount];
        var asks = new BookLevel[book.Levels.AskCount];
        book.Levels.CopyLevels(OrderSide.Buy, bids);
        book.Levels.CopyLevels(OrderSide.Sell, asks);
        lock (_gate)
        {
            _byId[book.UpdateId] = (bids, asks);
            _order.Enqueue(book.UpdateId);
            if (_order.Count > Capacity)
            {
                _byId.Remove(_order.Dequeue());
            }
        }
    }

    /// <summary>The book's levels when its update id was <paramref name="updateId"/> (as a tick saw it).</summary>
    public bool TryGet(long updateId, out (BookLevel[] Bids, BookLevel[] Asks) levels)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(updateId, out levels);
        }
    }
}
