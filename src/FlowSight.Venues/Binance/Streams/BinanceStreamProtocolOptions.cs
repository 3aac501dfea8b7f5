namespace FlowSight.Venues.Binance.Streams;

/// <summary>Settings of <see cref="BinanceStreamProtocol"/>.</summary>
public sealed record BinanceStreamProtocolOptions
{
    /// <summary>How long to wait for the reply to a <c>SUBSCRIBE</c>/<c>UNSUBSCRIBE</c>/<c>LIST_SUBSCRIPTIONS</c> once it is sent.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Stream names per <c>SUBSCRIBE</c>/<c>UNSUBSCRIBE</c> request: more are split over several requests (each one
    /// counts against the message rate). Binance documents no limit; 200 keeps each message a few KB.
    /// </summary>
    public int MaxStreamsPerRequest { get; init; } = 200;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxStreamsPerRequest, 1, nameof(MaxStreamsPerRequest));
    }
}
