namespace FlowSight.Cli.Watch;

/// <summary>One row of the order-book ladder, formatted as the venue sends it.</summary>
/// <param name="Price">The level's price text.</param>
/// <param name="Size">The level's quantity text.</param>
/// <param name="Cumulative">Quantity from the touch to this level, for the depth bar.</param>
internal sealed record LadderRow(string Price, string Size, decimal Cumulative);

/// <summary>A trade on the tape.</summary>
/// <param name="Time">Venue trade time.</param>
/// <param name="BuyerAggressor">True when the buyer took liquidity.</param>
/// <param name="Price">Price text.</param>
/// <param name="Size">Quantity text.</param>
internal sealed record TapeRow(DateTimeOffset Time, bool BuyerAggressor, string Price, string Size);

/// <summary>
/// Everything the terminal view shows at one instant, copied out of engine state on the engine thread so that the
/// UI thread renders without touching it.
/// </summary>
internal sealed record WatchSnapshot
{
    public required string Instrument { get; init; }

    public required string Connection { get; init; }

    public string? ConnectionReason { get; init; }

    public bool Synced { get; init; }

    public long LastUpdateId { get; init; }

    public IReadOnlyList<LadderRow> Bids { get; init; } = [];

    public IReadOnlyList<LadderRow> Asks { get; init; } = [];

    public IReadOnlyList<TapeRow> Trades { get; init; } = [];

    public string? Spread { get; init; }

    public string? Mid { get; init; }

    public string? Microprice { get; init; }

    public double? Imbalance { get; init; }

    public double MessagesPerSecond { get; init; }

    public double DepthPerSecond { get; init; }

    public double TradesPerSecond { get; init; }

    public long LatencyP50Nanos { get; init; }

    public long LatencyP99Nanos { get; init; }

    public long LatencyP999Nanos { get; init; }

    public long Gaps { get; init; }

    public long Resyncs { get; init; }

    public long Malformed { get; init; }

    public long Reconnects { get; init; }
}
