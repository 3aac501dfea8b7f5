namespace FlowSight.Simulator.Markets.Replay;

/// <summary>Fixed order-entry and feed delays.</summary>
public sealed class ConstantLatency : ILatencyModel
{
    /// <summary>No delay either way: orders act on the book as it is when they are sent.</summary>
    public static ConstantLatency Zero { get; } = new(0, 0);

    /// <summary>Creates the model.</summary>
    /// <param name="orderEntryNanos">Request to exchange, nanoseconds (≥ 0).</param>
    /// <param name="feedNanos">Exchange to us, nanoseconds (≥ 0).</param>
    public ConstantLatency(long orderEntryNanos, long feedNanos)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(orderEntryNanos);
        ArgumentOutOfRangeException.ThrowIfNegative(feedNanos);
        OrderEntryNanos = orderEntryNanos;
        FeedNanos = feedNanos;
    }

    /// <summary>Request to exchange, nanoseconds.</summary>
    public long OrderEntryNanos { get; }

    /// <summary>Exchange to us, nanoseconds.</summary>
    public long FeedNanos { get; }

    /// <inheritdoc/>
    public long OrderEntryLatency(long sendTime) => OrderEntryNanos;

    /// <inheritdoc/>
    public long FeedLatency(long exchangeTime) => FeedNanos;
}
