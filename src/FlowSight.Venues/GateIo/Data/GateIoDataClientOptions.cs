using FlowSight.Core;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.GateIo.Data;

/// <summary>Settings of a <see cref="GateIoDataClient"/>.</summary>
public sealed record GateIoDataClientOptions
{
    /// <summary>Spot or USDT futures.</summary>
    public required GateIoMarket Market { get; init; }

    /// <summary>Gate names (currency pairs or contracts), e.g. <c>BTC_USDT</c>.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>The channels subscribed per name.</summary>
    public GateIoDataStreams Streams { get; init; } = GateIoDataStreams.Default;

    /// <summary>The <c>order_book_update</c> interval (spot <c>100ms</c>; futures <c>20ms</c> or <c>100ms</c>).</summary>
    public string BookInterval { get; init; } = "100ms";

    /// <summary>Futures only: the depth the <c>order_book_update</c> covers (<c>"100"</c>, <c>"50"</c>, <c>"20"</c>), or null for Gate's default.</summary>
    public string? BookLevel { get; init; }

    /// <summary>Levels per side of a REST snapshot (Gate allows up to 100 on the with_id book).</summary>
    public int SnapshotLimit { get; init; } = 100;

    /// <summary>The candle interval when <see cref="GateIoDataStreams.Candlesticks"/> is on.</summary>
    public CandleInterval CandleInterval { get; init; } = CandleInterval.OneMinute;

    /// <summary>The WebSocket endpoint; Gate's host for the market when null.</summary>
    public Uri? StreamEndpoint { get; init; }

    /// <summary>The REST API root (<c>…/api/v4</c>); Gate's when null.</summary>
    public Uri? RestBaseUri { get; init; }

    /// <summary>Loads instrument specs (precisions, contract size) through the REST client first; books take a snapshot's precisions otherwise.</summary>
    public bool LoadInstruments { get; init; } = true;

    /// <summary>Instrument specs given by the caller (used for their precisions); they win over loaded ones.</summary>
    public IReadOnlyList<Instrument>? Specs { get; init; }

    /// <summary>Every received frame and snapshot body, for recording.</summary>
    public Engine.Replay.IRawFrameSink? RawFrames { get; init; }

    /// <summary>A last look at the connection's options (timeouts, backoff, jitter in tests).</summary>
    public Func<WebSocketConnectionOptions, WebSocketConnectionOptions>? ConfigureConnection { get; init; }

    /// <summary>Protocol settings (request timeout, ping interval).</summary>
    public Streams.GateIoStreamProtocolOptions? Protocol { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Names);
        if (Names.Count == 0 || Names.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one Gate.io currency pair or contract.", nameof(Names));
        }

        if (Market is not (GateIoMarket.Spot or GateIoMarket.UsdtFutures))
        {
            throw new ArgumentOutOfRangeException(nameof(Market), Market, "Unknown Gate.io market.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SnapshotLimit);
        ArgumentException.ThrowIfNullOrWhiteSpace(BookInterval);
    }
}
