using FlowSight.Venues.Network;

namespace FlowSight.Venues.GateIo.Streams;

/// <summary>Settings of a <see cref="GateIoStreamClient"/>.</summary>
public sealed record GateIoStreamClientOptions
{
    /// <summary>The market (spot or USDT futures): decides the host and the channel prefix.</summary>
    public GateIoMarket Market { get; init; } = GateIoMarket.Spot;

    /// <summary>The WebSocket endpoint; Gate's host for <see cref="Market"/> when null (tests point it at a local server).</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Messages per second sent on the socket (subscriptions are one request per topic).</summary>
    public int MaxMessagesPerSecond { get; init; } = 10;

    /// <summary>Protocol settings; its <see cref="GateIoStreamProtocolOptions.Market"/> is replaced by <see cref="Market"/>.</summary>
    public GateIoStreamProtocolOptions? Protocol { get; init; }

    /// <summary>A last look at the connection's options (timeouts, backoff, jitter in tests).</summary>
    public Func<WebSocketConnectionOptions, WebSocketConnectionOptions>? ConfigureConnection { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxMessagesPerSecond);
        if (Market is not (GateIoMarket.Spot or GateIoMarket.UsdtFutures))
        {
            throw new ArgumentOutOfRangeException(nameof(Market), Market, "Unknown Gate.io market.");
        }
    }
}
