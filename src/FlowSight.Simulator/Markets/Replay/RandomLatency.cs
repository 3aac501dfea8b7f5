namespace FlowSight.Simulator.Markets.Replay;

/// <summary>
/// A base delay plus an exponentially distributed jitter (a few slow messages, most near the base, as measured
/// round trips look), capped so one outlier cannot stall a backtest. Seeded: the same seed gives the same delays.
/// </summary>
public sealed class RandomLatency : ILatencyModel
{
    private readonly Random _random;

    /// <summary>Creates the model.</summary>
    /// <param name="seed">Seed of the model's own generator.</param>
    /// <param name="orderEntryBaseNanos">Smallest request-to-exchange delay.</param>
    /// <param name="orderEntryMeanJitterNanos">Mean extra delay on top of the base.</param>
    /// <param name="feedBaseNanos">Smallest exchange-to-us delay.</param>
    /// <param name="feedMeanJitterNanos">Mean extra delay on top of the base.</param>
    /// <param name="maxJitterMultiple">The jitter is capped at this many means.</param>
    public RandomLatency(int seed, long orderEntryBaseNanos, long orderEntryMeanJitterNanos, long feedBaseNanos, long feedMeanJitterNanos, int maxJitterMultiple = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(orderEntryBaseNanos);
        ArgumentOutOfRangeException.ThrowIfNegative(orderEntryMeanJitterNanos);
        ArgumentOutOfRangeException.ThrowIfNegative(feedBaseNanos);
        ArgumentOutOfRangeException.ThrowIfNegative(feedMeanJitterNanos);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxJitterMultiple, 1);
#pragma warning disable CA5394 // simulation, not security: a seeded generator is the point
        _random = new Random(seed);
#pragma warning restore CA5394
        OrderEntryBaseNanos = orderEntryBaseNanos;
        OrderEntryMeanJitterNanos = orderEntryMeanJitterNanos;
        FeedBaseNanos = feedBaseNanos;
        FeedMeanJitterNanos = feedMeanJitterNanos;
        MaxJitterMultiple = maxJitterMultiple;
    }

    /// <summary>Smallest request-to-exchange delay.</summary>
    public long OrderEntryBaseNanos { get; }

    /// <summary>Mean extra request-to-exchange delay.</summary>
    public long OrderEntryMeanJitterNanos { get; }

    /// <summary>Smallest exchange-to-us delay.</summary>
    public long FeedBaseNanos { get; }

    /// <summary>Mean extra exchange-to-us delay.</summary>
    public long FeedMeanJitterNanos { get; }

    /// <summary>The jitter cap, in means.</summary>
    public int MaxJitterMultiple { get; }

    /// <inheritdoc/>
    public long OrderEntryLatency(long sendTime) => OrderEntryBaseNanos + Jitter(OrderEntryMeanJitterNanos);

    /// <inheritdoc/>
    public long FeedLatency(long exchangeTime) => FeedBaseNanos + Jitter(FeedMeanJitterNanos);

    private long Jitter(long mean)
    {
        if (mean == 0)
        {
            return 0;
        }

#pragma warning disable CA5394 // simulation, not security
        double u = _random.NextDouble();
#pragma warning restore CA5394
        double draw = -Math.Log(1.0 - u) * mean; // a delay, not a price: double is fine, rounded to whole ns below
        double cap = (double)mean * MaxJitterMultiple;
        return (long)Math.Min(draw, cap);
    }
}
