namespace FlowSight.Venues.Binance.Rest;

/// <summary>
/// One reading of Binance's clock (<c>time</c>), NTP-style: the server's time is taken to belong to the midpoint of
/// our send and receive times, so the offset is unbiased by a symmetric network delay.
/// </summary>
/// <param name="ServerTime">Binance's <c>serverTime</c>, Unix nanoseconds.</param>
/// <param name="SentAt">When the request left, on our clock, Unix nanoseconds.</param>
/// <param name="ReceivedAt">When the answer arrived, on our clock, Unix nanoseconds.</param>
public readonly record struct ServerTimeSample(long ServerTime, long SentAt, long ReceivedAt)
{
    /// <summary>Binance's clock minus ours.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks((ServerTime - (SentAt + ((ReceivedAt - SentAt) / 2))) / 100);

    /// <summary>The request's round trip on our clock.</summary>
    public TimeSpan RoundTrip => TimeSpan.FromTicks((ReceivedAt - SentAt) / 100);
}
