namespace FlowSight.Venues.Okx.Streams;

/// <summary>Settings of <see cref="OkxStreamProtocol"/>.</summary>
public sealed record OkxStreamProtocolOptions
{
    /// <summary>How long to wait for every argument's acknowledgement once a request is sent.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Silence after which the text <c>ping</c> is sent (OKX closes a connection silent for 30 s).</summary>
    public TimeSpan PingInterval { get; init; } = OkxStreamLimits.DefaultPingInterval;

    /// <summary>How long to wait for the <c>pong</c> before the socket is dropped and reconnected.</summary>
    public TimeSpan PongTimeout { get; init; } = OkxStreamLimits.DefaultPongTimeout;

    /// <summary>The most bytes of <c>args</c> per request; more are split over several requests (OKX: 64 KB).</summary>
    public int MaxArgsBytesPerRequest { get; init; } = OkxStreamLimits.MaxArgsBytesPerRequest;

    /// <summary>Subscribe/unsubscribe requests allowed per hour per socket; further requests wait (OKX: 480).</summary>
    public int MaxRequestsPerHour { get; init; } = OkxStreamLimits.SubscriptionRequestsPerHour;

    /// <summary>
    /// Send the optional request <c>id</c> that OKX echoes in its replies (acknowledgements are matched by their
    /// <c>arg</c> either way; the id is what ties an <c>error</c> reply to its request).
    /// </summary>
    public bool SendRequestIds { get; init; } = true;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PingInterval, TimeSpan.Zero, nameof(PingInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PongTimeout, TimeSpan.Zero, nameof(PongTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxArgsBytesPerRequest, 64, nameof(MaxArgsBytesPerRequest));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestsPerHour, 1, nameof(MaxRequestsPerHour));
    }
}
