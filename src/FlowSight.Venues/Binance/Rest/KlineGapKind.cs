namespace FlowSight.Venues.Binance.Rest;

/// <summary>Where in a backfilled range candles are missing.</summary>
public enum KlineGapKind : byte
{
    /// <summary>Between two candles that are more than one interval apart.</summary>
    Interior = 1,

    /// <summary>Before the first candle returned (e.g. before the symbol was listed).</summary>
    Leading = 2,

    /// <summary>After the last candle returned, up to the range's end or the present.</summary>
    Trailing = 3,

    /// <summary>Binance returned no candle at all for the range.</summary>
    WholeRange = 4,
}
