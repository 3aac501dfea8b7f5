namespace FlowSight.Venues.Binance.Streams;

/// <summary>
/// The update speed suffix of a depth stream. Spot diff depth: 1000 ms by default or 100 ms; spot partial depth:
/// 1000 ms or 100 ms. USDⓈ-M / COIN-M diff and partial depth: 250 ms by default, 500 ms or 100 ms.
/// </summary>
public enum BinanceDepthSpeed : byte
{
    /// <summary>No suffix: the market's default speed.</summary>
    Default = 0,

    /// <summary><c>@100ms</c>.</summary>
    Milliseconds100,

    /// <summary><c>@250ms</c> (futures; the same as the default there).</summary>
    Milliseconds250,

    /// <summary><c>@500ms</c> (futures).</summary>
    Milliseconds500,
}
