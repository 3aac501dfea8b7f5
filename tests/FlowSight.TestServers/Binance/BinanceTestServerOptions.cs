namespace FlowSight.TestServers.Binance;

/// <summary>
/// Settings of a <see cref="BinanceTestServer"/>. Partial so the REST side can add its own settings in its own file.
/// </summary>
public sealed partial class BinanceTestServerOptions
{
    /// <summary>The market imitated (message-rate limit; REST paths).</summary>
    public BinanceServerMarket Market { get; init; } = BinanceServerMarket.UsdM;

    /// <summary>The port on 127.0.0.1; 0 picks a free one (read <see cref="BinanceTestServer.HttpBaseUri"/>).</summary>
    public int Port { get; init; }

    /// <summary>A recording to serve (hftbacktest format, gzip or plain); none when null (tests can publish their own frames).</summary>
    public string? RecordingPath { get; init; }

    /// <summary>Reads at most this many lines of the recording.</summary>
    public int MaxRecordingLines { get; init; } = int.MaxValue;

    /// <summary>How the recording is published.</summary>
    public WsPacing Pacing { get; init; } = WsPacing.Manual;

    /// <summary>For <see cref="WsPacing.Recorded"/>: 2 plays twice as fast.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>For the automatic pacings: start over at the end.</summary>
    public bool Loop { get; init; }

    /// <summary>The clock for pacing, reply delays and the message-rate check; tests share their fake clock with the client.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Incoming messages per second per connection before the server closes it with 1008, as Binance does; null uses
    /// the market's limit (spot 5, futures 10); 0 disables the check. Counted on <see cref="TimeProvider"/>.
    /// </summary>
    public int? MaxIncomingMessagesPerSecond { get; init; }

    /// <summary>Streams per connection; a <c>SUBSCRIBE</c> beyond it gets an error reply.</summary>
    public int MaxStreamsPerConnection { get; init; } = 1024;

    /// <summary>
    /// When set, the server pings every connection this often (real time: it is the runtime's keep-alive) and drops it
    /// when no pong comes back within <see cref="PongTimeout"/>.
    /// </summary>
    public TimeSpan? PingInterval { get; init; }

    /// <summary>How long the server waits for a pong after a ping (with <see cref="PingInterval"/>).</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Writes the server's logs to the console (the command-line server); tests keep it quiet.</summary>
    public bool LogToConsole { get; init; }

    /// <summary>The effective incoming-message limit.</summary>
    internal int IncomingMessagesPerSecond => MaxIncomingMessagesPerSecond ?? (Market == BinanceServerMarket.Spot ? 5 : 10);
}
