using FlowSight.Venues.Network;

namespace FlowSight.Venues.Binance.Streams;

/// <summary>Settings of a <see cref="BinanceStreamClient"/>.</summary>
public sealed record BinanceStreamClientOptions
{
    /// <summary>The market whose streams are subscribed.</summary>
    public required BinanceMarket Market { get; init; }

    /// <summary>The WebSocket base URL; null uses the production one (<see cref="BinanceStreamEndpoints.DefaultBase"/>). Tests point it at 127.0.0.1.</summary>
    public Uri? BaseUri { get; init; }

    /// <summary>
    /// Whether USDⓈ-M streams are split over the <c>/public</c> and <c>/market</c> paths (required by Binance since
    /// 2026-04-23). Turn off for a server that serves every stream at the root.
    /// </summary>
    public bool UseRoutedEndpoints { get; init; } = true;

    /// <summary>Streams per connection; more streams open more connections (Binance: 1024).</summary>
    public int MaxStreamsPerConnection { get; init; } = BinanceStreamLimits.MaxStreamsPerConnection;

    /// <summary>
    /// Outgoing messages per second per connection; null uses the market's limit minus one, the headroom for the pongs
    /// and keep-alives the runtime sends on its own (which Binance counts too).
    /// </summary>
    public int? MaxMessagesPerSecond { get; init; }

    /// <summary>Request timeout and batching.</summary>
    public BinanceStreamProtocolOptions Protocol { get; init; } = new();

    /// <summary>
    /// Adjusts each connection's options (backoff, circuit breaker, watchdog, rotation, keep-alive...) after the client
    /// filled in the name, endpoint, message rate and rotation interval, e.g. <c>o =&gt; o with { WatchdogTimeout = null }</c>.
    /// The default watchdog (30 s without a frame) suits streams that tick every few seconds or faster (depth, book
    /// ticker, trades of a liquid symbol, <c>markPrice@1s</c>, klines); raise or disable it for connections that carry
    /// only rare events such as <c>@forceOrder</c>, or they will be reconnected while merely quiet.
    /// </summary>
    public Func<WebSocketConnectionOptions, WebSocketConnectionOptions>? ConfigureConnection { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxStreamsPerConnection, 1, nameof(MaxStreamsPerConnection));
        if (MaxMessagesPerSecond is { } rate)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(rate, 1, nameof(MaxMessagesPerSecond));
        }

        ArgumentNullException.ThrowIfNull(Protocol);
        Protocol.Validate();
    }
}
