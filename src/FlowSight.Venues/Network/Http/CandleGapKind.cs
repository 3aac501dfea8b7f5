namespace FlowSight.Venues.Network.Http;

/// <summary>Where in a backfilled range candles are missing.</summary>
public enum CandleGapKind : byte
{
    /// <summary>Between two candles that are more than one interval apart.</summary>
    Interior = 1,

    /// <summary>Before the first candle returned (e.g. before the instrument was listed).</summary>
    Leading = 2,

    /// <summary>After the last candle returned, up to the range's end or the present.</summary>
    Trailing = 3,

    /// <summary>The venue returned no candle at all for the range.</summary>
    WholeRange = 4,
}
