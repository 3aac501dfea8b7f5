namespace FlowSight.Simulator.Markets.Replay;

/// <summary>Options of a <see cref="ReplayMarket"/>.</summary>
public sealed class ReplayMarketOptions
{
    /// <summary>Order-entry and feed delays; none by default.</summary>
    public ILatencyModel Latency { get; init; } = ConstantLatency.Zero;

    /// <summary>How cancellations at our level move our queue position.</summary>
    public QueueCancellationModel Cancellations { get; init; } = QueueCancellationModel.Proportional;

    /// <summary>
    /// Whether the recorded trades and book levels are also passed to the listener (after the feed latency), so a
    /// strategy can take its market data from the same place as its fills. Off when the caller feeds market data
    /// to the strategy itself.
    /// </summary>
    public bool ForwardMarketData { get; init; } = true;

    /// <summary>Where order ids come from: an exchange's shared sequence, so ids stay unique across its markets; null numbers this market's orders from 1.</summary>
    public Matching.IdSequence? OrderIds { get; init; }

    /// <summary>Book levels per side to pre-allocate.</summary>
    public int BookCapacity { get; init; } = 2048;
}
