using FlowSight.Core;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.Tests.Binance.Data;

/// <summary>
/// Stands in for the engine: applies published book messages to its own books and counts the rest, and wakes
/// waiters on every event so tests wait on conditions instead of sleeping.
/// </summary>
internal sealed class CollectingPublisher : IMarketDataPublisher
{
    private readonly Lock _gate = new();
    private readonly Dictionary<InstrumentId, L2OrderBook> _books = [];
    private readonly List<ConnectionStateChanged> _states = [];
    private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Trades { get; private set; }

    public long Quotes { get; private set; }

    public long BookMessages { get; private set; }

    public long Snapshots { get; private set; }

    public IReadOnlyList<ConnectionStateChanged> States
    {
        get
        {
            lock (_gate)
            {
                return [.. _states];
            }
        }
    }

    public void Publish(in TradeTick trade) => Touch(() => Trades++);

    public void Publish(in QuoteTick quote) => Touch(() => Quotes++);

    public void Publish(BookDeltas deltas)
    {
        var copy = deltas; // applied under the lock, before the caller reuses the batch
        Touch(() =>
        {
            BookMessages++;
            if (!_books.TryGetValue(copy.Instrument, out var book))
            {
                var levels = copy.Deltas.ToArray().Where(d => d.Action == BookAction.Set).ToList();
                if (levels.Count == 0)
                {
                    return; // no level with a price yet (a Clear, or a diff with no level): nothing tells the precision
                }

                book = new L2OrderBook(copy.Instrument, levels[0].Price.Precision, levels[0].Size.Precision);
                _books[copy.Instrument] = book;
            }

            book.Apply(copy);
            if (copy.IsSnapshot)
            {
                Snapshots++;
            }
        });
    }

    public void Publish(in Candle candle) => Touch(() => { });

    public void Publish(in MarkPrice markPrice) => Touch(() => { });

    public void Publish(in FundingRate fundingRate) => Touch(() => { });

    public void Publish(in OpenInterest openInterest) => Touch(() => { });

    public void Publish(in Liquidation liquidation) => Touch(() => { });

    public void PublishObject<T>(T evt)
        where T : class => Touch(() =>
    {
        if (evt is ConnectionStateChanged change)
        {
            _states.Add(change);
        }
    });

    public override string ToString()
    {
        lock (_gate)
        {
            return string.Join("; ", _books.Select(b => $"{b.Key}: {b.Value.BidCount} bids {b.Value.AskCount} asks p{b.Value.PricePrecision}/{b.Value.SizePrecision} rejected {b.Value.RejectedDeltas} u {b.Value.LastUpdateId}"));
        }
    }

    /// <summary>Copies the top levels of a side of the book, under the lock.</summary>
    public BookLevel[] Top(InstrumentId instrument, OrderSide side, int levels)
    {
        lock (_gate)
        {
            if (!_books.TryGetValue(instrument, out var book))
            {
                return [];
            }

            var buffer = new BookLevel[levels];
            var count = book.CopyLevels(side, buffer);
            return buffer[..count];
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking after every published event.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task next;
            lock (_gate)
            {
                next = _pulse.Task;
            }

            if (condition())
            {
                return;
            }

            try
            {
                await next.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token);
            }
            catch (TimeoutException)
            {
                // Conditions on state outside this publisher (e.g. the client's counters) are re-checked periodically.
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }
        }
    }

    private void Touch(Action change)
    {
        TaskCompletionSource pulse;
        lock (_gate)
        {
            change();
            pulse = _pulse;
            _pulse = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        pulse.TrySetResult();
    }
}
