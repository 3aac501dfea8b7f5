using FlowSight.Core;
using FlowSight.Venues.Okx.Streams;

namespace FlowSight.Venues.Okx.Data;

/// <summary>What an <see cref="OkxDataClient"/> connects to and subscribes.</summary>
public sealed record OkxDataClientOptions
{
    /// <summary>OKX instIds, e.g. <c>BTC-USDT</c>, <c>BTC-USDT-SWAP</c>, <c>BTC-USD-250328</c>.</summary>
    public required IReadOnlyList<string> InstIds { get; init; }

    /// <summary>The channels to subscribe for every instrument.</summary>
    public OkxDataChannels Channels { get; init; } = OkxDataChannels.Default;

    /// <summary>The candle bar with <see cref="OkxDataChannels.Candles"/> (<c>1m</c>, <c>1H</c>, <c>1D</c>…).</summary>
    public string CandleBar { get; init; } = "1m";

    /// <summary>The WebSocket base (e.g. <c>ws://127.0.0.1:5000</c> for a local server); OKX's when null.</summary>
    public Uri? StreamBaseUri { get; init; }

    /// <summary>The REST base; OKX's when null.</summary>
    public Uri? RestBaseUri { get; init; }

    /// <summary>Load the instruments' specs from <c>public/instruments</c> first (ignored when <see cref="Specs"/> is given).</summary>
    public bool LoadInstruments { get; init; } = true;

    /// <summary>Specs to use instead of loading them (their precisions size the books).</summary>
    public IReadOnlyList<Instrument>? Specs { get; init; }

    /// <summary>Protocol settings (request timeout, heartbeat interval, limits).</summary>
    public OkxStreamProtocolOptions Protocol { get; init; } = new();

    /// <summary>The data watchdog of each connection (see <see cref="OkxStreamClientOptions.WatchdogTimeout"/>).</summary>
    public TimeSpan? WatchdogTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Also receives every raw frame exactly as it arrived (the recorder's input).</summary>
    public Engine.Replay.IRawFrameSink? RawFrames { get; init; }

    /// <summary>Adjusts each connection's settings (backoff, watchdog…), e.g. for tests.</summary>
    public Func<Network.WebSocketConnectionOptions, Network.WebSocketConnectionOptions>? ConfigureConnection { get; init; }

    /// <summary>The first wait before a failed resubscription is tried again (doubling up to 30 s).</summary>
    public TimeSpan ResubscribeRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks the options and lists every problem.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (InstIds is null || InstIds.Count == 0)
        {
            errors.Add("at least one instId is required");
        }

        foreach (var instId in InstIds ?? [])
        {
            if (string.IsNullOrWhiteSpace(instId) || instId.Any(c => !(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-' || c == '_')))
            {
                errors.Add($"'{instId}' is not an OKX instId (upper-case letters, digits and '-', e.g. BTC-USDT-SWAP)");
            }
        }

        if (Channels == OkxDataChannels.None)
        {
            errors.Add("no channels selected");
        }

        if ((Channels & OkxDataChannels.Candles) != 0 && !Parsing.OkxCandleIntervals.TryParse(System.Text.Encoding.ASCII.GetBytes(CandleBar ?? string.Empty), out _))
        {
            errors.Add($"'{CandleBar}' is not an OKX candle bar FlowSight supports (1m, 5m, 1H, 1D…)");
        }

        if (ResubscribeRetryDelay <= TimeSpan.Zero)
        {
            errors.Add("ResubscribeRetryDelay must be positive");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid OKX data client options: " + string.Join("; ", errors) + ".");
        }
    }
}
