using FlowSight.Core;
using FlowSight.Engine.Hosting;

namespace FlowSight.PaperVenue.Tests.Okx;

/// <summary>Counts what an adapter publishes and wakes waiters on every book message.</summary>
internal sealed class CountingPublisher : IMarketDataPublisher, IDisposable
{
    private readonly SemaphoreSlim _published = new(0, int.MaxValue);
    private long _books;
    private long _trades;
    private long _quotes;
    private long _candles;
    private long _marks;
    private long _funding;

    public long BookMessages => Interlocked.Read(ref _books);

    public long Trades => Interlocked.Read(ref _trades);

    public long Quotes => Interlocked.Read(ref _quotes);

    public long Candles => Interlocked.Read(ref _candles);

    public long Marks => Interlocked.Read(ref _marks);

    public long Funding => Interlocked.Read(ref _funding);

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking after every publish; fails after <paramref name="timeout"/>.</summary>
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

    public void Dispose() => _published.Dispose();

    public void Publish(in TradeTick trade) => Touch(ref _trades);

    public void Publish(in QuoteTick quote) => Touch(ref _quotes);

    public void Publish(BookDeltas deltas) => Touch(ref _books);

    public void Publish(in Candle candle) => Touch(ref _candles);

    public void Publish(in MarkPrice markPrice) => Touch(ref _marks);

    public void Publish(in FundingRate fundingRate) => Touch(ref _funding);

    public void Publish(in OpenInterest openInterest)
    {
    }

    public void Publish(in Liquidation liquidation)
    {
    }

    public void PublishObject<T>(T evt)
        where T : class => _published.Release();

    private void Touch(ref long counter)
    {
        Interlocked.Increment(ref counter);
        _published.Release();
    }
}
