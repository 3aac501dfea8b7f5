namespace FlowSight.Venues.Network.Http;

/// <summary>
/// One reading of a venue's clock (OKX <c>public/time</c>), NTP-style: the server's time is taken to belong to the
/// midpoint of our send and receive times, so the offset is unbiased by a symmetric network delay.
/// </summary>
/// <param name="ServerTime">The venue's time, Unix nanoseconds.</param>
/// <param name="SentAt">When the request left, on our clock, Unix nanoseconds.</param>
/// <param name="ReceivedAt">When the answer arrived, on our clock, Unix nanoseconds.</param>
public readonly record struct ServerClockSample(long ServerTime, long SentAt, long ReceivedAt)
{
    /// <summary>The venue's clock minus ours.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks((ServerTime - (SentAt + ((ReceivedAt - SentAt) / 2))) / 100);

    /// <summary>The request's round trip on our clock.</summary>
    public TimeSpan RoundTrip => TimeSpan.FromTicks((ReceivedAt - SentAt) / 100);
}
