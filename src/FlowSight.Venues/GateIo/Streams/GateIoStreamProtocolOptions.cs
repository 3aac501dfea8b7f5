namespace FlowSight.Venues.GateIo.Streams;

/// <summary>Settings of a <see cref="GateIoStreamProtocol"/>.</summary>
public sealed record GateIoStreamProtocolOptions
{
    /// <summary>The market: decides the ping channel (<c>spot.ping</c>, <c>futures.ping</c>).</summary>
    public GateIoMarket Market { get; init; } = GateIoMarket.Spot;

    /// <summary>How long to wait for Gate's reply to a subscribe or unsubscribe.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Silence after which an application ping is sent (Gate's own demo pings every 10 s).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the pong may take before the socket is given up.</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock for requests' <c>time</c> (Gate refuses requests more than 60 s off its own); system time when null.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PingInterval, TimeSpan.Zero, nameof(PingInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PongTimeout, TimeSpan.Zero, nameof(PongTimeout));
        if (Market is not (GateIoMarket.Spot or GateIoMarket.UsdtFutures))
        {
            throw new ArgumentOutOfRangeException(nameof(Market), Market, "Unknown Gate.io market.");
        }
    }
}
