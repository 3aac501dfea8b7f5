using FlowSight.Core;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.OrderBook;

namespace FlowSight.PaperVenue.Tests.Binance.Streams;

/// <summary>Stands in for the engine: keeps the books a data client publishes (snapshot, then diffs), with the last update id applied.</summary>
internal sealed class BookKeepingPublisher : IMarketDataPublisher, IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _published = new(0, int.MaxValue);
    private readonly Dictionary<InstrumentId, (L2OrderBook Book, long LastUpdateId)> _books = [];

    public long BookMessages { get; private set; }

    public void Publish(BookDeltas deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        lock (_gate)
        {
            BookMessages++;
            if (!_books.TryGetValue(deltas.Instrument, out var entry))
            {
                var set = deltas.Deltas.ToArray().FirstOrDefault(d => d.Action == BookAction.Set);
                if (set.Price.Raw == 0)
                {
                    return;
                }

                entry = (new L2OrderBook(deltas.Instrument, set.Price.Precision, set.Size.Precision, 4096), 0);
            }

            entry.Book.Apply(deltas);
            _books[deltas.Instrument] = (entry.Book, deltas.LastUpdateId);
        }

        _published.Release();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking after every book message; fails after <paramref name="timeout"/> (a safety net, not a budget).</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _published.WaitAsync(left))
            {
                throw new TimeoutException($"Timed out waiting for {what()}");
            }
        }
    }

    /// <summary>The update id the client's book of <paramref name="instrument"/> stands at (−1 before its snapshot).</summary>
    public long LastUpdateId(InstrumentId instrument)
    {
        lock (_gate)
        {
            return _books.TryGetValue(instrument, out var entry) ? entry.LastUpdateId : -1;
        }
    }

    public void Dispose() => _published.Dispose();

    /// <summary>The book's levels and the update id they stand at.</summary>
    public (long LastUpdateId, BookLevel[] Bids, BookLevel[] Asks) Snapshot(InstrumentId instrument)
    {
        lock (_gate)
        {
            if (!_books.TryGetValue(instrument, out var entry))
            {
                return (-1, [], []);
            }

            var bids = new BookLevel[entry.Book.BidCount];
            var asks = new BookLevel[entry.Book.AskCount];
            entry.Book.CopyLevels(OrderSide.Buy, bids);
            entry.Book.CopyLevels(OrderSide.Sell, asks);
            return (entry.LastUpdateId, bids, asks);
        }
    }

    public void Publish(in TradeTick trade)
    {
    }

    public void Publish(in QuoteTick quote)
    {
    }

    public void Publish(in Candle candle)
    {
    }

    public void Publish(in MarkPrice markPrice)
    {
    }

    public void Publish(in FundingRate fundingRate)
    {
    }

    public void Publish(in OpenInterest openInterest)
    {
    }

    public void Publish(in Liquidation liquidation)
    {
    }

    public void PublishObject<T>(T evt)
        where T : class
    {
    }
}
