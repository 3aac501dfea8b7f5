namespace FlowSight.Engine.Candles;

/// <summary>Limits of a <see cref="MemoryKlineStore"/>.</summary>
public sealed record MemoryKlineStoreOptions
{
    /// <summary>Candles kept per series (instrument × interval); the oldest go first.</summary>
    public int MaxCandlesPerSeries { get; init; } = 1000;

    /// <summary>Series kept; creating one more evicts the least recently written series.</summary>
    public int MaxSeries { get; init; } = 256;
}
