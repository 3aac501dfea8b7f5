using FlowSight.Core;
using FlowSight.Venues.Binance.Streams;

namespace FlowSight.Venues.Binance.Data;

/// <summary>What a <see cref="BinanceDataClient"/> connects to and subscribes.</summary>
public sealed record BinanceDataClientOptions
{
    /// <summary>Spot, USDⓈ-M or COIN-M.</summary>
    public required BinanceMarket Market { get; init; }

    /// <summary>Binance symbols, e.g. <c>BTCUSDT</c>.</summary>
    public required IReadOnlyList<string> Symbols { get; init; }

    /// <summary>The streams to subscribe for every symbol.</summary>
    public BinanceDataStreams Streams { get; init; } = BinanceDataStreams.Default;

    /// <summary>Update speed of the depth diff stream.</summary>
    public BinanceDepthSpeed DepthSpeed { get; init; } = BinanceDepthSpeed.Default;

    /// <summary>Levels of the REST snapshot that seeds each book (Binance: 5 … 1000 on futures, … 5000 on spot).</summary>
    public int SnapshotLimit { get; init; } = 1000;

    /// <summary>Candle interval when <see cref="BinanceDataStreams.Klines"/> is subscribed.</summary>
    public CandleInterval KlineInterval { get; init; } = CandleInterval.OneMinute;

    /// <summary>The WebSocket base (e.g. <c>ws://127.0.0.1:5000</c> for a local server); Binance's when null.</summary>
    public Uri? StreamBaseUri { get; init; }

    /// <summary>The REST base; Binance's when null.</summary>
    public Uri? RestBaseUri { get; init; }

    /// <summary>
    /// Use Binance's routed futures endpoints (<c>/public</c>, <c>/market</c>). Local test servers and the paper venue
    /// serve the classic paths, so they set this to false.
    /// </summary>
    public bool UseRoutedEndpoints { get; init; } = true;

    /// <summary>
    /// Also receives every raw frame exactly as it arrived, and every REST depth snapshot body, in arrival order: the
    /// recorder's input (the hftbacktest-compatible format keeps snapshots in the same stream).
    /// </summary>
    public Engine.Replay.IRawFrameSink? RawFrames { get; init; }

    /// <summary>Adjusts each connection's settings (backoff, watchdog, rotation), e.g. for tests.</summary>
    public Func<Network.WebSocketConnectionOptions, Network.WebSocketConnectionOptions>? ConfigureConnection { get; init; }

    /// <summary>Load <c>exchangeInfo</c> first, so books use the instruments' tick and lot precisions.</summary>
    public bool LoadInstruments { get; init; } = true;

    /// <summary>Checks the options and lists every problem.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (Symbols.Count == 0)
        {
            errors.Add("at least one symbol is required");
        }

        foreach (var symbol in Symbols)
        {
            if (string.IsNullOrWhiteSpace(symbol) || symbol.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '_')))
            {
                errors.Add($"'{symbol}' is not a Binance symbol (letters, digits and '_', e.g. BTCUSDT)");
            }
        }

        if (Streams == BinanceDataStreams.None)
        {
            errors.Add("no streams selected");
        }

        if (Market == BinanceMarket.Spot && (Streams & (BinanceDataStreams.MarkPrice | BinanceDataStreams.Liquidations)) != 0)
        {
            errors.Add("mark price and liquidation streams exist on futures only");
        }

        if (SnapshotLimit is < 5 or > 5000)
        {
            errors.Add($"SnapshotLimit must be 5 … 5000, was {SnapshotLimit}");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Binance data client options: " + string.Join("; ", errors) + ".");
        }
    }
}
