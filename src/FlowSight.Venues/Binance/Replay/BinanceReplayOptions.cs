namespace FlowSight.Venues.Binance.Replay;

/// <summary>Options of a <see cref="BinanceReplay"/>.</summary>
public sealed class BinanceReplayOptions
{
    /// <summary>The market of the recording, or null to detect it from stream names, URLs and message shapes.</summary>
    public BinanceMarket? Market { get; init; }

    /// <summary>The symbol registry (shared with other components), or null for a private one that registers symbols on first sight.</summary>
    public BinanceSymbolRegistry? Registry { get; init; }

    /// <summary>Levels per side pre-allocated in each book.</summary>
    public int BookCapacity { get; init; } = 2048;

    /// <summary>Frames held while the market is still unknown; a recording that has not revealed it by then cannot be replayed without <see cref="Market"/>.</summary>
    public int MaxFramesBeforeDetection { get; init; } = 100_000;
}
